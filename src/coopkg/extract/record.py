"""A document's text → its record: the page cut into one segment per project, each
segment's fields found by `project.extract_project`, evidence offsets made page-relative."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..records import check_record
from .document import Doc
from .project import extract_project
from .reading import detect_language, read_document
from .titles import PARAGRAPH_TITLE, TITLE_LABEL


def segments(text: str) -> list[tuple[int, int]]:
    """Where each project of a page starts and ends.

    A page lists several projects when it carries two or more distinct labelled titles
    (`Tytuł projektu: …`, `Název projektu: …`, `Project title: …`), or else two or more
    paragraphs that open with a distinct quoted name, alone or after a project word
    (`«Сільські лідери» (2022)`, `Projektas „Kultūros tiltai“`, `Fundacja X – projekt „Y”.`);
    each project then runs from its title to the next. Otherwise the whole page is one.
    """
    for starts in (_labelled_starts(text), _paragraph_starts(text)):
        if len(starts) >= 2:
            bounds = [0, *starts[1:], len(text)]  # the page's opening goes with the first
            return [(bounds[i], bounds[i + 1]) for i in range(len(starts))]
    return [(0, len(text))]


def _labelled_starts(text: str) -> list[int]:
    starts, titles = [], set()
    for m in TITLE_LABEL.finditer(text):
        value = m.group("v").strip().casefold()
        if value and value not in titles:
            titles.add(value)
            starts.append(m.start())
    return starts


def _paragraph_starts(text: str) -> list[int]:
    starts, titles = [], set()
    for m in PARAGRAPH_TITLE.finditer(text):
        value = m.group("q").strip().casefold()
        if value not in titles:
            titles.add(value)
            starts.append(m.start("line"))
    return starts


def _shift(value: Any, offset: int) -> Any:
    """Move every evidence span of an extracted project by `offset` characters."""
    if isinstance(value, dict):
        if set(value) == {"start", "end"} and all(isinstance(v, int) for v in value.values()):
            return {"start": value["start"] + offset, "end": value["end"] + offset}
        return {k: _shift(v, offset) for k, v in value.items()}
    if isinstance(value, list):
        return [_shift(v, offset) for v in value]
    return value


def extract_text(
    text: str, file_name: str, language: str | None = None, url: str | None = None
) -> dict[str, Any]:
    """The record for one document's text (a dict in record format v1)."""
    language = language or detect_language(text)
    projects = []
    for start, end in segments(text):
        doc = Doc(text[start:end], language)
        project = extract_project(doc)
        if project["title"] or project["organisations"] or project["amounts"]:
            projects.append(_shift(project, start) if start else project)
    source: dict[str, Any] = {"file": file_name, "language": language}
    if url:
        source["url"] = url
    record = {"source": source, "projects": projects}
    check_record(record, file_name)
    return record


def extract_file(path: Path) -> dict[str, Any]:
    return extract_text(read_document(path), path.name)
