"""POST /validate: check anyone's RDF (or a record) against coopkg's shapes.

The report comes as JSON (default), Turtle or an HTML page, by Accept. Bodies are
size-limited by the app; a syntax error is a 400 that names the line.
"""

from __future__ import annotations

import json

from flask import Blueprint, Response, render_template, request

from ..convert.graph import convert_record
from ..errors import BadInput
from ..records import parse_record
from ..validate.reading import parse_rdf
from ..validate.report import format_json, format_turtle, merge_reports
from ..validate.shacl import validate_graph
from .negotiation import choose

bp = Blueprint("validation", __name__)

CONTENT_TYPES = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/n-triples": "nt",
    "text/plain": "nt",
    "application/n-quads": "nquads",
    "application/trig": "trig",
    "application/ld+json": "json-ld",
    "application/rdf+xml": "xml",
}


@bp.route("/validate", methods=["GET"])
def validate_form() -> Response:
    return Response(render_template("validate.html", report=None, text=""), mimetype="text/html")


@bp.route("/validate", methods=["POST"])
def validate() -> Response:
    mimetype = request.mimetype
    if mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        text = request.form.get("data", "")
        fmt = CONTENT_TYPES.get(request.form.get("syntax", "text/turtle"), "turtle")
        data = text.encode("utf-8")
    else:
        data = request.get_data()
        text = ""
        fmt = "record" if mimetype == "application/json" else CONTENT_TYPES.get(mimetype, "")
    if not data.strip():
        raise BadInput("nothing to validate: send RDF or a record in the body")
    if fmt == "record":
        try:
            record = parse_record(data.decode("utf-8"), "the record")
        except UnicodeDecodeError:
            raise BadInput("the record is not UTF-8") from None
        graphs = [("record", convert_record(record))]
    elif fmt:
        graphs = parse_rdf(data, fmt, "the upload")
    else:
        raise BadInput(
            f"cannot validate {mimetype or 'a body without a content type'}; send one of "
            + ", ".join(sorted({*CONTENT_TYPES, "application/json"}))
        )
    report = merge_reports([validate_graph(g, source=name) for name, g in graphs])
    media = choose(["application/json", "text/turtle", "text/html"], "application/json")
    if media == "text/turtle":
        return Response(format_turtle(report), content_type="text/turtle; charset=utf-8")
    if media == "text/html":
        return Response(
            render_template("validate.html", report=report, text=text), mimetype="text/html"
        )
    payload = json.loads(format_json(report))
    payload["graphs"] = len(graphs)
    return Response(json.dumps(payload, ensure_ascii=False), mimetype="application/json")
