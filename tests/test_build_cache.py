"""build/cache: a converted document is reused only while nothing that made it changed."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from coopkg.build import cache
from coopkg.build import run as build_run
from coopkg.build import workers as build_workers
from coopkg.build.run import build
from coopkg.errors import BadInput
from coopkg.settings import Settings

from .conftest import copy_data


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def retitle(data: Path, record_file: str, title: str) -> Path:
    """Give a record's first project a new title (a valid change); return the record's path."""
    path = data / "records" / record_file
    record = json.loads(path.read_text(encoding="utf-8"))
    record["projects"][0]["title"] = title
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def _age(folder: Path, seconds: int = 3600) -> None:
    """Set every file's mtime back, as if written long before the build reads it."""
    past = int(os.path.getmtime(folder)) - seconds
    for path in folder.rglob("*"):
        if path.is_file():
            os.utime(path, (past, past))


def test_a_rebuild_trusts_unchanged_stats_and_reads_nothing(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopkg.build import cache as buildcache

    _age(data / "records")
    _age(data / "sources")
    build(Settings(data_dir=data, store=":memory:"))
    monkeypatch.setattr(buildcache, "job_key", lambda *a: pytest.fail("hashed an unchanged file"))
    assert build(Settings(data_dir=data, store=":memory:")).documents == 5
    monkeypatch.undo()
    # a changed record has a new mtime: it alone is hashed and reconverted
    retitle(data, "002_664baf2ff6750c58.json", "Synergi@ 3")
    hashed: list[str] = []
    original = buildcache.job_key

    def counting(job, settings, fingerprint=None, read=None):  # type: ignore[no-untyped-def]
        hashed.append(job.stem)
        return original(job, settings, fingerprint, read)

    monkeypatch.setattr(buildcache, "job_key", counting)
    build(Settings(data_dir=data, store=":memory:"))
    assert hashed == ["002_664baf2ff6750c58"]
    assert "Synergi@ 3" in (data / "rdf" / "002_664baf2ff6750c58.nq").read_text(encoding="utf-8")


def test_a_file_changed_in_the_same_timestamp_tick_is_still_seen(data: Path) -> None:
    """A record read within RACY_NS of its last change is not trusted by its stat: a
    same-size edit that keeps the very same mtime is found on the next build."""
    path = data / "records" / "002_664baf2ff6750c58.json"
    os.utime(path)  # written just now
    build(Settings(data_dir=data, store=":memory:"))  # so its stat is not trusted
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "Synergi@" in text
    path.write_text(text.replace("Synergi@", "Synergi#"), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    build(Settings(data_dir=data, store=":memory:"))
    assert "Synergi#" in (data / "rdf" / "002_664baf2ff6750c58.nq").read_text(encoding="utf-8")


def test_a_changed_sources_manifest_or_base_iri_reconverts_everything(data: Path) -> None:
    from coopkg.build import cache as buildcache

    _age(data / "records")
    _age(data / "sources")
    build(Settings(data_dir=data, store=":memory:"))
    planned, _ = buildcache.plan(Settings(data_dir=data, store=":memory:"))
    assert all(p.hit is not None for p in planned)
    other = Settings(data_dir=data, store=":memory:", base_iri="https://example.org/kg/")
    planned, _ = buildcache.plan(other)
    assert all(p.hit is None for p in planned)


def test_a_changed_source_document_is_noticed(data: Path) -> None:
    source = data / "sources" / "003_aa63097409705188.txt"
    source.write_text(source.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    with pytest.raises(BadInput, match="differs from manifest"):
        build(Settings(data_dir=data, store=":memory:"))


def test_a_rebuild_reconverts_only_what_changed(
    data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    build(Settings(data_dir=data, store=":memory:"))
    # nothing changed: every document comes from the cache, no worker pool is started
    monkeypatch.setattr(build_workers, "get_context", lambda method: pytest.fail("converted again"))
    again = build(Settings(data_dir=data, store=":memory:"))
    assert again.documents == 5
    monkeypatch.undo()
    # one record changed: only it is converted
    retitle(data, "002_664baf2ff6750c58.json", "Synergi@ 2")
    todo: list[int] = []
    original = build_run.convert_parallel

    def counting(settings, planned, cache_, out, workers=None):  # type: ignore[no-untyped-def]
        todo.append(sum(p.hit is None for p in planned))
        return original(settings, planned, cache_, out, workers)

    monkeypatch.setattr(build_run, "convert_parallel", counting)
    build(Settings(data_dir=data, store=":memory:"))
    assert todo == [1]
    assert "Synergi@ 2" in (data / "rdf" / "002_664baf2ff6750c58.nq").read_text(encoding="utf-8")


PACKAGE = Path(cache.__file__).resolve().parents[1]


def test_the_code_fingerprint_covers_every_stage_not_only_the_build() -> None:
    files = set(cache.fingerprinted_files())
    for module in ("extract/organisations.py", "convert/graph.py", "link/graph.py", "iris.py"):
        assert PACKAGE / module in files, module
    assert any(f.suffix == ".ttl" and f.parent.name == "shapes" for f in files)
    assert any(f.name == "coop.ttl" for f in files)
