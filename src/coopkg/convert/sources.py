"""The source documents in data/sources/ and their manifest.

`manifest.csv` lists, per document: file, language, sha256, origin, url. The
build checks every checksum, so a document edited after its record was made
is noticed rather than silently cited with wrong offsets.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from ..errors import BadInput
from .graph import SourceInfo

MANIFEST = "manifest.csv"
COLUMNS = ("file", "language", "sha256", "origin", "url")


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    language: str | None
    sha256: str
    origin: str
    url: str | None


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(sources_dir: Path) -> dict[str, ManifestEntry]:
    path = sources_dir / MANIFEST
    if not path.exists():
        return {}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(COLUMNS) - set(reader.fieldnames or ())
        if missing:
            raise BadInput(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        return {
            row["file"]: ManifestEntry(
                row["file"],
                row["language"] or None,
                row["sha256"],
                row["origin"],
                row["url"] or None,
            )
            for row in reader
        }


def source_info(
    sources_dir: Path, file_name: str, manifest: dict[str, ManifestEntry]
) -> SourceInfo:
    """Text, checksum and origin of a source document, checked against the manifest."""
    path = sources_dir / file_name
    entry = manifest.get(file_name)
    if not path.exists():
        return SourceInfo(
            file_name, url=entry.url if entry else None, language=entry.language if entry else None
        )
    digest = sha256_of(path)
    if entry is not None and entry.sha256 != digest:
        raise BadInput(
            f"{path}: checksum {digest[:12]}… differs from manifest {entry.sha256[:12]}…; "
            "the document changed after it was registered"
        )
    from ..extract.reading import read_document

    # evidence offsets point into the text extraction reads (an HTML page's main text)
    text = read_document(path)
    return SourceInfo(
        file_name,
        text=text,
        sha256=digest,
        url=entry.url if entry else None,
        language=entry.language if entry else None,
    )
