"""SHACL at scale, part one: the shapes' core constraints compiled to SPARQL checks
(`sparql.validate_store` runs them).

pyshacl validates one document graph in about 16 ms; a million documents would take
hours. The same constraints written as SPARQL run over the whole store at once, one
query per constraint, each evaluated inside `GRAPH ?g` so that every document graph is
judged on its own exactly as pyshacl judges it. The one exception is sh:class: a value's
type may also be stated in the registry graph (territories a document cites are
described there once), so pyshacl's counterpart is the document graph together with the
registry statements it cites. A differential test compares the two validators on every
example and on generated graphs with injected violations.

Supported: targetClass, targetObjectsOf; predicate and alternative paths; minCount,
maxCount, datatype (with well-formedness for dates, numbers and booleans), class, in,
pattern, minInclusive, maxInclusive, minLength, nodeKind, uniqueLang, lessThan,
lessThanOrEquals, qualifiedValueShape (pattern or class) with qualifiedMin/MaxCount, and
node-level or of property shapes using minCount, maxCount and hasValue. Anything else
raises at compile time: the compiler never silently skips a constraint.

One difference is inherent in the store: Oxigraph keeps xsd:nonNegativeInteger (and the
other derived integer types) as xsd:integer, so a datatype constraint on a derived
integer type is checked as "an integer in that type's range".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, XSD

from ..vocab import REGISTRY_GRAPH, SH
from .report import short_name
from .shacl import shapes_graph

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
SUBCLASS = "<http://www.w3.org/2000/01/rdf-schema#subClassOf>"
CASTS = {
    str(XSD.date): "xsd:date",
    str(XSD.decimal): "xsd:decimal",
    str(XSD.integer): "xsd:integer",
    str(XSD.boolean): "xsd:boolean",
    str(XSD.double): "xsd:double",
}
INTEGER_KINDS = {
    str(XSD.nonNegativeInteger): "?value >= 0",
    str(XSD.positiveInteger): "?value > 0",
    str(XSD.nonPositiveInteger): "?value <= 0",
    str(XSD.negativeInteger): "?value < 0",
}
PARAMETERS = {
    "minCount",
    "maxCount",
    "datatype",
    "class",
    "in",
    "pattern",
    "minInclusive",
    "maxInclusive",
    "minLength",
    "nodeKind",
    "uniqueLang",
    "lessThan",
    "lessThanOrEquals",
    "qualifiedValueShape",
    "qualifiedMinCount",
    "qualifiedMaxCount",
    "or",
    "hasValue",
    "flags",
}
IGNORED = {
    "path",
    "message",
    "name",
    "description",
    "targetClass",
    "targetObjectsOf",
    "property",
    "severity",
    "order",
    "group",
    "deactivated",
}


class UnsupportedShape(ValueError):
    """A shape uses something this compiler does not translate."""


@dataclass(frozen=True)
class Limit:
    """A count constraint: `?n {op} {bound}` is a violation of `component`."""

    component: str
    op: str
    bound: int

    def broken(self, n: int) -> bool:
        return n < self.bound if self.op == "<" else n > self.bound


@dataclass(frozen=True)
class Check:
    shape: str
    component: str
    path: str | None
    message: str
    query: str  # selects ?g ?focus and, where there is one, ?value (or ?n, with limits)
    # A property's minimum and maximum count share one query (it counts the values
    # once) that selects ?n; each limit ?n breaks is a violation of its own component.
    limits: tuple[Limit, ...] = ()

    @property
    def components(self) -> tuple[str, ...]:
        return tuple(limit.component for limit in self.limits) or (self.component,)


def _n3(term: Any) -> str:
    if not isinstance(term, URIRef | Literal):
        raise UnsupportedShape(f"unsupported value in a shape: {term!r}")
    return term.n3()


def _path(g: Graph, path: Any) -> str:
    if isinstance(path, URIRef):
        return f"<{path}>"
    alt = g.value(path, SH.alternativePath)
    if alt is not None:
        return "(" + "|".join(_path(g, p) for p in Collection(g, alt)) + ")"
    raise UnsupportedShape("only predicate and alternative paths are supported")


def _message(g: Graph, shape: Any) -> str:
    messages = list(g.objects(shape, SH.message))
    english = [m for m in messages if isinstance(m, Literal) and m.language == "en"]
    return str((english or messages or ["constraint violated"])[0])


def _targets(g: Graph, node_shape: URIRef) -> str:
    parts = []
    for cls in g.objects(node_shape, SH.targetClass):
        # = rdf:type/rdfs:subClassOf*, split so the common case is a plain index lookup
        parts.append(
            f"{{ ?focus {RDF_TYPE} {_n3(cls)} }} UNION "
            f"{{ ?focus {RDF_TYPE} ?class_ . ?class_ {SUBCLASS}+ {_n3(cls)} }}"
        )
    for prop in g.objects(node_shape, SH.targetObjectsOf):
        parts.append(f"{{ ?any {_n3(prop)} ?focus }}")
    if not parts:
        raise UnsupportedShape(f"{node_shape} has no target")
    return " UNION ".join(parts)


def _dates_compare(op: str) -> str:
    """A date and a dateTime compare on their dates (as pyshacl compares them)."""
    both = "datatype(?value) IN (xsd:date, xsd:dateTime) && datatype(?other) IN (xsd:date, xsd:dateTime)"
    return (
        f"IF({both}, xsd:date(SUBSTR(STR(?value), 1, 10)) {op} xsd:date(SUBSTR(STR(?other), 1, 10)), "
        f"?unbound)"
    )


def _typed(var: str, cls: Any) -> str:
    """`var` is an instance of `cls` in the graph being judged or in the registry graph.

    A document cites territories whose description (types included) the build states
    once, in the registry graph, instead of in every document graph.
    """
    # rdf:type/rdfs:subClassOf*, split as in _targets: the common case is one index lookup
    pattern = (
        f"{{ {var} {RDF_TYPE} {_n3(cls)} }} UNION "
        f"{{ {var} {RDF_TYPE} ?sub_ . ?sub_ {SUBCLASS}+ {_n3(cls)} }}"
    )
    return f"{{ GRAPH ?g {{ {pattern} }} }} UNION {{ GRAPH <{REGISTRY_GRAPH}> {{ {pattern} }} }}"


def _value_condition(g: Graph, shape: Any) -> str:
    """SPARQL condition that ?v conforms to a small value shape (for qualifiedValueShape)."""
    conds = []
    for pattern in g.objects(shape, SH.pattern):
        conds.append(f"(!isBlank(?v) && REGEX(STR(?v), {_n3(pattern)}))")
    for cls in g.objects(shape, getattr(SH, "class")):
        conds.append(f"EXISTS {{ {_typed('?v', cls)} }}")
    if not conds:
        raise UnsupportedShape("qualified value shapes may only use sh:pattern or sh:class")
    return " && ".join(conds)


def _or_condition(g: Graph, alternatives: list[Any]) -> str:
    parts = []
    for alt in alternatives:
        path = _path(g, g.value(alt, SH.path))
        conds = []
        max_count = g.value(alt, SH.maxCount)
        if max_count is not None:
            if int(str(max_count)) != 0:
                raise UnsupportedShape("or-alternatives support maxCount 0 only")
            conds.append(f"NOT EXISTS {{ GRAPH ?g {{ ?focus {path} ?x }} }}")
        min_count = g.value(alt, SH.minCount)
        if min_count is not None:
            if int(str(min_count)) != 1:
                raise UnsupportedShape("or-alternatives support minCount 1 only")
            conds.append(f"EXISTS {{ GRAPH ?g {{ ?focus {path} ?x }} }}")
        for value in g.objects(alt, SH.hasValue):
            conds.append(f"EXISTS {{ GRAPH ?g {{ ?focus {path} {_n3(value)} }} }}")
        if not conds:
            raise UnsupportedShape("an or-alternative needs minCount, maxCount or hasValue")
        parts.append("(" + " && ".join(conds) + ")")
    return " || ".join(parts)


def _property_checks(g: Graph, node_shape: URIRef, prop: Any, targets: str) -> list[Check]:
    path_node = g.value(prop, SH.path)
    path = _path(g, path_node)
    params = {str(p).split("#")[-1] for p in g.predicates(prop, None)} - IGNORED
    unknown = {p for p in params if p not in PARAMETERS} - {"type"}
    if unknown:
        raise UnsupportedShape(f"{prop} uses {sorted(unknown)}")
    shape, message = short_name(prop) or str(prop), _message(g, prop)
    path_label = short_name(path_node) if isinstance(path_node, URIRef) else None
    head = (
        f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ {targets} ?focus {path} ?value }}"
    )
    checks: list[tuple[str, str]] = []

    def value_check(component: str, condition: str) -> None:
        checks.append((component, f"{head} FILTER({condition}) }}"))

    for dt in g.objects(prop, SH.datatype):
        cast = CASTS.get(str(dt))
        cond = f"!isLiteral(?value) || datatype(?value) != {_n3(dt)}"
        if str(dt) in INTEGER_KINDS:
            # Oxigraph stores derived integer types as xsd:integer: check the value range instead
            cond = (
                f"!isLiteral(?value) || !(datatype(?value) IN ({_n3(dt)}, xsd:integer) "
                f"&& COALESCE({INTEGER_KINDS[str(dt)]}, false))"
            )
        if cast:
            cond += (
                f" || !COALESCE(sameTerm({cast}(?value), ?value) || {cast}(?value) = ?value, false)"
            )
        value_check("Datatype", cond)
    for cls in g.objects(prop, getattr(SH, "class")):
        value_check("Class", f"NOT EXISTS {{ {_typed('?value', cls)} }}")
    for head_node in g.objects(prop, SH["in"]):
        members = ", ".join(_n3(m) for m in Collection(g, head_node))
        value_check("In", f"?value NOT IN ({members})")
    for pattern in g.objects(prop, SH.pattern):
        value_check("Pattern", f"isBlank(?value) || !REGEX(STR(?value), {_n3(pattern)})")
    for bound in g.objects(prop, SH.minInclusive):
        value_check("MinInclusive", f"!COALESCE(?value >= {_n3(bound)}, false)")
    for bound in g.objects(prop, SH.maxInclusive):
        value_check("MaxInclusive", f"!COALESCE(?value <= {_n3(bound)}, false)")
    for length in g.objects(prop, SH.minLength):
        value_check("MinLength", f"isBlank(?value) || STRLEN(STR(?value)) < {int(str(length))}")
    for kind in g.objects(prop, SH.nodeKind):
        tests: dict[Any, str] = {
            SH.IRI: "isIRI(?value)",
            SH.Literal: "isLiteral(?value)",
            SH.BlankNode: "isBlank(?value)",
        }
        test = tests.get(kind)
        if test is None:
            raise UnsupportedShape(f"nodeKind {kind}")
        value_check("NodeKind", f"!{test}")
    for op, component, param in (
        ("<", "LessThan", SH.lessThan),
        ("<=", "LessThanOrEquals", SH.lessThanOrEquals),
    ):
        for other in g.objects(prop, param):
            checks.append(
                (
                    component,
                    f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ {targets} "
                    f"?focus {path} ?value . ?focus {_n3(other)} ?other }} "
                    f"FILTER(!COALESCE(?value {op} ?other, {_dates_compare(op)}, false)) }}",
                )
            )
    unique = g.value(prop, SH.uniqueLang)
    if unique is not None and bool(unique.toPython()):
        checks.append(
            (
                "UniqueLang",
                f"SELECT DISTINCT ?g ?focus WHERE {{ GRAPH ?g {{ {targets} "
                f'?focus {path} ?a , ?b }} FILTER(?a != ?b && LANG(?a) != "" '
                f"&& LANG(?a) = LANG(?b)) }}",
            )
        )

    def counted(value: str) -> str:
        """Per focus node, how many distinct values `value` (?v or ?w) takes."""
        return (
            f"SELECT ?g ?focus (COUNT(DISTINCT {value}) AS ?n) WHERE {{ GRAPH ?g {{ {targets} "
            f"OPTIONAL {{ ?focus {path} ?v }} }} {{bind}} }} GROUP BY ?g ?focus"
        )

    counts_checked: list[Check] = []

    def count_check(counts: str, *bounds: tuple[str, Any, str]) -> None:
        """One query for a property's count constraints (min and max) on `counts`."""
        limits = tuple(
            Limit(f"sh:{component}ConstraintComponent", op, int(str(bound)))
            for component, param, op in bounds
            if (bound := g.value(prop, param)) is not None
        )
        if limits:
            broken = " || ".join(f"?n {limit.op} {limit.bound}" for limit in limits)
            counts_checked.append(
                Check(
                    shape,
                    limits[0].component,
                    path_label,
                    message,
                    f"SELECT ?g ?focus ?n WHERE {{ {{ {counts} }} FILTER({broken}) }}",
                    limits,
                )
            )

    all_values = counted("?v").replace("{bind}", "")
    count_check(all_values, ("MinCount", SH.minCount, "<"), ("MaxCount", SH.maxCount, ">"))
    qualified = g.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        cond = _value_condition(g, qualified)
        conforming = counted("?w").replace(
            "{bind}", f"BIND(IF(BOUND(?v) && ({cond}), ?v, ?unbound) AS ?w)"
        )
        count_check(
            conforming,
            ("QualifiedMinCount", SH.qualifiedMinCount, "<"),
            ("QualifiedMaxCount", SH.qualifiedMaxCount, ">"),
        )
    return [
        Check(shape, f"sh:{c}ConstraintComponent", path_label, message, q) for c, q in checks
    ] + counts_checked


