"""`coopkg export-records`: records rebuilt from the store through the flat-view queries.

The round trip record → RDF → store → record shows that the graph keeps every
fact of the record format; a test scores it against the gold records.
"""

from __future__ import annotations

import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .queries import rows, run_named, select


def _number(text: str | None) -> float | int | None:
    if text is None:
        return None
    d = Decimal(text)
    return int(d) if d == d.to_integral_value() else float(d)


def _flat(db: ox.Store, name: str) -> list[dict[str, str | None]]:
    return rows(run_named(db, name))[1]


def export_records(db: ox.Store) -> dict[str, dict[str, Any]]:
    """Source file name → record dict (record format v1)."""
    by_project: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for r in _flat(db, "project-identifiers"):
        by_project[str(r["project"])]["identifiers"].append(r["identifier"])
    for r in _flat(db, "project-funds"):
        by_project[str(r["project"])]["funds"].append(r["fund"])
    for r in _flat(db, "project-amounts"):
        item: dict[str, Any] = {
            "kind": r["kind"],
            "value": _number(r["value"]),
            "currency": r["currency"],
        }
        if r["holder"]:
            item["holder"] = r["holder"]
        by_project[str(r["project"])]["amounts"].append(item)
    for r in _flat(db, "project-organisations"):
        by_project[str(r["project"])]["organisations"].append(
            {"name": r["name"], "role": r["role"], "country": r["country"]}
        )
    for r in _flat(db, "project-places"):
        by_project[str(r["project"])]["places"].append({"name": r["name"], "country": r["country"]})
    for r in _flat(db, "project-outcomes"):
        by_project[str(r["project"])]["outcomes"].append(
            {
                "value": _number(r["value"]),
                "unit": r["unit"],
                "status": r["status"],
                "description": r["description"],
            }
        )

    records: dict[str, dict[str, Any]] = {}
    languages = {str(s["file"]): s["language"] for s in _source_languages(db)}
    for r in _flat(db, "projects"):
        source = str(r["source"])
        record = records.setdefault(
            source, {"source": {"file": source, "language": languages.get(source)}, "projects": []}
        )
        lists = by_project[str(r["project"])]
        record["projects"].append(
            {
                "title": r["title"],
                "identifiers": lists["identifiers"],
                "programme": r["programme"],
                "funds": lists["funds"],
                "start": r["start"],
                "end": r["end"],
                "amounts": lists["amounts"],
                "cofinancing_rate": _number(r["cofinancingRate"]),
                "organisations": lists["organisations"],
                "places": lists["places"],
                "outcomes": lists["outcomes"],
            }
        )
    return records


def _source_languages(db: ox.Store) -> list[dict[str, str | None]]:
    q = (
        "SELECT ?file ?language WHERE { GRAPH ?g { "
        "?s <https://w3id.org/coopkg/ontology#fileName> ?file "
        "OPTIONAL { ?s <http://purl.org/dc/terms/language> ?language } } }"
    )
    return rows(select(db, q))[1]


def write_records(records: dict[str, dict[str, Any]], out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for source, record in sorted(records.items()):
        target = out / (source.rsplit(".", 1)[0] + ".json")
        target.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        written.append(target)
    return written
