"""Linked-data pages: every IRI under /id/ dereferences to HTML or RDF.

HTML shows labels in the reader's language (Accept-Language, then English, then
any), links between entities, the quoted source text behind each extracted value
with a link to the source document, and whether the record's graph passes the
shapes. Turtle, N-Triples and JSON-LD come by Accept or by extension.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, render_template, request, url_for
from rdflib import Graph

from ..errors import NotFound
from ..ontology_docs import curie, ontology_graph
from ..queries import run_sparql
from ..stores.merged import has_merged_default
from ..validate.shacl import validate_graph
from ..vocab import COOP, REGISTRY_GRAPH
from .negotiation import GRAPH_FORMATS, choose

bp = Blueprint("entities", __name__)

EXTENSIONS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdf": "application/rdf+xml",
    "html": "text/html",
}
LABELS = (
    "http://purl.org/dc/terms/title",
    "http://www.w3.org/2000/01/rdf-schema#label",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "https://w3id.org/coopkg/ontology#fileName",
)
OA = "http://www.w3.org/ns/oa#"


@dataclass
class Value:
    text: str
    href: str | None = None
    note: str = ""


@dataclass
class Evidence:
    quote: str
    start: int
    end: int
    source_href: str
    source_name: str
    about: str
    body: str = ""  # the node it is the evidence of: the entity or one of its parts


@dataclass
class EntityView:
    iri: str
    label: str
    types: list[Value]
    properties: list[tuple[Value, list[Value]]]
    incoming: list[tuple[Value, Value]]
    evidence: list[Evidence]
    status: list[tuple[str, bool, int]] = field(
        default_factory=list
    )  # graph name, conforms, violations
    status_more: bool = False  # described in more graphs than STATUS_MAX


def _store() -> ox.Store:
    db: ox.Store = current_app.config["COOPKG_STORE"].get()
    return db


def _languages() -> list[str]:
    langs = [lang.split("-")[0].lower() for lang, _ in request.accept_languages]
    return [*langs, "en"]


def _best_literal(literals: list[ox.Literal]) -> str | None:
    if not literals:
        return None
    by_lang = {lit.language: lit.value for lit in literals}
    for lang in _languages():
        if lang in by_lang:
            return by_lang[lang]
    return by_lang.get(None) or literals[0].value


def label_of(db: ox.Store, term: Any) -> str | None:
    if not isinstance(term, ox.NamedNode):
        return None
    literals = [
        q.object
        for p in LABELS
        for q in db.quads_for_pattern(term, ox.NamedNode(p), None)
        if isinstance(q.object, ox.Literal)
    ]
    if not literals:
        from rdflib import Literal, URIRef

        onto = ontology_graph()
        for p in LABELS:
            literals += [
                ox.Literal(str(o), language=o.language) if o.language else ox.Literal(str(o))
                for o in onto.objects(URIRef(term.value), URIRef(p))
                if isinstance(o, Literal)
            ]
    return _best_literal(literals)


SUMMARY = """
PREFIX schema: <http://schema.org/>
PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?node ?value ?currency ?kind ?member ?role ?unit ?status WHERE {
  { ?node schema:value ?value OPTIONAL { ?node schema:currency ?currency }
    OPTIONAL { ?node coop:amountKind ?kind } OPTIONAL { ?node coop:unit ?unit }
    OPTIONAL { ?node coop:status ?status } }
  UNION { ?node org:member/rdfs:label ?member ; org:role ?role }
} LIMIT 1
"""


def summary(db: ox.Store, term: ox.NamedNode) -> str | None:
    """A readable name for a value node: an amount, an outcome or a participation."""
    rows = list(run_sparql(db, SUMMARY, substitutions={ox.Variable("node"): term}))
    if not rows:
        return None
    row = rows[0]

    def short(name: str) -> str:
        t = row[name]
        return t.value.rsplit("#", 1)[-1].split("-", 1)[-1] if t is not None else ""

    if row["member"] is not None:
        return f"{row['member'].value} ({short('role')})"
    parts = [
        row["value"].value,
        row["currency"].value if row["currency"] else "",
        short("unit"),
        f"({short('kind') or short('status').lower()})",
    ]
    return " ".join(p for p in parts if p and p != "()")


def _href(term: ox.NamedNode) -> str:
    base = current_app.config["COOPKG_SETTINGS"].base_iri + "id/"
    if term.value.startswith(base):
        return url_for("entities.entity", key=term.value[len(base) :])
    return term.value


# shares stated as a fraction of one (the shapes hold them to 0..1), shown as per cent
SHARES = frozenset(str(COOP[name]) for name in ("coFinancingRate", "confidence"))
XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"


def _literal(term: ox.Literal, predicate: str | None) -> Value:
    """A literal as a person reads it: `yes` for true, `85 %` for a share of 0.85 (the
    stated value is one click away, in the entity's Turtle)."""
    datatype = curie(term.datatype.value).replace("xsd:string", "")
    if term.language:
        return Value(term.value, None, f"@{term.language}")
    if term.datatype.value == XSD_BOOLEAN and term.value in ("true", "false", "1", "0"):
        return Value("yes" if term.value in ("true", "1") else "no", None, "")
    if predicate in SHARES:
        try:
            share = float(term.value)
        except ValueError:  # ill-typed: shown as stated, and the shapes report it
            return Value(term.value, None, datatype)
        return Value(f"{share * 100:.4g} %", None, "")
    return Value(term.value, None, datatype)


def _value(db: ox.Store, term: Any, predicate: str | None = None) -> Value:
    if isinstance(term, ox.NamedNode):
        name = label_of(db, term) or summary(db, term) or curie(term.value)
        return Value(name, _href(term), curie(term.value))
    if isinstance(term, ox.Literal):
        return _literal(term, predicate)
    return Value(str(term))


# the entity is bound as ?entity (a substitution), never spliced into the text
EVIDENCE = f"""
    PREFIX oa: <{OA}>
    PREFIX coop: <https://w3id.org/coopkg/ontology#>
    SELECT ?entity ?body ?exact ?start ?end ?file ?field WHERE {{
      ?ann oa:hasBody ?body ; oa:hasTarget ?t .
      FILTER(?body = ?entity || STRSTARTS(STR(?body), CONCAT(STR(?entity), "/")))
      ?t oa:hasSource ?doc ; oa:hasSelector ?pos .
      ?pos oa:start ?start ; oa:end ?end .
      OPTIONAL {{ ?t oa:hasSelector ?qs . ?qs oa:exact ?exact }}
      OPTIONAL {{ ?doc coop:fileName ?file }}
      OPTIONAL {{ ?ann coop:evidenceField ?field }}
    }} ORDER BY ?start"""


def evidence_of(db: ox.Store, iri: str) -> list[Evidence]:
    out = []
    for row in run_sparql(db, EVIDENCE, substitutions={ox.Variable("entity"): ox.NamedNode(iri)}):
        file = row["file"].value if row["file"] else ""
        body = row["body"].value
        about = (
            row["field"].value
            if row["field"]
            else (label_of(db, row["body"]) or body.rsplit("/", 2)[-2])
        )
        start, end = int(row["start"].value), int(row["end"].value)
        out.append(
            Evidence(
                row["exact"].value if row["exact"] else "",
                start,
                end,
                url_for("entities.source_document", name=file) + f"#char={start},{end}"
                if file
                else "",
                file,
                about,
                body,
            )
        )
    return out


def _judged(db: ox.Store, graph: ox.NamedNode, entity: ox.NamedNode) -> list[ox.Triple]:
    """A document graph with the registry graph's statements about what it cites (and
    what those cite in turn): what the build validated for that document. For the
    registry graph itself (a hundred thousand statements at scale), the statements about
    the entity and what they cite in turn."""
    registry = ox.NamedNode(REGISTRY_GRAPH)
    if graph == registry:
        triples: list[ox.Triple] = []
        todo = [entity]
    else:
        triples = [q.triple for q in db.quads_for_pattern(None, None, None, graph)]
        todo = [t.object for t in triples if isinstance(t.object, ox.NamedNode)]
    seen: set[ox.NamedNode] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for q in db.quads_for_pattern(node, None, None, registry):
            triples.append(q.triple)
            if isinstance(q.object, ox.NamedNode):
                todo.append(q.object)
    return triples


STATUS_MAX = 10  # graphs judged for one page: a country is described in every document


def status_of(db: ox.Store, iri: ox.NamedNode) -> tuple[list[tuple[str, bool, int]], bool]:
    """SHACL status of the graphs that hold triples about the entity (at most STATUS_MAX
    of them), and whether there are more."""
    cache: dict[tuple[str, str, int], tuple[bool, int]] = current_app.config.setdefault(
        "COOPKG_SHACL_CACHE", {}
    )
    graphs: list[ox.NamedNode] = []
    for q in db.quads_for_pattern(iri, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name not in graphs:
            graphs.append(q.graph_name)
            if len(graphs) > STATUS_MAX:
                break
    more = len(graphs) > STATUS_MAX
    graphs = graphs[:STATUS_MAX]
    out = []
    for graph in sorted(graphs, key=lambda g: g.value):
        # the registry graph is judged around the entity, so per entity
        about = iri.value if graph.value == REGISTRY_GRAPH else ""
        key = (graph.value, about, current_app.config["COOPKG_STORE"].version())
        if key not in cache:
            g = Graph()
            g.parse(
                data=ox.serialize(_judged(db, graph, iri), format=ox.RdfFormat.N_TRIPLES) or b"",
                format="nt",
            )
            report = validate_graph(g)
            cache[key] = (report.conforms, len(report.violations))
        conforms, count = cache[key]
        out.append((graph.value, conforms, count))
    return out, more


def view(db: ox.Store, iri: str) -> EntityView:
    node = ox.NamedNode(iri)
    props: dict[str, list[Any]] = defaultdict(list)
    types = []
    # a built store's default graph states each statement once; all graphs together state
    # a country's description once a document (100,000 times at 100,000 projects)
    graph = ox.DefaultGraph() if has_merged_default(db) else None
    for q in db.quads_for_pattern(node, None, None, graph):
        if q.predicate.value == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type":
            if q.object not in types:
                types.append(q.object)
        elif q.object not in props[q.predicate.value]:
            props[q.predicate.value].append(q.object)
    incoming: list[tuple[Value, Value]] = []
    for q in db.quads_for_pattern(None, None, node, graph):
        if len(incoming) >= 200:
            break
        incoming.append((_value(db, q.subject), _value(db, q.predicate)))
    properties = [
        (_value(db, ox.NamedNode(p)), [_value(db, o, p) for o in objs])
        for p, objs in sorted(props.items())
    ]
    title = label_of(db, node) or summary(db, node) or curie(iri)
    status, more = status_of(db, node)
    return EntityView(
        iri,
        title,
        [_value(db, t) for t in types],
        properties,
        incoming,
        evidence_of(db, iri),
        status,
        more,
    )


@bp.route("/id/<path:key>")
def entity(key: str) -> Response:
    settings = current_app.config["COOPKG_SETTINGS"]
    media = None
    stem, dot, ext = key.rpartition(".")
    if dot and ext in EXTENSIONS and "/" not in ext:
        key, media = stem, EXTENSIONS[ext]
    iri = settings.base_iri + "id/" + key
    db = _store()
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        raise NotFound("no such entity") from None
    if next(iter(db.quads_for_pattern(node, None, None)), None) is None:
        raise NotFound(f"nothing is known about <{iri}>")
    media = media or choose(["text/html", *GRAPH_FORMATS], "text/html")
    if media == "text/html":
        from .readable import readable_page  # the readable pages build on this module

        page = None if request.args.get("view") == "triples" else readable_page(db, iri)
        if page is None:
            page = render_template("entity.html", e=view(db, iri))
        resp = Response(page, mimetype="text/html")
    else:
        fmt, rdf_format = GRAPH_FORMATS[media]
        triples = list({q.triple for q in db.quads_for_pattern(node, None, None)})
        resp = Response(
            ox.serialize(triples, format=rdf_format) or b"",
            content_type=f"{fmt.media_type}; charset=utf-8",
        )
    resp.headers["Vary"] = "Accept"
    return resp


def source_path(name: str) -> Path | None:
    """The file of a source document by its name (None for anything else)."""
    folder: Path = current_app.config["COOPKG_SETTINGS"].sources_dir
    path = folder / name
    if "/" in name or name.startswith(".") or not path.is_file() or name == "manifest.csv":
        return None
    return path


def local_path(iri: str) -> str:
    """This server's path for an entity IRI under the base; other IRIs as they are."""
    prefix = current_app.config["COOPKG_SETTINGS"].base_iri + "id/"
    return "/id/" + iri[len(prefix) :] if iri.startswith(prefix) else iri


@bp.route("/sources/<name>")
def source_document(name: str) -> Response:
    """The text of a source document, which evidence offsets point into."""
    path = source_path(name)
    if path is None:
        raise NotFound(f"no source document named {name!r}")
    from ..extract.reading import read_document

    return Response(read_document(path), content_type="text/plain; charset=utf-8")
