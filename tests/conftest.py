"""Shared fixtures: the repository's paths, a seed store built in memory, a fresh app."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from benchmarks import virtuoso_local as virtuoso_server
from flask import Flask
from flask.testing import FlaskClient

from coopkg.build.run import build
from coopkg.search import SearchIndex, build_index
from coopkg.server import create_app
from coopkg.settings import Settings
from coopkg.stores.embedded import open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = ROOT / "data"


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(reason: str) -> None:
    """A fixture the test needs is not here: skip on a developer's machine, fail in CI
    (`CI=true`), where the set-up provides everything and a skip would hide a gap."""
    if in_ci():
        pytest.fail(f"{reason} (required when CI=true)")
    pytest.skip(reason)


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


@pytest.fixture(scope="session")
def seed_search(seed_store: ox.Store) -> SearchIndex:
    """The search index of the seed store (in memory)."""
    return build_index(seed_store)


@pytest.fixture()
def app(seed_store: ox.Store) -> Iterator[Flask]:
    yield create_app(Settings(store=":memory:"), store=seed_store)


@pytest.fixture()
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[virtuoso_server.Virtuoso]:
    """A Virtuoso server of this session's own on 127.0.0.1 (see tests/virtuoso.py)."""
    if not virtuoso_server.available():
        if virtuoso_server.required():
            pytest.fail("virtuoso-t is not installed (scripts/install-virtuoso)")
        missing("virtuoso-t is not installed (scripts/install-virtuoso)")
    server = virtuoso_server.start(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def virtuoso_settings(virtuoso: virtuoso_server.Virtuoso, seed_data: Path) -> Settings:
    """Settings of a coopkg whose store is the session's Virtuoso, built from the seeds."""
    settings = Settings(data_dir=seed_data, store=virtuoso.location, **virtuoso.settings_for_writes)
    build(settings)
    return settings


@pytest.fixture(scope="session")
def virtuoso_store(virtuoso_settings: Settings) -> ox.Store:
    return open_store(virtuoso_settings.store, settings=virtuoso_settings)


@pytest.fixture(params=["oxigraph", "virtuoso"])
def any_store(request: pytest.FixtureRequest) -> ox.Store:
    """The seed graph on each backend: the embedded store and a remote Virtuoso."""
    name = "seed_store" if request.param == "oxigraph" else "virtuoso_store"
    store = request.getfixturevalue(name)
    assert isinstance(store, ox.Store) or type(store).__name__ == "RemoteStore"
    return store  # type: ignore[no-any-return]
