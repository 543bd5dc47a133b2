"""Loading a build into the store: a fresh bulk load with the merged default graph, or,
when few documents changed, their graphs replaced in a copy of the current store."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO

import pyoxigraph as ox

from .. import paths
from ..errors import ValidationFailed
from ..settings import Settings
from ..stores import embedded as store
from ..stores import rdfio
from ..stores.endpoint import is_remote
from ..stores.merged import MERGE_MARKER
from ..validate.violations import check_violation_queries
from ..vocab import COOP, ONTOLOGY_IRI, REGISTRY_GRAPH
from .cache import Cache
from .workers import Conversion

log = logging.getLogger(__name__)


REGISTRY = ox.NamedNode(REGISTRY_GRAPH)


class Stages(dict[str, float]):
    """Seconds per build stage, logged as each one ends."""

    def done(self, name: str, started: float, detail: str = "") -> None:
        self[name] = self.get(name, 0.0) + time.perf_counter() - started
        log.info("%s%s in %.1f s", name, f" ({detail})" if detail else "", self[name])


MANIFEST = "documents.json"  # in a build folder: stem → [cache key, graph IRI]


INCREMENTAL_SHARE = 0.2  # above this share of changed documents a fresh bulk load is faster


def previous_manifest(settings: Settings) -> dict[str, tuple[str, str]] | None:
    if settings.store == store.MEMORY or is_remote(settings.store):
        return None
    current = store.current_build(settings.store)
    if current is None or not (current / MANIFEST).exists():
        return None
    data = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    return {stem: (key, graph) for stem, (key, graph) in data.items()}


MERGE_MEMORY = 5_000_000  # repeated statements remembered while merging (~75 bytes each)


def merged_file(combined: Path, target: Path, base_iri: str) -> Path:
    """The default graph's triples (documents and ontology), most repeats dropped.

    Graph names are dropped line by line (`_triple_of`). Places, organisations,
    programmes and countries are described again in every document that names them
    (three quarters of all lines), so their statements are passed on once: the store
    would drop the repeats anyway, but only after parsing and sorting them. Statements
    about a document's own project and source are not remembered (they do not repeat);
    past MERGE_MEMORY remembered statements the rest are passed on as they are, which is
    still correct.
    """
    own = tuple(f"<{base_iri}id/{kind}/".encode() for kind in ("project", "source"))
    seen: set[bytes] = set()
    with target.open("wb") as out, combined.open("rb") as source:
        lines: list[bytes] = []
        for line in source:
            if not line.strip():
                continue
            triple = _triple_of(line)
            if not triple.startswith(own):
                digest = hashlib.blake2b(triple, digest_size=16).digest()
                if digest in seen:
                    continue
                if len(seen) < MERGE_MEMORY:
                    seen.add(digest)
            lines.append(triple + b" .\n")
            if len(lines) >= 100_000:
                out.writelines(lines)
                lines = []
        out.writelines(lines)
        triples = ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        out.write(ox.serialize(list(triples), format=ox.RdfFormat.N_TRIPLES) or b"")
    return target


def _triple_of(line: bytes) -> bytes:
    """One line of the build's own N-Quads without its graph name and final dot.

    Every line is one statement ending in ` <graph> .`, and an IRI holds no space, so the
    graph name starts at the line's last " <": dropping it is a byte operation.
    """
    return line[: line.rindex(b" <")]


def fill(
    target: ox.Store, combined: Path, work: Path, bulk: bool, stages: Stages, base_iri: str
) -> int:
    """A new store: ontology, document graphs, the merged default graph; then the
    whole-graph checks. Raises ValidationFailed if they find anything."""
    t = time.perf_counter()
    rdfio.load_turtle_into(target, paths.ontology_file(), ONTOLOGY_IRI)

    def load(path: Path, fmt: ox.RdfFormat) -> None:
        if bulk:
            # lenient: these N-Quads were parsed strictly when their batch was validated
            target.bulk_load(path=str(path), format=fmt, lenient=True)
        else:
            target.load(path=str(path), format=fmt)

    # the merge is Python and Oxigraph loads without the GIL: both at once use the core
    # the bulk loader leaves partly idle
    with ThreadPoolExecutor(1) as pool:
        merging = pool.submit(merged_file, combined, work / "merged.nt", base_iri)
        load(combined, ox.RdfFormat.N_QUADS)
        merged = merging.result()
    load(merged, ox.RdfFormat.N_TRIPLES)
    target.add(MERGE_MARKER)
    stages.done("load", t)
    cross_document_checks(target, stages)
    t = time.perf_counter()
    quads = len(target)  # a full scan, done once here so the server need not
    stages.done("count the store", t)
    return quads


def registry_problems(db: ox.Store) -> list[str]:
    """The shapes' verdict on the registry graph as a whole.

    Every batch of documents was validated with its slice of the registry graph; this
    catches what only the union can show (two documents stating different facts about
    one territory). The graph is bounded by the registry snapshots, so this is quick.
    """
    from ..validate.sparql import validate_store

    scratch = ox.Store()
    scratch.extend(db.quads_for_pattern(None, None, None, REGISTRY))
    report = validate_store(scratch, threads=1)
    return [
        "registry graph: " + " ".join(filter(None, (v.focus, v.path, v.value))) + f": {v.message}"
        for v in report.violations
    ]


def cross_document_checks(target: ox.Store, stages: Stages) -> None:
    t = time.perf_counter()
    problems = check_violation_queries(target, scope="store") + registry_problems(target)
    stages.done("cross-document checks", t)
    if problems:
        raise ValidationFailed(
            "whole-graph checks failed; nothing was loaded", detail="\n".join(problems)
        )


def changed_documents(
    previous: dict[str, tuple[str, str]], keys: dict[str, str]
) -> tuple[set[str], set[str]]:
    """(documents new or changed since the previous build, documents gone)."""
    changed = {
        stem for stem, key in keys.items() if stem not in previous or previous[stem][0] != key
    }
    return changed, set(previous) - set(keys)


LOAD_CHUNK = 2_000  # documents an incremental build bulk-loads at a time


RESTATED_MEMORY = 2_000_000  # new documents' statements remembered for the still-held check


def apply_changes(
    target: ox.Store,
    cache_: Cache,
    previous: dict[str, tuple[str, str]],
    conversion: Conversion,
    changed: set[str],
    removed: set[str],
    work: Path,
) -> tuple[int, int]:
    """Bring a copy of the previous build up to date, touching only changed documents.

    Returns the number of graphs replaced or removed and how many quads the store gained
    (negative if it lost some), so the build need not count the whole store. The merged
    default graph loses a triple only when no document graph holds it any more. Memory
    stays bounded by LOAD_CHUNK documents and RESTATED_MEMORY statements: the replaced
    graphs' statements wait in a file for that check.
    """
    default = ox.DefaultGraph()
    registry = REGISTRY
    gained = 0
    old = work / "replaced.nt"
    cited_before: set[ox.NamedNode] = set()  # registry territories the old graphs cited
    with old.open("wb") as sink:
        for stem in sorted(changed | removed):
            if stem in previous:
                graph = ox.NamedNode(previous[stem][1])
                triples = [q.triple for q in target.quads_for_pattern(None, None, None, graph)]
                sink.write(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"")
                target.remove_graph(graph)
                gained -= len(triples)
                cited_before.update(
                    t.object
                    for t in triples
                    if isinstance(t.object, ox.NamedNode)
                    and t.object not in cited_before
                    and next(target.quads_for_pattern(t.object, None, None, registry), None)
                )
    # an edited document mostly restates what it said before; those statements need no
    # lookup in the store to know they stay in the merged default graph
    restated: set[ox.Triple] = set()
    ordered = sorted(changed)
    for i in range(0, len(ordered), LOAD_CHUNK):
        bodies = []
        for stem in ordered[i : i + LOAD_CHUNK]:
            body = cache_.body(stem, conversion.keys[stem][0])
            assert body is not None, stem  # convert_parallel cached every valid document
            bodies.append(body)
        payload = "".join(bodies).encode("utf-8")
        quads = set(ox.parse(payload, format=ox.RdfFormat.N_QUADS))
        # the registry graph only grows: most of its statements are there already
        cited = [q for q in quads if q.graph_name == registry]
        new_in_registry = sum(q not in target for q in cited)
        # the bulk loader adds to a store that holds data too, far faster than a
        # transaction; this copy is private to the build until it is switched in
        target.bulk_load(input=payload, format=ox.RdfFormat.N_QUADS, lenient=True)
        merged = {ox.Quad(q.subject, q.predicate, q.object, default) for q in quads}
        new_in_default = [q for q in merged if q not in target]
        target.extend(new_in_default)
        gained += len(quads) - len(cited) + new_in_registry + len(new_in_default)
        for q in quads:
            if len(restated) >= RESTATED_MEMORY:
                break
            if q.graph_name != registry:
                restated.add(q.triple)
    with old.open("ab") as sink:
        gained -= _prune_registry(target, cited_before, sink)
    looked_up, dropped = drop_unheld(target, old, restated)
    log.info(
        "replaced statements: %d looked up (the new graphs' %d statements need none),"
        " %d left the default graph",
        looked_up,
        len(restated),
        dropped,
    )
    return len(changed | removed), gained - dropped


def drop_unheld(target: ox.Store, replaced: Path, restated: set[ox.Triple]) -> tuple[int, int]:
    """Remove from the merged default graph the statements of `replaced` (N-Triples) that
    no graph holds any more; those in `restated` are held by a new document graph and
    need no lookup. Returns (statements looked up, statements removed)."""
    default = ox.DefaultGraph()
    looked_up = dropped = 0
    for parsed in ox.parse(path=str(replaced), format=ox.RdfFormat.N_TRIPLES):
        t = parsed.triple  # the parser gives quads in the default graph
        if t in restated:
            continue
        looked_up += 1
        still_held = any(
            not isinstance(q.graph_name, ox.DefaultGraph)
            for q in target.quads_for_pattern(t.subject, t.predicate, t.object)
        )
        in_default = ox.Quad(t.subject, t.predicate, t.object, default)
        if not still_held and in_default in target:
            target.remove(in_default)
            dropped += 1
    return looked_up, dropped


COUNTRY_OF = ox.NamedNode(str(COOP.country))


# terms are bound as substitutions, never spliced into the text (Oxigraph binds only
# projected variables, hence a SELECT where an ASK would do)
CITED_OUTSIDE_REGISTRY = (
    "SELECT ?node ?registry WHERE { GRAPH ?g { ?s ?p ?node } FILTER(?g != ?registry) } LIMIT 1"
)
NODE_VAR, REGISTRY_VAR = ox.Variable("node"), ox.Variable("registry")


def _prune_registry(target: ox.Store, candidates: set[ox.NamedNode], sink: BinaryIO) -> int:
    """Drop from the registry graph the territories no document graph cites any more
    (and countries no territory left there lies in), as a fresh build would not state
    them. Their statements go to `sink` for the default graph's check; returns how many
    quads were removed. A document cites a territory as the object of a statement
    (every linked place lies within all its containing territories).
    """
    registry = REGISTRY
    removed = 0

    def drop(node: ox.NamedNode) -> list[ox.Quad]:
        quads = list(target.quads_for_pattern(node, None, None, registry))
        sink.write(ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b"")
        for q in quads:
            target.remove(q)
        return quads

    countries: set[ox.NamedNode] = set()
    for node in sorted(candidates, key=lambda n: n.value):
        # GRAPH ?g reads only the named graphs' index: a quad pattern would walk the
        # merged default graph's statements about a region first (thousands)
        bound: dict[ox.Variable, Any] = {NODE_VAR: node, REGISTRY_VAR: registry}
        cited = target.query(CITED_OUTSIDE_REGISTRY, substitutions=bound)
        assert isinstance(cited, ox.QuerySolutions)
        if next(iter(cited), None) is not None:
            continue
        for q in drop(node):
            if q.predicate == COUNTRY_OF and isinstance(q.object, ox.NamedNode):
                countries.add(q.object)
            removed += 1
    for country in sorted(countries, key=lambda n: n.value):
        if next(target.quads_for_pattern(None, COUNTRY_OF, country, registry), None) is None:
            removed += len(drop(country))
    return removed
