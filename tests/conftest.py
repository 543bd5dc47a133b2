"""Shared fixtures: the repository's paths, a seed store built in memory, a fresh app."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from flask import Flask
from flask.testing import FlaskClient

from coopkg.build import build
from coopkg.server import create_app
from coopkg.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"


def copy_data(target: Path) -> Path:
    """A private copy of data/ (sources, records, registries) that a test may change."""
    for sub in ("sources", "records", "registries"):
        shutil.copytree(DATA / sub, target / sub)
    return target


@pytest.fixture(scope="session")
def seed_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_data(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="session")
def seed_store(seed_data: Path) -> ox.Store:
    """The five seed projects, built once for the session into an in-memory store."""
    db = ox.Store()
    build(Settings(data_dir=seed_data, store=":memory:"), db=db)
    return db


@pytest.fixture()
def app(seed_store: ox.Store) -> Iterator[Flask]:
    yield create_app(Settings(store=":memory:"), store=seed_store)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()
