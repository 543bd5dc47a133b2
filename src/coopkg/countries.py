"""ISO 3166-1 country names, from the registry snapshot shipped in data/registries/."""

from __future__ import annotations

import csv
from functools import cache

from . import paths


@cache
def country_names() -> dict[str, str]:
    path = paths.home() / "data" / "registries" / "iso3166_1_countries.csv"
    with path.open(encoding="utf-8", newline="") as f:
        return {row["alpha_2"]: row["common_name"] or row["name"] for row in csv.DictReader(f)}


def country_name(code: str) -> str:
    return country_names().get(code.upper(), code.upper())
