"""`/map`: the projects of a `/projects` view on a map — points at their places and a
choropleth of counts or budgets per NUTS 2 / NUTS 3 region, each region a link to the
list narrowed to it. The boundaries and Leaflet are installed files; nothing is fetched
from the internet at run time."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, current_app, jsonify, render_template, request, url_for

from ..browse import geography
from ..browse.facets import View
from ..errors import BadInput
from ..geo import boundaries
from .entities import local_path
from .projects import scoped_rows

bp = Blueprint("maps", __name__)


def _level() -> int:
    raw = request.args.get("level", "2")
    if raw not in ("2", "3"):
        raise BadInput(f"level must be 2 (NUTS 2) or 3 (NUTS 3), not {raw!r}")
    return int(raw)


def _list_link(view: View, code: str) -> str:
    params = view.params(None if code in view.chosen.get("nuts", ()) else ("nuts", code))
    return "/projects?" + urlencode(params)


def map_data(view: View, level: int) -> dict[str, Any]:
    rows = scoped_rows(view)
    stats = geography.region_stats(rows, level)
    regions = geography.regions_geojson(stats, level)
    for feature in regions["features"]:
        feature["properties"]["list"] = _list_link(view, feature["id"])
    return {
        "level": level,
        "projects": len(rows),
        "boundaries": boundaries.installed(),
        "currencies": geography.currencies(stats.values()),
        "regions": regions,
        "countries": url_for("static", filename=f"vendor/nuts/{boundaries.COUNTRIES_FILE}")
        if boundaries.countries_installed()
        else None,
        "points": [
            {
                **p,
                "href": local_path(p["place"]),
                "projects": [
                    {**project, "href": local_path(project["id"])} for project in p["projects"]
                ],
            }
            for p in geography.points(rows)
        ],
    }


@bp.route("/map/data.json")
def data() -> Response:
    view = View.from_args(request.args.to_dict(flat=False))
    return jsonify(map_data(view, _level()))


@bp.route("/map/regions.csv")
def regions_csv() -> Response:
    """The choropleth's figures: one line per region with projects, one budget column
    per currency."""
    view = View.from_args(request.args.to_dict(flat=False))
    level = _level()
    stats = geography.region_stats(scoped_rows(view), level)
    money = geography.currencies(stats.values())
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["nuts", "name", "level", "projects", *(f"budget_{c}" for c in money)])
    for code in sorted(stats):
        region = boundaries.region(code)
        stat = stats[code]
        budgets = [stat.budgets.get(c, "") for c in money]
        writer.writerow([code, region.name if region else "", level, stat.projects, *budgets])
    return Response(out.getvalue(), mimetype="text/csv")


@bp.route("/map")
def map_page() -> str:
    view = View.from_args(request.args.to_dict(flat=False))
    level = _level()
    query = urlencode([*view.params(), ("level", str(level))])
    return render_template(
        "map.html",
        view=view,
        level=level,
        data_url="/map/data.json?" + query,
        csv_url="/map/regions.csv?" + query,
        list_url="/projects?" + urlencode(view.params()),
        other_level="/map?" + urlencode([*view.params(), ("level", "3" if level == 2 else "2")]),
        boundaries=boundaries.installed(),
    )


def leaflet_installed() -> bool:
    static = current_app.static_folder
    return static is not None and (Path(static) / "vendor" / "leaflet" / "leaflet.js").is_file()
