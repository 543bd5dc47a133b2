"""Validating a batch of converted documents in a build worker.

A worker loads a batch of documents into a small in-memory store and runs the compiled
shapes (`shacl_sparql`) and the document-scoped `*-violation` queries on it. Two things
make that cheaper than judging every line of every document:

- The registry graph is judged once for the whole store after loading
  (`build.registry_problems`); a batch needs only its territories' types, which
  sh:class consults, so only those registry lines are loaded and the registry graph is
  skipped by the checks.
- Places (countries included), organisations and programmes (`id/place/…`,
  `id/organisation/…`, `id/programme/…`) are described in full in every document
  naming them: the same lines again and again (two thirds of a typical document).
  Every compiled check is about one focus node and reads only that node's statements
  in its graph and the types of its values, and those types are stated with the nodes
  that carry them, the same everywhere. So when an entity's description (its
  statements and those of its own nodes, `…/geometry`, `…/link/…`) is, byte for byte,
  one this worker has already judged in a batch without any violation, judging it
  again can only give the same verdict. Its statements are then not loaded except its
  types (into the registry graph, where sh:class finds them, and where no
  class-targeted shape judges them) and the statements through which a shape reaches
  nodes other than by their types (`shacl_sparql.reach_without_types`: the country
  shape judges the objects of `coop:country` by their `coop:isoCode`), so every
  document still has the same focus nodes for those shapes, with the same statements.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from . import queries
from .iris import Minter
from .shacl_sparql import project_reach_without_types, validate_store
from .validate import Violation
from .vocab import REGISTRY_GRAPH

REGISTRY_SUFFIX = f" <{REGISTRY_GRAPH}> .\n"
TYPE_IRI = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
JUDGED_MEMORY = 200_000  # descriptions a worker remembers (16-byte digests)


def split_body(body: str) -> tuple[str, str]:
    """A document's N-Quads as the build writes them → (its own graph, its registry lines).

    The registry lines follow the document's own; a line ends in its graph name, and a
    literal cannot hold a raw newline, so the first line ending in the registry graph's
    name starts them.
    """
    at = body.find(REGISTRY_SUFFIX)
    if at < 0:
        return body, ""
    start = body.rfind("\n", 0, at) + 1
    return body[:start], body[start:]


def check_violation_queries(db: ox.Store, scope: str | None = None) -> list[str]:
    """Rows of the `*-violation` queries (of one scope, or all), as problem lines.

    The build runs the document-scoped ones on each batch of documents in the workers
    (finding at least what a whole-store run would) and the rest on the whole store.
    """
    problems = []
    for q in queries.all_queries().values():
        if q.is_violation_check and (scope is None or q.scope == scope):
            result = queries.run_sparql(db, q.text, union_default_graph=True)
            found = list(result)
            if found:
                problems.append(f"{q.name}: {len(found)} row(s), first: {found[0]}")
    return problems


class JudgedDescriptions:
    """Digests of descriptions this worker has judged without a violation."""

    def __init__(self, limit: int = JUDGED_MEMORY) -> None:
        self.limit = limit
        self._digests: set[bytes] = set()

    def __contains__(self, digest: bytes) -> bool:
        return digest in self._digests

    def __len__(self) -> int:
        return len(self._digests)

    def remember(self, digests: Iterable[bytes]) -> None:
        for digest in digests:
            if len(self._digests) >= self.limit:
                return  # past the bound, descriptions are simply judged again
            self._digests.add(digest)


@dataclass
class Scratch:
    """What a batch loads into its scratch store, and what it may teach the memo."""

    payload: list[str] = field(default_factory=list)
    pending: list[bytes] = field(default_factory=list)  # new descriptions' digests
    reused: int = 0  # descriptions taken as judged


def _triple(line: str) -> str:
    return line[: line.rindex(" <")]


def _predicate(line: str) -> str:
    """The predicate (`<iri>`) of an N-Quads line with an IRI subject."""
    start = line.index(">") + 2
    return line[start : line.index(">", start) + 1]


REPEATED_KINDS = frozenset({"place", "organisation", "programme"})


def description_key(line: str, entities: str) -> str | None:
    """`kind/key` of the entity whose description an N-Quads line belongs to (its own
    statements and its nodes' `…/geometry`, `…/link/…`), if of a repeated kind;
    `entities` is `<{base}id/`."""
    if not line.startswith(entities):
        return None
    parts = line[len(entities) : line.index(">")].split("/", 2)
    if len(parts) > 1 and parts[0] in REPEATED_KINDS:
        return f"{parts[0]}/{parts[1]}"
    return None


def scratch_lines(bodies: Iterable[str], judged: JudgedDescriptions, base_iri: str) -> Scratch:
    """The lines a batch's scratch store needs, given the descriptions already judged."""
    entities = f"<{base_iri}id/"
    keep = frozenset(f"<{p}>" for p in project_reach_without_types())
    scratch = Scratch()
    registry_types: dict[str, None] = {}
    for body in bodies:
        own, theirs = split_body(body)
        for line in theirs.splitlines(keepends=True):
            if _predicate(line) == TYPE_IRI:
                registry_types[line] = None
        groups: dict[str, list[str]] = {}  # entity → its lines and its nodes' lines
        for line in own.splitlines(keepends=True):
            key = description_key(line, entities)
            if key is None:
                scratch.payload.append(line)
            else:
                groups.setdefault(key, []).append(line)
        for group in groups.values():
            _description(group, judged, scratch, registry_types, keep)
    scratch.payload.extend(registry_types)
    return scratch


def _description(
    group: list[str],
    judged: JudgedDescriptions,
    scratch: Scratch,
    types: dict[str, None],
    keep: frozenset[str],
) -> None:
    triples = [_triple(line) for line in group]
    digest = hashlib.blake2b("\n".join(triples).encode(), digest_size=16).digest()
    if digest not in judged:
        scratch.payload.extend(group)
        scratch.pending.append(digest)
        return
    scratch.reused += 1
    for line, triple in zip(group, triples, strict=True):
        predicate = _predicate(line)
        if predicate in keep:
            scratch.payload.append(line)
        elif predicate == TYPE_IRI:
            types[triple + REGISTRY_SUFFIX] = None


def validate_batch(
    bodies: list[str], file_names: list[str], judged: JudgedDescriptions, base_iri: str
) -> tuple[list[Violation], int]:
    """The violations in a batch of documents' N-Quads, and how many descriptions were
    taken as judged. A batch without violations teaches `judged` its new descriptions."""
    scratch = scratch_lines(bodies, judged, base_iri)
    db = ox.Store()
    db.load("".join(scratch.payload).encode(), format=ox.RdfFormat.N_QUADS)
    minter = Minter(base_iri)
    sources = {str(minter.source(name)): name for name in file_names}
    report = validate_store(db, sources=sources, threads=1, skip_graphs=(REGISTRY_GRAPH,))
    found = list(report.violations)
    for problem in check_violation_queries(db, scope="document"):
        name = problem.split(":", 1)[0]
        found.append(
            Violation(
                focus="(documents " + ", ".join(sorted(sources.values())) + ")",
                path=None,
                value=None,
                message=problem,
                severity="sh:Violation",
                shape=name,
                component="whole-graph check",
                source=None,
            )
        )
    if not found:
        judged.remember(scratch.pending)
    return found, scratch.reused
