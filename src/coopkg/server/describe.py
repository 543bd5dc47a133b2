"""Self-description: the SPARQL service description, VoID/DCAT statistics and dated dumps."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, send_file, url_for

from ..errors import NotFound
from ..queries import run_sparql
from .negotiation import GRAPH_FORMATS, choose
from .pages import dataset_counts

bp = Blueprint("describe", __name__)

SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
XSD = "http://www.w3.org/2001/XMLSchema#"

RESULT_FORMAT_IRIS = [
    "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "http://www.w3.org/ns/formats/Turtle",
    "http://www.w3.org/ns/formats/N-Triples",
    "http://www.w3.org/ns/formats/JSON-LD",
    "http://www.w3.org/ns/formats/RDF_XML",
]


def _t(s: str, p: str, o: ox.NamedNode | ox.Literal | ox.BlankNode) -> ox.Triple:
    subject = ox.BlankNode(s[2:]) if s.startswith("_:") else ox.NamedNode(s)
    return ox.Triple(subject, ox.NamedNode(p), o)


def _rdf(triples: list[ox.Triple]) -> Response:
    media = choose([*GRAPH_FORMATS, "text/html"], "text/turtle")
    if media == "text/html":
        media = "text/turtle"
    fmt, rdf_format = GRAPH_FORMATS[media]
    body = (
        ox.serialize(
            triples,
            format=rdf_format,
            prefixes={"sd": SD, "void": VOID, "dcat": DCAT, "dct": DCT, "xsd": XSD},
        )
        if rdf_format in (ox.RdfFormat.TURTLE,)
        else ox.serialize(triples, format=rdf_format)
    )
    resp = Response(body or b"", content_type=f"{fmt.media_type}; charset=utf-8")
    resp.headers["Vary"] = "Accept"
    return resp


def service_description() -> Response:
    """GET /sparql without a query: the page for browsers, sd:Service for programs."""
    accept = request.accept_mimetypes
    if accept.best == "text/html" or (
        accept["text/html"] >= accept["text/turtle"]
        and accept["text/html"] > 0
        and "text/html" in str(accept)
    ):
        from .pages import index

        return index()
    settings = current_app.config["COOPKG_SETTINGS"]
    endpoint = url_for("sparql.sparql", _external=True)
    s = "_:service"
    triples = [
        _t(s, RDF_TYPE, ox.NamedNode(SD + "Service")),
        _t(s, SD + "endpoint", ox.NamedNode(endpoint)),
        _t(s, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Query")),
        _t(s, SD + "feature", ox.NamedNode(SD + "EmptyGraphs")),
        _t(s, SD + "defaultDataset", ox.BlankNode("dataset")),
        _t("_:dataset", RDF_TYPE, ox.NamedNode(SD + "Dataset")),
        _t("_:dataset", VOID + "sparqlEndpoint", ox.NamedNode(endpoint)),
        _t("_:dataset", SD + "defaultGraph", ox.BlankNode("default")),
        _t("_:default", RDF_TYPE, ox.NamedNode(SD + "Graph")),
        _t(
            s,
            "https://w3id.org/coopkg/ontology#resultLimit",
            ox.Literal(str(settings.max_rows), datatype=ox.NamedNode(XSD + "integer")),
        ),
        _t(
            s,
            "https://w3id.org/coopkg/ontology#queryTimeout",
            ox.Literal(str(settings.query_timeout), datatype=ox.NamedNode(XSD + "decimal")),
        ),
    ]
    if settings.union_default_graph:
        triples.append(_t(s, SD + "feature", ox.NamedNode(SD + "UnionDefaultGraph")))
    if settings.write_token:
        triples.append(_t(s, SD + "supportedLanguage", ox.NamedNode(SD + "SPARQL11Update")))
    triples += [_t(s, SD + "resultFormat", ox.NamedNode(f)) for f in RESULT_FORMAT_IRIS]
    return _rdf(triples)


PARTITIONS = {
    "classes": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } "
    "GROUP BY ?class ORDER BY ?class",
    "properties": "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
    "totals": "SELECT (COUNT(DISTINCT ?s) AS ?subjects) (COUNT(DISTINCT ?o) AS ?objects) "
    "WHERE { ?s ?p ?o }",
}


Partition = list[tuple[ox.NamedNode, int]]


def _partitions(db: ox.Store) -> tuple[tuple[int, int], Partition, Partition]:
    """(distinct subjects, objects), class and property partitions: full scans of the
    store, so computed once a store version and worker."""

    def scan() -> tuple[tuple[int, int], Partition, Partition]:
        totals = next(iter(run_sparql(db, PARTITIONS["totals"])))
        return (
            (int(totals["subjects"].value), int(totals["objects"].value)),
            [(r["class"], int(r["n"].value)) for r in run_sparql(db, PARTITIONS["classes"])],
            [(r["p"], int(r["n"].value)) for r in run_sparql(db, PARTITIONS["properties"])],
        )

    partitions: tuple[tuple[int, int], Partition, Partition] = current_app.config[
        "COOPKG_STORE"
    ].per_version("void", scan)
    return partitions


@bp.route("/.well-known/void")
def void() -> Response:
    """VoID and DCAT description with counts and class/property partitions."""
    db = current_app.config["COOPKG_STORE"].get()
    base = request.host_url.rstrip("/")
    ds = f"{base}/.well-known/void#dataset"
    integer = ox.NamedNode(XSD + "integer")

    def n(value: int) -> ox.Literal:
        return ox.Literal(str(value), datatype=integer)

    triples = [
        _t(ds, RDF_TYPE, ox.NamedNode(VOID + "Dataset")),
        _t(ds, RDF_TYPE, ox.NamedNode(DCAT + "Dataset")),
        _t(
            ds,
            DCT + "title",
            ox.Literal("coopkg: cooperation projects knowledge graph", language="en"),
        ),
        _t(
            ds,
            DCT + "description",
            ox.Literal(
                "Cooperation projects of local governments, NGOs and cross-border partners, with "
                "their partners, territories, funding and outcomes, linked to open registries.",
                language="en",
            ),
        ),
        _t(ds, VOID + "sparqlEndpoint", ox.NamedNode(f"{base}/sparql")),
        _t(
            ds,
            VOID + "uriSpace",
            ox.Literal(current_app.config["COOPKG_SETTINGS"].base_iri + "id/"),
        ),
        _t(ds, VOID + "vocabulary", ox.NamedNode("https://w3id.org/coopkg/ontology#")),
        _t(ds, VOID + "triples", n(dataset_counts()["quads"])),
        _t(ds, DCAT + "landingPage", ox.NamedNode(f"{base}/")),
    ]
    totals, classes, props = _partitions(db)
    triples += [
        _t(ds, VOID + "distinctSubjects", n(totals[0])),
        _t(ds, VOID + "distinctObjects", n(totals[1])),
    ]
    triples += [
        _t(ds, VOID + "classes", n(len(classes))),
        _t(ds, VOID + "properties", n(len(props))),
    ]
    for i, row in enumerate(classes):
        part = f"{ds}-class-{i}"
        triples += [
            _t(ds, VOID + "classPartition", ox.NamedNode(part)),
            _t(part, VOID + "class", row[0]),
            _t(part, VOID + "entities", n(row[1])),
        ]
    for i, row in enumerate(props):
        part = f"{ds}-property-{i}"
        triples += [
            _t(ds, VOID + "propertyPartition", ox.NamedNode(part)),
            _t(part, VOID + "property", row[0]),
            _t(part, VOID + "triples", n(row[1])),
        ]
    for dump in _dumps():
        url = f"{base}/dumps/{dump.name}"
        triples += [
            _t(ds, VOID + "dataDump", ox.NamedNode(url)),
            _t(ds, DCAT + "distribution", ox.NamedNode(url)),
            _t(url, RDF_TYPE, ox.NamedNode(DCAT + "Distribution")),
            _t(url, DCAT + "downloadURL", ox.NamedNode(url)),
            _t(
                url,
                DCAT + "mediaType",
                ox.NamedNode("https://www.iana.org/assignments/media-types/application/n-quads"),
            ),
            _t(
                url,
                DCT + "issued",
                ox.Literal(dump.name[7:17], datatype=ox.NamedNode(XSD + "date")),
            ),
        ]
    return _rdf(triples)


def _dumps() -> list[Path]:
    folder = current_app.config["COOPKG_SETTINGS"].data_dir / "dumps"
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("coopkg-????-??-??.nq") if p.is_file())


@bp.route("/dumps/")
def dump_list() -> Response:
    items = [
        {
            "file": p.name,
            "date": p.name[7:17],
            "bytes": p.stat().st_size,
            "url": url_for("describe.dump_file", name=p.name, _external=True),
        }
        for p in _dumps()
    ]
    media = choose(["application/json", "text/html"], "application/json")
    if media == "text/html":
        rows = "".join(
            f'<li><a href="{i["url"]}">{i["file"]}</a> ({i["bytes"]} bytes)</li>' for i in items
        )
        return Response(
            f"<!doctype html><title>coopkg dumps</title><h1>Dumps</h1><ul>{rows}</ul>",
            mimetype="text/html",
        )
    import json

    return Response(json.dumps(items), mimetype="application/json")


@bp.route("/dumps/<name>")
def dump_file(name: str) -> Response:
    for p in _dumps():
        if p.name == name:
            return send_file(
                p, mimetype="application/n-quads", as_attachment=True, download_name=p.name
            )
    raise NotFound(f"no dump named {name!r}")
