"""Extraction: a source document (text or HTML) → a record (record format v1) with evidence."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..records import Record, check_record
from .core import Doc, extract_project
from .reading import detect_language, read_document


def extract_text(
    text: str, file_name: str, language: str | None = None, url: str | None = None
) -> dict[str, Any]:
    """The record for one document's text (a dict in record format v1)."""
    language = language or detect_language(text)
    doc = Doc(text, language)
    project = extract_project(doc)
    projects = (
        [project] if project["title"] or project["organisations"] or project["amounts"] else []
    )
    source: dict[str, Any] = {"file": file_name, "language": language}
    if url:
        source["url"] = url
    record = {"source": source, "projects": projects}
    check_record(record, file_name)
    return record


def extract_file(path: Path) -> dict[str, Any]:
    return extract_text(read_document(path), path.name)


def to_record(data: dict[str, Any]) -> Record:
    return Record.from_dict(data, reviewed=False)
