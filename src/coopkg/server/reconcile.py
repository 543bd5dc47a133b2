"""/reconcile: the W3C Entity Reconciliation API (v0.2), the protocol OpenRefine speaks.

Researchers match their own spreadsheets of projects, organisations and places to
coopkg entities. Names are compared folded (case, diacritics), as inflected forms
(`Lublinie` ~ `Lublin`) and by token overlap, against labels and alternative
labels; codes (TERYT, NUTS, LAU, project identifiers) match exactly. Property
constraints (`country`, `code`) raise or lower the score.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, request, url_for

from ..errors import BadInput, NotFound
from ..names import fold, name_match, tokens
from ..queries import run_sparql

bp = Blueprint("reconcile", __name__)

TYPES = {
    "project": ("https://w3id.org/coopkg/ontology#Project", "Project"),
    "organisation": ("https://w3id.org/coopkg/ontology#Organisation", "Organisation"),
    "place": ("https://w3id.org/coopkg/ontology#Territory", "Territory"),
}
PROPERTIES = [
    {"id": "country", "name": "Country (ISO 3166-1 alpha-2)"},
    {"id": "code", "name": "Code (TERYT, NUTS, LAU, KATOTTH, RÚIAN, project identifier)"},
]

CANDIDATES = """
PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
SELECT ?e ?type ?name ?country ?code WHERE {
  VALUES ?type { coop:Project coop:Organisation coop:Territory }
  ?e a ?type .
  { ?e rdfs:label|skos:altLabel|dct:title ?name } UNION { ?e coop:code|coop:isoCode|coop:nutsCode|
    coop:lauCode|coop:terytCode|coop:ruianCode|coop:katotthCode|dct:identifier ?code }
  OPTIONAL { ?e coop:country/coop:isoCode ?country }
}
"""


@dataclass
class Candidate:
    iri: str
    type: str
    names: list[str] = field(default_factory=list)
    codes: set[str] = field(default_factory=set)
    country: str | None = None
    level: str | None = None  # a territory's level (municipality, county, region…)
    within: set[str] = field(default_factory=set)  # the territories it lies within


PLACES = """
PREFIX coop: <https://w3id.org/coopkg/ontology#>
PREFIX geo: <http://www.opengis.net/ont/geosparql#>
SELECT ?e ?level ?within WHERE {
  ?e a coop:Territory .
  { ?e coop:level ?level } UNION { ?e geo:sfWithin ?within }
}
"""


def _index() -> dict[str, Candidate]:
    db: ox.Store = current_app.config["COOPKG_STORE"].get()
    cache = current_app.config.setdefault("COOPKG_RECONCILE_INDEX", {})
    version = current_app.config["COOPKG_STORE"].version()
    if cache.get("version") != version:
        found: dict[str, Candidate] = {}
        for row in run_sparql(db, CANDIDATES, union_default_graph=True):
            iri = row["e"].value
            kind = next(k for k, (t, _) in TYPES.items() if t == row["type"].value)
            c = found.setdefault(iri, Candidate(iri, kind))
            if row["name"] is not None and row["name"].value not in c.names:
                c.names.append(row["name"].value)
            if row["code"] is not None:
                c.codes.add(row["code"].value.casefold())
            if row["country"] is not None:
                c.country = row["country"].value
        for row in run_sparql(db, PLACES, union_default_graph=True):
            place = found.get(row["e"].value)
            if place is None:
                continue
            if row["level"] is not None:
                place.level = row["level"].value.rsplit("-", 1)[-1]
            if row["within"] is not None:
                place.within.add(row["within"].value)
        cache.update(version=version, index=found)
    index: dict[str, Candidate] = cache["index"]
    return index


def _score_name(query: str, names: list[str]) -> float:
    q, qt = fold(query), tokens(query)
    best = 0.0
    for name in names:
        if fold(name) == q:
            return 100.0
        nt = tokens(name)
        if qt and name_match(qt, nt):
            best = max(best, 92.0)
            continue
        if qt and nt:
            shared = len(set(qt) & set(nt))
            best = max(best, 85.0 * 2 * shared / (len(set(qt)) + len(set(nt))))
    return best


def _id(iri: str) -> str:
    base = current_app.config["COOPKG_SETTINGS"].base_iri + "id/"
    return iri[len(base) :] if iri.startswith(base) else iri


def _type_of(kind: str) -> dict[str, str]:
    return {"id": kind, "name": TYPES[kind][1]}


def reconcile_one(query: dict[str, Any]) -> dict[str, Any]:
    text = str(query.get("query", "")).strip()
    if not text:
        raise BadInput("every query needs a non-empty 'query'")
    kind = query.get("type")
    if isinstance(kind, list):
        kind = kind[0] if kind else None
    if kind is not None and kind not in TYPES:
        raise BadInput(f"unknown type {kind!r}; types are {', '.join(TYPES)}")
    try:
        limit = max(1, min(int(query.get("limit", 5)), 50))
    except (TypeError, ValueError):
        raise BadInput("'limit' must be a whole number") from None
    constraints = query.get("properties") or []
    if not isinstance(constraints, list) or not all(isinstance(p, dict) for p in constraints):
        raise BadInput("'properties' must be a list of {pid, v}")
    for prop in constraints:
        if prop.get("pid") not in ("country", "code"):
            raise BadInput(f"unknown property {prop.get('pid')!r}; properties are country, code")
    scored = []
    for c in _index().values():
        if kind and c.type != kind:
            continue
        score = 100.0 if text.casefold() in c.codes else _score_name(text, c.names)
        if score < 40:
            continue
        for prop in constraints:
            if not isinstance(prop, dict):
                raise BadInput("each property constraint is an object {pid, v}")
            pid, values = prop.get("pid"), prop.get("v")
            values = values if isinstance(values, list) else [values]
            wanted = {
                str(v.get("id", v.get("name", "")) if isinstance(v, dict) else v).casefold()
                for v in values
            }
            if pid == "country":
                score = score * 1.0 if c.country and c.country.casefold() in wanted else score * 0.6
            elif pid == "code":
                score = min(100.0, score + 10) if wanted & c.codes else score * 0.8
            else:
                raise BadInput(f"unknown property {pid!r}; properties are country, code")
        scored.append((round(score, 1), c))
    scored = _prefer_the_innermost(scored)
    scored.sort(key=lambda sc: (-sc[0], sc[1].iri))
    top = scored[:limit]
    results = []
    for i, (score, c) in enumerate(top):
        runner_up = top[i + 1][0] if i + 1 < len(top) else 0.0
        results.append(
            {
                "id": _id(c.iri),
                "name": c.names[0] if c.names else c.iri,
                "type": [_type_of(c.type)],
                "score": score,
                "match": i == 0 and score >= 95 and score - runner_up >= 10,
                "description": ", ".join(filter(None, [c.level, c.country, *sorted(c.codes)[:3]])),
            }
        )
    return {"result": results}


# how far a territory falls behind a same-named one that lies within it
CONTAINER_PENALTY = 10.0


def _prefer_the_innermost(scored: list[tuple[float, Candidate]]) -> list[tuple[float, Candidate]]:
    """Of two territories that score alike, the one lying within the other is meant.

    `Lublin` names the town and the city county around it; a person who writes it means
    the town, which the county contains. The container falls behind by
    CONTAINER_PENALTY, so a single clear winner becomes a match.
    """
    # the best score of a candidate lying within each territory: one pass, not a pair scan
    # (a common word can score thousands of candidates)
    best_inside: dict[str, float] = {}
    for score, c in scored:
        for container in c.within:
            best_inside[container] = max(score, best_inside.get(container, score))
    return [
        (round(score - CONTAINER_PENALTY, 1) if best_inside.get(c.iri, -1.0) >= score else score, c)
        for score, c in scored
    ]


def _json(payload: Any) -> Response:
    body = json.dumps(payload, ensure_ascii=False)
    callback = request.args.get("callback")
    if callback:
        if not re.fullmatch(r"[A-Za-z_$][\w$.]*", callback):
            raise BadInput("the JSONP callback must be a plain JavaScript name")
        return Response(f"{callback}({body})", mimetype="application/javascript")
    return Response(body, mimetype="application/json")


def manifest() -> dict[str, Any]:
    base = current_app.config["COOPKG_SETTINGS"].base_iri
    root = request.host_url.rstrip("/")
    return {
        "versions": ["0.2"],
        "name": "coopkg cooperation projects",
        "identifierSpace": base + "id/",
        "schemaSpace": "https://w3id.org/coopkg/ontology#",
        "defaultTypes": [_type_of(k) for k in TYPES],
        "view": {"url": root + "/id/{{id}}"},
        "preview": {"url": root + "/reconcile/preview?id={{id}}", "width": 430, "height": 160},
        "suggest": {
            "entity": {"service_url": root + "/reconcile", "service_path": "/suggest/entity"},
            "type": {"service_url": root + "/reconcile", "service_path": "/suggest/type"},
            "property": {"service_url": root + "/reconcile", "service_path": "/suggest/property"},
        },
    }


@bp.route("/reconcile", methods=["GET", "POST"])
def reconcile() -> Response:
    raw = request.values.get("queries")
    if raw is None:
        single = request.values.get("query")
        if single is None:
            return _json(manifest())
        try:
            one = json.loads(single) if single.lstrip().startswith("{") else {"query": single}
        except json.JSONDecodeError as e:
            raise BadInput(f"'query' is not valid JSON: {e.msg}") from None
        return _json(reconcile_one(one))
    try:
        batch = json.loads(raw)
    except json.JSONDecodeError as e:
        raise BadInput(
            f"'queries' is not valid JSON: {e.msg} (line {e.lineno}, column {e.colno})"
        ) from None
    if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
        raise BadInput("'queries' must be an object of named query objects")
    if len(batch) > 1000:
        raise BadInput("at most 1000 queries in one batch")
    return _json({key: reconcile_one(q) for key, q in batch.items()})


@bp.route("/reconcile/suggest/entity")
def suggest_entity() -> Response:
    prefix = fold(request.args.get("prefix", ""))
    if not prefix:
        raise BadInput("suggest needs a 'prefix'")
    kind = request.args.get("type")
    out = []
    for c in _index().values():
        if kind and c.type != kind:
            continue
        name = next(
            (n for n in c.names if fold(n).startswith(prefix) or f" {prefix}" in f" {fold(n)}"),
            None,
        )
        if name:
            out.append({"id": _id(c.iri), "name": name, "description": c.type})
    out.sort(key=lambda r: (len(r["name"]), r["name"]))
    return _json({"result": out[:20]})


@bp.route("/reconcile/suggest/type")
def suggest_type() -> Response:
    prefix = request.args.get("prefix", "").casefold()
    return _json({"result": [_type_of(k) for k in TYPES if k.startswith(prefix) or not prefix]})


@bp.route("/reconcile/suggest/property")
def suggest_property() -> Response:
    prefix = request.args.get("prefix", "").casefold()
    return _json({"result": [p for p in PROPERTIES if p["id"].startswith(prefix) or not prefix]})


@bp.route("/reconcile/preview")
def preview() -> Response:
    key = request.args.get("id", "")
    index = _index()
    base = current_app.config["COOPKG_SETTINGS"].base_iri + "id/"
    c = index.get(base + key) or index.get(key)
    if c is None:
        raise NotFound(f"no entity {key!r}")
    from markupsafe import escape

    link = url_for("entities.entity", key=_id(c.iri), _external=True)
    names = "".join(f"<li>{escape(n)}</li>" for n in c.names[:6])
    html = (
        f'<div style="font:14px sans-serif"><a href="{escape(link)}" target="_blank">'
        f"<strong>{escape(c.names[0] if c.names else c.iri)}</strong></a> "
        f"<span>{escape(TYPES[c.type][1])}{' · ' + escape(c.country) if c.country else ''}</span>"
        f"<ul>{names}</ul></div>"
    )
    return Response(html, mimetype="text/html")
