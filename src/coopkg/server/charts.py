"""`/charts/<name>.csv` and `/charts/<name>.json`: the figures of a chart for the
projects of a `/projects` view (or of one place, organisation or programme), drawn by
`static/charts.js` on the pages and offered as CSV beside each chart."""

from __future__ import annotations

from flask import Blueprint, Response, jsonify, request

from ..browse.charts import CHARTS, Chart, chart
from ..browse.facets import View
from ..errors import NotFound
from .projects import browse_table, scoped_rows

bp = Blueprint("charts", __name__)


def _figures(name: str) -> Chart:
    if name not in CHARTS:
        raise NotFound(f"no chart named {name!r}; charts: {', '.join(CHARTS)}")
    view = View.from_args(request.args.to_dict(flat=False))
    return chart(name, scoped_rows(view), browse_table())


@bp.route("/charts/<name>.json")
def chart_json(name: str) -> Response:
    return jsonify(_figures(name).as_dict())


@bp.route("/charts/<name>.csv")
def chart_csv(name: str) -> Response:
    return Response(
        _figures(name).csv(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'inline; filename="{name}.csv"'},
    )