def compile_shapes(g: Graph) -> list[Check]:
    checks: list[Check] = []
    for node_shape in sorted(
        s for s in set(g.subjects(RDF.type, SH.NodeShape)) if isinstance(s, URIRef)
    ):
        targets = _targets(g, node_shape)
        for prop in g.objects(node_shape, SH.property):
            if not isinstance(prop, URIRef | BNode):
                continue
            checks += _property_checks(g, node_shape, prop, targets)  # type: ignore[arg-type]
        or_list = g.value(node_shape, SH["or"])
        if or_list is not None:
            condition = _or_condition(g, list(Collection(g, or_list)))  # type: ignore[arg-type]
            query = (
                f"SELECT DISTINCT ?g ?focus ?value WHERE {{ GRAPH ?g {{ {targets} }} "
                f"BIND(?focus AS ?value) FILTER(!({condition})) }}"
            )
            checks.append(
                Check(
                    short_name(node_shape) or str(node_shape),
                    "sh:OrConstraintComponent",
                    None,
                    _message(g, node_shape),
                    query,
                )
            )
    return checks


@cache
def project_checks() -> tuple[Check, ...]:
    return tuple(compile_shapes(shapes_graph()))


def _predicates(g: Graph, path: Any) -> set[str]:
    if isinstance(path, URIRef):
        return {str(path)}
    alt = g.value(path, SH.alternativePath)
    if alt is None:
        raise UnsupportedShape("only predicate and alternative paths are supported")
    return set().union(*(_predicates(g, p) for p in Collection(g, alt)))


def reach_without_types(g: Graph) -> frozenset[str]:
    """Predicates through which a shape judges a node other than by the node's type.

    That is the predicates of sh:targetObjectsOf targets (their objects become focus
    nodes) and every path those shapes read. A node stated without its types is
    judged by no class-targeted shape, but still by these.
    """
    found: set[str] = set()
    for node_shape in set(g.subjects(RDF.type, SH.NodeShape)):
        targets = set(g.objects(node_shape, SH.targetObjectsOf))
        if not targets:
            continue
        found |= {str(t) for t in targets}
        for prop in g.objects(node_shape, SH.property):
            found |= _predicates(g, g.value(prop, SH.path))
        or_list = g.value(node_shape, SH["or"])
        if or_list is not None:
            for alt in Collection(g, or_list):
                found |= _predicates(g, g.value(alt, SH.path))
    return frozenset(found)


@cache
def project_reach_without_types() -> frozenset[str]:
    return reach_without_types(shapes_graph())
