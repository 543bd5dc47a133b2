"""POST /validate: check anyone's RDF (or a record) against coopkg's shapes.

The report comes as JSON (default), Turtle or an HTML page, by Accept. Bodies are
size-limited by the app; a syntax error is a 400 that names the line.
"""

from __future__ import annotations

import json
from pathlib import PurePath
from typing import Any

from flask import Blueprint, Response, render_template, request

from ..convert.graph import convert_record
from ..errors import BadInput
from ..records import parse_record
from ..validate.reading import RDF_FORMATS, parse_rdf
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


# what "Try an example" puts in the form: a project with a rate written as a percentage
# and two required statements missing, so the report shows what the shapes say
EXAMPLE = """@prefix coop: <https://w3id.org/coopkg/ontology#> .
@prefix dct: <http://purl.org/dc/terms/> .

<https://example.org/project/1> a coop:Project ;
    dct:title "Wspólna sieć bibliotek"@pl ;
    coop:coFinancingRate 85 .
"""

# an uploaded file's syntax, by its name's ending (a record is .json)
BY_SUFFIX = {**RDF_FORMATS, ".json": "record"}


def _form_page(report: Any, text: str) -> Response:
    page = render_template("validate.html", report=report, text=text, example=EXAMPLE)
    return Response(page, mimetype="text/html")


@bp.route("/validate", methods=["GET"])
def validate_form() -> Response:
    return _form_page(None, EXAMPLE if request.args.get("example") else "")


def _from_form() -> tuple[bytes, str, str]:
    """The form's upload (a file wins over the text box): bytes, syntax, text to show."""
    upload = request.files.get("file")
    if upload is not None and upload.filename:
        data = upload.read()
        suffix = PurePath(upload.filename).suffix.lower()
        chosen = request.form.get("syntax", "")
        fmt = BY_SUFFIX.get(suffix) or CONTENT_TYPES.get(chosen, "")
        if not fmt:
            raise BadInput(
                f"cannot tell the syntax of {upload.filename!r}: name it .ttl .nt .nq .trig "
                ".jsonld .rdf or .json (a record), or choose the syntax"
            )
        return data, fmt, ""
    text = request.form.get("data", "")
    syntax = request.form.get("syntax", "text/turtle")
    fmt = "record" if syntax == "application/json" else CONTENT_TYPES.get(syntax, "turtle")
    return text.encode("utf-8"), fmt, text


@bp.route("/validate", methods=["POST"])
def validate() -> Response:
    mimetype = request.mimetype
    if mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        data, fmt, text = _from_form()
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
        return _form_page(report, text)
    payload = json.loads(format_json(report))
    payload["graphs"] = len(graphs)
    return Response(json.dumps(payload, ensure_ascii=False), mimetype="application/json")
