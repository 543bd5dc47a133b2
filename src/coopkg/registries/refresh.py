"""`coopkg registries refresh`: the Wikidata slice that verifies QIDs, fetched with SPARQLWrapper.

It asks a SPARQL endpoint (Wikidata's public one by default) for items of the
region's countries that carry a GeoNames ID (P1566), with their TERYT code
(P1653) where they have one, and writes `data/registries/wikidata_places.csv`.
A QID from Who's On First is then asserted only when Wikidata itself gives the
same GeoNames ID for it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import logging
from pathlib import Path

from SPARQLWrapper import JSON, POST, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from ..errors import BadInput
from . import snapshots as registries

log = logging.getLogger(__name__)

WIKIDATA_ENDPOINT = "https://query.wikidata.org/sparql"
COUNTRIES = {"Q36": "PL", "Q213": "CZ", "Q214": "SK", "Q212": "UA", "Q37": "LT"}
SLICE = "wikidata_places.csv"

QUERY = """
PREFIX wd: <http://www.wikidata.org/entity/>
PREFIX wdt: <http://www.wikidata.org/prop/direct/>
SELECT ?item ?country ?geonames ?teryt WHERE {
  VALUES ?country { %s }
  ?item wdt:P17 ?country ;
        wdt:P1566 ?geonames .
  OPTIONAL { ?item wdt:P1653 ?teryt }
}
ORDER BY ?item ?geonames
LIMIT %d OFFSET %d
"""


def refresh(
    endpoint: str = WIKIDATA_ENDPOINT,
    directory: Path | None = None,
    page_size: int = 50_000,
    timeout: int = 120,
) -> int:
    """Fetch the slice page by page (results are never silently truncated) and write it."""
    target = directory or registries.registry_dir()
    client = SPARQLWrapper(endpoint, agent="coopkg registries refresh")
    client.setReturnFormat(JSON)
    client.setMethod(POST)
    client.setTimeout(timeout)
    values = " ".join(f"wd:{q}" for q in COUNTRIES)
    rows: list[dict[str, str]] = []
    offset = 0
    while True:
        client.setQuery(QUERY % (values, page_size, offset))
        try:
            result = client.queryAndConvert()
        except (SPARQLWrapperException, OSError, ValueError) as e:
            raise BadInput(
                f"{endpoint}: the Wikidata query failed ({e.__class__.__name__}: {e})"
            ) from None
        if not isinstance(result, dict):
            raise BadInput(f"{endpoint}: not a SPARQL JSON result")
        bindings = result.get("results", {}).get("bindings", [])
        for b in bindings:
            qid = b["item"]["value"].rsplit("/", 1)[-1]
            country = COUNTRIES.get(b["country"]["value"].rsplit("/", 1)[-1], "")
            rows.append(
                {
                    "qid": qid,
                    "country": country,
                    "geonames": b["geonames"]["value"],
                    "teryt": b.get("teryt", {}).get("value", ""),
                }
            )
        if len(bindings) < page_size:
            break
        offset += page_size
    target.mkdir(parents=True, exist_ok=True)
    path = target / SLICE
    tmp = path.with_suffix(".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f, fieldnames=["qid", "country", "geonames", "teryt"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(
            sorted(rows, key=lambda r: (r["country"], int(r["qid"][1:]), r["geonames"]))
        )
    tmp.replace(path)
    _update_manifest(target, path, endpoint, len(rows))
    log.info("wrote %d Wikidata items to %s", len(rows), path)
    return len(rows)


def _update_manifest(directory: Path, path: Path, endpoint: str, count: int) -> None:
    manifest = directory / registries.MANIFEST
    entries: list[dict[str, str]] = []
    if manifest.exists():
        with manifest.open(encoding="utf-8", newline="") as f:
            entries = [r for r in csv.DictReader(f) if r["file"] != SLICE]
    entries.append(
        {
            "file": SLICE,
            "source": f"SPARQL endpoint {endpoint} (P17, P1566, P1653)",
            "licence": "CC0 (Wikidata)",
            "date": dt.date.today().isoformat(),
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "rows": str(count),
        }
    )
    with manifest.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(
            f,
            fieldnames=["file", "source", "licence", "date", "sha256", "rows"],
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(entries)
