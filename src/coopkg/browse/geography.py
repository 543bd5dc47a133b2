"""Where the projects of a view are: counts and budgets per NUTS 2 or NUTS 3 region (for
a choropleth) and the places that have coordinates (for points), as GeoJSON.

Budgets are summed per currency: amounts in different currencies are never added up.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..geo import boundaries
from .table import Row


@dataclass
class RegionStat:
    code: str
    projects: int = 0
    budgets: dict[str, float] = field(default_factory=lambda: defaultdict(float))


def region_stats(rows: Iterable[Row], level: int) -> dict[str, RegionStat]:
    """Per region of `level`, the projects taking place in it and their budgets."""
    length = boundaries.CODE_LENGTH[level]
    out: dict[str, RegionStat] = {}
    for row in rows:
        for code in row.values.get("nuts", set()):
            if len(code) != length:
                continue
            stat = out.setdefault(code, RegionStat(code))
            stat.projects += 1
            if row.budget is not None:
                stat.budgets[row.currency or "unknown currency"] += row.budget
    return out


def currencies(stats: Iterable[RegionStat]) -> list[str]:
    """The currencies budgets are stated in, in the most regions first (amounts in
    different currencies are not compared)."""
    counter: Counter[str] = Counter()
    for stat in stats:
        counter.update(stat.budgets.keys())
    return [c for c, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]


def regions_geojson(stats: dict[str, RegionStat], level: int) -> dict[str, Any]:
    """The regions of every country a region with projects lies in (those without
    projects at zero, for context), each with its figures as properties."""
    countries = {code[:2] for code in stats}
    features = []
    for feature in boundaries.features(level):
        props = feature["properties"]
        if props.get("CNTR_CODE") not in countries:
            continue
        code = props["NUTS_ID"]
        stat = stats.get(code, RegionStat(code))
        features.append(
            {
                "type": "Feature",
                "id": code,
                "geometry": feature["geometry"],
                "properties": {
                    "code": code,
                    "name": props.get("NUTS_NAME") or code,
                    "projects": stat.projects,
                    "budgets": dict(stat.budgets),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def points(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """Every place with coordinates, with the projects of the view that take place there."""
    by_place: dict[str, dict[str, Any]] = {}
    for row in rows:
        for place in row.places.values():
            if place.point is None:
                continue
            entry = by_place.setdefault(
                place.iri,
                {
                    "place": place.iri,
                    "label": place.label,
                    "lon": place.point[0],
                    "lat": place.point[1],
                    "projects": [],
                },
            )
            entry["projects"].append({"id": row.iri, "title": row.title})
    return sorted(by_place.values(), key=lambda p: (p["label"], p["place"]))
