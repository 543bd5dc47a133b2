"""`build`: sources and records in `data/` → a new store, switched in only when every
document converted, linked and validated and the whole-store checks passed."""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .. import paths
from ..search import SEARCH_FILE, build_index
from ..settings import Settings
from ..stores import embedded as store
from ..stores.endpoint import is_remote
from ..stores.merged import MERGE_MARKER
from ..stores.remote import open_remote
from ..stores.remote_load import push_build
from ..vocab import ONTOLOGY_IRI
from . import cache as buildcache
from .dump import DUMP_REWRITE_MAX, cached_bodies, write_dump, write_rdf_files
from .load import (
    INCREMENTAL_SHARE,
    MANIFEST,
    Stages,
    apply_changes,
    changed_documents,
    cross_document_checks,
    fill,
    previous_manifest,
)
from .workers import convert_parallel

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BuildResult:
    documents: int
    projects: int
    triples: int
    seconds: float
    dump: Path | None
    stages: dict[str, float] = field(default_factory=dict)  # stage → seconds


def build(
    settings: Settings, db: ox.Store | None = None, workers: int | None = None
) -> BuildResult:
    """Build the store at settings.store (or into `db`, for tests); raise on invalid data.

    Documents are converted, linked and validated in parallel batches (unchanged ones
    come from the cache). A fresh build streams every graph into one N-Quads file and
    bulk-loads it into a new store; when few documents changed, a copy of the current
    store is updated in place of those documents instead, and unchanged documents are
    never read. Cross-document checks then run on the new store; only a conforming store
    replaces the served one.
    """
    t0 = time.perf_counter()
    stages = Stages()
    # beside the data, so the finished N-Quads can become the dump by a rename
    (settings.data_dir / ".cache").mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="build-", dir=settings.data_dir / ".cache"))
    try:
        planned, cache_ = buildcache.plan(settings)
        stages.done(
            "plan",
            t0,
            f"{len(planned)} documents, {sum(p.hit is None for p in planned)} not cached",
        )
        previous = previous_manifest(settings) if db is None else None
        changed, removed = changed_documents(previous or {}, {p.job.stem: p.key for p in planned})
        incremental = previous is not None and (
            len(changed) + len(removed) <= INCREMENTAL_SHARE * max(1, len(planned))
        )
        combined = work / "documents.nq"
        t = time.perf_counter()
        conversion = convert_parallel(
            settings, planned, cache_, None if incremental else combined, workers
        )
        stages.done(
            "convert, link and validate",
            t,
            f"{conversion.documents} documents, {conversion.reconverted} reconverted",
        )
        written: set[str] | None = None
        dump: Path | None = None
        if db is not None:
            triples = fill(
                db, combined, work, bulk=False, stages=stages, base_iri=settings.base_iri
            )
        elif is_remote(settings.store):
            # checked in a local scratch store first: only conforming data reach the remote
            scratch = ox.Store(str(work / "scratch"))
            triples = fill(
                scratch, combined, work, bulk=True, stages=stages, base_iri=settings.base_iri
            )
            del scratch
            t = time.perf_counter()
            graphs = push_build(
                open_remote(settings),
                combined,
                work / "merged.nt",
                (paths.ontology_file(), ox.NamedNode(ONTOLOGY_IRI)),
                MERGE_MARKER,
            )
            stages.done("write to the remote store", t, f"{graphs} graphs")
        elif settings.store == store.MEMORY:
            triples = fill(
                ox.Store(), combined, work, bulk=False, stages=stages, base_iri=settings.base_iri
            )
        else:
            manifest = {stem: list(v) for stem, v in conversion.keys.items()}
            (work / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
            counts = work / store.COUNTS_FILE
            index = work / SEARCH_FILE
            # a count the served build recorded, unless a write has changed the store since
            recorded = store.recorded_counts(settings.store) if incremental else None
            before = recorded.get("quads") if recorded else None
            t = time.perf_counter()
            with store.new_build(
                settings.store,
                copy_current=incremental,
                extra_files=[work / MANIFEST, counts, index],
            ) as target:
                if incremental:
                    stages.done("checkpoint copy of the current store", t)
                t = time.perf_counter()
                if incremental:
                    assert previous is not None
                    touched, gained = apply_changes(
                        target, cache_, previous, conversion, changed, removed, work
                    )
                    written = changed
                    stages.done(
                        "update a copy of the store", t, f"{touched} document graphs replaced"
                    )
                    cross_document_checks(target, stages)
                    if before is not None:
                        triples = before + gained
                    else:  # none recorded, or a write changed the store since
                        t = time.perf_counter()
                        triples = len(target)
                        stages.done("count the store", t)
                else:
                    triples = fill(
                        target, combined, work, bulk=True, stages=stages, base_iri=settings.base_iri
                    )
                t = time.perf_counter()
                if not incremental:
                    dump = write_dump(settings, (), adopt=combined)
                elif conversion.documents <= DUMP_REWRITE_MAX:
                    dump = write_dump(settings, cached_bodies(cache_, conversion, target))
                else:
                    log.info(
                        "dump: kept the last one (an incremental build of %d documents does"
                        " not rewrite it; `coopkg dump` writes one of this build)",
                        conversion.documents,
                    )
                if dump is not None:
                    stages.done("dump", t)
                if not incremental:
                    t = time.perf_counter()
                    target.optimize()  # once after a bulk load; queries then read fewer files
                    stages.done("compact the store", t)
                # the server reports this instead of counting a large store (minutes)
                counts.write_text(json.dumps({"quads": triples}), encoding="utf-8")
                t = time.perf_counter()
                # in the build folder, so the index is switched in with the store it indexes
                searchable = build_index(target, index).size()
                stages.done("search index", t, f"{searchable} entities")
                t = time.perf_counter()
            stages.done("close and switch to the new store", t)
        t = time.perf_counter()
        write_rdf_files(settings, planned, cache_, written)
        stages.done("write data/rdf", t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return BuildResult(
        conversion.documents, conversion.projects, triples, time.perf_counter() - t0, dump, stages
    )
