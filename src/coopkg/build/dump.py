"""The build's files: `data/rdf/` (one N-Quads file per document) and the dump of the
whole store."""

from __future__ import annotations

import json
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from .. import paths
from ..errors import BadInput
from ..settings import Settings
from ..stores import embedded as store
from ..stores.endpoint import is_remote
from ..validate.batch import split_body
from ..vocab import ONTOLOGY_IRI
from . import cache as buildcache
from .cache import Cache, Planned
from .load import MANIFEST, REGISTRY
from .workers import Conversion

DUMP_REWRITE_MAX = 20_000  # documents up to which an incremental build rewrites the dump


def write_dump(settings: Settings, bodies: Iterable[bytes], adopt: Path | None = None) -> Path:
    """The dated dump: every document graph and the ontology graph, as N-Quads.

    Written from the build's own N-Quads rather than read back from the store: the
    documents come from `bodies`, or are `adopt`, a finished file of them that is moved
    (not copied) into place. The store's default graph is the merge of these graphs, so
    a reader loading the dump with a union default graph sees the same data.
    """
    dumps = settings.data_dir / "dumps"
    dumps.mkdir(parents=True, exist_ok=True)
    target = dumps / f"coopkg-{time.strftime('%Y-%m-%d')}.nq"
    tmp = target.with_suffix(".nq.tmp")
    ontology = ox.NamedNode(ONTOLOGY_IRI)
    if adopt is not None:
        try:
            adopt.replace(tmp)
        except OSError:  # another file system: copy after all
            shutil.copyfile(adopt, tmp)
    with tmp.open("ab" if adopt is not None else "wb") as out:
        for chunk in bodies:
            out.write(chunk)
        quads = [
            ox.Quad(t.subject, t.predicate, t.object, ontology)
            for t in ox.parse(path=str(paths.ontology_file()), format=ox.RdfFormat.TURTLE)
        ]
        out.write(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    tmp.replace(target)
    return target


def registry_graph_nquads(db: ox.Store) -> bytes:
    """The store's registry graph as N-Quads."""
    quads = db.quads_for_pattern(None, None, None, REGISTRY)
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""


def cached_bodies(cache_: Cache, conversion: Conversion, db: ox.Store) -> Iterator[bytes]:
    """Each document's graph from the cache, as the build that just ran made them, then
    the registry graph of `db` (the store that build fills)."""
    for stem in sorted(conversion.keys):
        body = cache_.body(stem, conversion.keys[stem][0])
        assert body is not None, stem  # convert_parallel cached every valid document
        yield split_body(body)[0].encode("utf-8")
    yield registry_graph_nquads(db)


def dump_current(settings: Settings) -> Path:
    """`coopkg dump`: the dated dump of the build the store serves now.

    Documents are taken from the cache when it still holds what that build loaded, and
    read from the store otherwise (a later failed build may have re-cached a newer version).
    """
    if settings.store == store.MEMORY or is_remote(settings.store):
        raise BadInput(
            "`coopkg dump` dumps the embedded on-disk store (a remote store has its own)"
        )
    current = store.current_build(settings.store)
    if current is None or not (current / MANIFEST).exists():
        raise BadInput(f"no build to dump at {settings.store}: run `coopkg build` first")
    manifest = json.loads((current / MANIFEST).read_text(encoding="utf-8"))
    cache_ = Cache(settings, buildcache.inputs_fingerprint(settings))

    def bodies() -> Iterator[bytes]:
        db = store.open_store(settings.store, read_only=True)
        for stem in sorted(manifest):
            key, graph = manifest[stem]
            body = cache_.body(stem, key)
            if body is not None:
                yield split_body(body)[0].encode("utf-8")
                continue
            quads = db.quads_for_pattern(None, None, None, ox.NamedNode(graph))
            yield ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b""
        yield registry_graph_nquads(db)

    return write_dump(settings, bodies())


def write_rdf_files(
    settings: Settings, planned: list[Planned], cache_: Cache, stems: set[str] | None = None
) -> None:
    """data/rdf/<stem>.nq for every document (or only `stems`): hard links to the cache.

    A file already linked to its cache file is left untouched; files of documents that
    are gone are deleted. Where a link cannot be made the file is copied.
    """
    out = settings.rdf_dir
    out.mkdir(parents=True, exist_ok=True)
    wanted = set()
    for p in planned:
        stem = p.job.stem
        target = out / f"{stem}.nq"
        wanted.add(target.name)
        if (stems is not None and stem not in stems) or cache_.entries.get(stem) is None:
            continue
        source = buildcache.cache_file(cache_.folder, stem)
        try:
            if target.exists() and os.path.samefile(source, target):
                continue
        except FileNotFoundError:
            continue
        tmp = out / f".{stem}.nq.tmp"
        tmp.unlink(missing_ok=True)
        try:
            os.link(source, tmp)
        except OSError:  # a file system without hard links
            shutil.copyfile(source, tmp)
        tmp.replace(target)
    for stale in out.glob("*.nq"):
        if stale.name not in wanted:
            stale.unlink()
