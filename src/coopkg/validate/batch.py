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
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pyoxigraph as ox

from ..iris import Minter
from ..vocab import REGISTRY_GRAPH
from .compiled import project_reach_without_types
from .report import Violation
from .sparql import validate_store
from .violations import check_violation_queries

REGISTRY_SUFFIX = f" <{REGISTRY_GRAPH}> .\n"
TYPE_PREDICATE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
# descriptions a worker remembers: a digest each and, once reused, the description's
# type statements (about 400 bytes a description, some 80 MB at the bound)
JUDGED_MEMORY = 200_000


class Reuse(NamedTuple):
    """What a description judged before still puts into a batch that names it again."""

    types: tuple[str, ...]  # its rdf:type statements, as registry-graph N-Quads lines
    kept: tuple[str, ...]  # statements a shape follows other than by type (N-Triples, no dot)


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


class JudgedDescriptions:
    """Descriptions this worker has judged without a violation, by digest, with what each
    still puts into a batch that names it again (worked out at its first reuse)."""

    def __init__(self, limit: int = JUDGED_MEMORY) -> None:
        self.limit = limit
        self._digests: dict[bytes, Reuse | None] = {}

    def __contains__(self, digest: bytes) -> bool:
        return digest in self._digests

    def __len__(self) -> int:
        return len(self._digests)

    def remember(self, digests: Iterable[bytes]) -> None:
        for digest in digests:
            if len(self._digests) >= self.limit:
                return  # past the bound, descriptions are simply judged again
            self._digests.setdefault(digest, None)

    def reuse(self, digest: bytes, triples: str, keep: tuple[str, ...]) -> Reuse:
        """The statements a judged description (`triples`, N-Triples without the final
        dots) still contributes; `keep` are the predicates (`<iri> `) that stay."""
        found = self._digests.get(digest)
        if found is None:
            types, kept = [], []
            for triple in triples.splitlines():
                at = triple.index(" ") + 1
                if triple.startswith(TYPE_PREDICATE, at):
                    types.append(triple + REGISTRY_SUFFIX)
                elif triple.startswith(keep, at):
                    kept.append(triple)
            found = Reuse(tuple(types), tuple(kept))
            if digest in self._digests:
                self._digests[digest] = found
        return found


@dataclass
class Scratch:
    """What a batch loads into its scratch store, and what it may teach the memo."""

    payload: list[str] = field(default_factory=list)  # N-Quads text, whole lines a piece
    pending: list[bytes] = field(default_factory=list)  # new descriptions' digests
    reused: int = 0  # descriptions taken as judged

    def text(self) -> str:
        return "".join(self.payload)


REPEATED_KINDS = frozenset({"place", "organisation", "programme"})


@lru_cache(maxsize=8)
def _description_runs(entities: str) -> re.Pattern[str]:
    """A run of consecutive lines about one entity of a repeated kind (`entities` is
    `<{base}id/`), matched from the newline before its first line to the end of its last
    line (that line's own newline not included). Group 1 is `<{base}id/{kind}/{key}`:
    the entity's own statements and its nodes' (`…/geometry`, `…/link/…`) all start with
    it, followed by `>` or `/`. The pattern starts with a literal, which the matcher
    looks for at C speed."""
    kinds = "|".join(sorted(REPEATED_KINDS))
    head = rf"{re.escape(entities)}(?:{kinds})/[^/>\n]*"
    return re.compile(rf"\n({head})[/>][^\n]*(?:\n\1[/>][^\n]*)*")


def descriptions(own: str, base_iri: str) -> tuple[list[str], dict[str, str]]:
    """A document's own lines → (the lines outside repeated descriptions, as pieces of
    text; each place's, organisation's and programme's description by its IRI's head).

    The lines are sorted, so an entity's statements and its nodes' come in runs (usually
    one; another key's lines can split them): a regular expression finds the runs, and
    the lines between them are taken as whole slices, without a look at each line in
    Python.
    """
    runs = _description_runs(f"<{base_iri}id/")
    rest: list[str] = []
    groups: dict[str, list[str]] = {}
    text = "\n" + own  # every line now follows a newline, the first one too
    done = 0  # text[done] is the newline ending what was taken
    for run in runs.finditer(text):
        start, end = run.span()  # text[start] is the newline before the run's lines
        if start > done:
            rest.append(text[done + 1 : start + 1])
        groups.setdefault(run.group(1), []).append(text[start + 1 : end + 1])
        done = end
    rest.append(text[done + 1 :])
    return rest, {key: "".join(parts) for key, parts in groups.items()}


def scratch_lines(bodies: Iterable[str], judged: JudgedDescriptions, base_iri: str) -> Scratch:
    """The lines a batch's scratch store needs, given the descriptions already judged.

    A description's digest is taken over its lines with the document's graph name dropped.
    """
    keep = tuple(f"<{p}> " for p in sorted(project_reach_without_types()))
    scratch = Scratch()
    payload = scratch.payload
    registry_types: dict[str, None] = {}
    for body in bodies:
        own, theirs = split_body(body)
        _type_lines(theirs, registry_types)
        rest, entities = descriptions(own, base_iri)
        payload.extend(rest)
        if entities:
            first = own[: own.index("\n") + 1]
            graph_end = first[first.rindex(" <") :]  # ` <graph> .\n` ends every own line
            for lines in entities.values():
                _description(lines, graph_end, judged, scratch, registry_types, keep)
    payload.extend(registry_types)
    return scratch


def _type_lines(lines: str, into: dict[str, None]) -> None:
    """Put the lines of N-Quads `lines` that state a type into `into`: found by the
    predicate's text (a few lines of many), kept where it follows the subject."""
    needle = " " + TYPE_PREDICATE
    at = lines.find(needle)
    while at >= 0:
        start = lines.rfind("\n", 0, at) + 1
        end = lines.index("\n", at) + 1
        if lines.find(" ", start, at) < 0:  # the subject ends where the predicate starts
            into[lines[start:end]] = None
        at = lines.find(needle, end)


def _description(
    lines: str,
    graph_end: str,
    judged: JudgedDescriptions,
    scratch: Scratch,
    types: dict[str, None],
    keep: tuple[str, ...],
) -> None:
    triples = lines.replace(graph_end, "\n")  # one replacement a line: each ends in "\n"
    if len(lines) - len(triples) != lines.count("\n") * (len(graph_end) - 1):
        scratch.payload.append(lines)  # a line in another graph: judged, not remembered
        return
    digest = hashlib.blake2b(triples.encode(), digest_size=16).digest()
    if digest not in judged:
        scratch.payload.append(lines)
        scratch.pending.append(digest)
        return
    scratch.reused += 1
    reuse = judged.reuse(digest, triples, keep)
    types.update(dict.fromkeys(reuse.types))
    scratch.payload.extend(triple + graph_end for triple in reuse.kept)


def validate_batch(
    bodies: list[str], file_names: list[str], judged: JudgedDescriptions, base_iri: str
) -> tuple[list[Violation], int]:
    """The violations in a batch of documents' N-Quads, and how many descriptions were
    taken as judged. A batch without violations teaches `judged` its new descriptions."""
    scratch = scratch_lines(bodies, judged, base_iri)
    db = ox.Store()
    db.load(scratch.text().encode(), format=ox.RdfFormat.N_QUADS)
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
