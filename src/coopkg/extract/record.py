"""A document's text → its record: the page cut into one segment per project, each
segment's fields found by `project.extract_project`, evidence offsets made page-relative."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..records import check_record
from .document import LEGAL, Doc
from .programmes import find_funds
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
    return [(start, end) for start, end, _ in _segments(text)]


def _segments(text: str) -> list[tuple[int, int, int]]:
    """(start, end, where its title is looked for) of each project of a page: a labelled
    title or a quoted name is looked for in the whole segment, the page's opening
    included; a block's name is its own first line."""
    for starts in (_labelled_starts(text), _paragraph_starts(text)):
        if len(starts) >= 2:
            bounds = [0, *starts[1:], len(text)]  # the page's opening goes with the first
            return [(bounds[i], bounds[i + 1], 0) for i in range(len(starts))]
    blocks = table_rows(text) or block_starts(text)
    if len(blocks) >= 2:
        bounds = [0, *blocks[1:], len(text)]
        return [(bounds[i], bounds[i + 1], blocks[i]) for i in range(len(blocks))]
    return [(0, len(text), 0)]


# the header of a table's first column that holds the projects' names
NAME_HEADER = re.compile(
    r"\s*(?:název\w*|nazwa|tytuł\w*|title|name|назва|pavadinimas|cím|projekt\w*|project\w*|"
    r"názov\w*|titel|проєкт\w*|проект\w*|projektas)\b",
    re.IGNORECASE,
)
CELL = re.compile(r"\s*\|\s*|\t+")


def table_rows(text: str) -> list[int]:
    """Where each row of a table of projects starts: lines of `|`- or tab-separated cells
    under a header whose first column names the project (`Název | Partner | Období`)."""
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    for i, (_, head) in enumerate(lines):
        cells = [c for c in CELL.split(head.strip()) if c]
        if len(cells) < 2 or not NAME_HEADER.match(cells[0]) or not CELL.search(head):
            continue
        rows = []
        for start, line in lines[i + 1 :]:
            if len([c for c in CELL.split(line.strip()) if c]) != len(cells):
                break
            if not re.fullmatch(r"[\s|:+-]*", line):  # a Markdown rule `|---|---|` is no row
                rows.append(start + len(line) - len(line.lstrip()))
        if len(rows) >= 2:
            return rows
    return []


# a list item's marker: `1.`, `2)`, `•`, `-`
LIST_MARKER = re.compile(r"^[ \t]*(?:\d{1,2}[.)]|[-•·*–])[ \t]+")
# a labelled line of a record: `Partner: …`, `Okres realizacji: …`, `Lead partner: …`
LABEL = re.compile(r"(?:^|\.\s+)(?P<k>[^\W\d_][\w ’'-]{1,30}?)\s*:\s+\S", re.M)


def block_starts(text: str) -> list[int]:
    """Where each project of a list without titles of its own starts: paragraphs (or
    list items) that open with a short name and go on with labelled lines sharing a
    label with the others (`Partner: …`, `Okres realizacji: …`)."""
    found: list[tuple[int, set[str]]] = []
    for m in BLOCK.finditer(text):
        head, body = m.group("head"), m.group("body") or ""
        if head.rstrip().endswith((":", ".")) or LABEL.match(head) or len(head.split()) > 14:
            continue
        keys = {k.group("k").strip().casefold() for k in LABEL.finditer(body)}
        if keys:
            found.append((m.start("line"), keys))
    if len(found) < 2:
        return []
    shared = set.intersection(*(keys for _, keys in found))
    return [start for start, _ in found] if shared else []


# a paragraph or a list item: its first line (the name) and the lines or sentences after
BLOCK = re.compile(
    r"(?:\A|\n[ \t]*\n|\n(?=[ \t]*(?:\d{1,2}[.)]|[•·*])[ \t]))(?P<line>[ \t]*"
    r"(?:(?:\d{1,2}[.)]|[-•·*–])[ \t]+)?(?P<head>[^\n]+?))"
    r"(?P<body>(?:\.\s+[^\n]+)?(?:\n(?![ \t]*\n)(?![ \t]*(?:\d{1,2}[.)]|[•·*])[ \t])[^\n]+)*)"
    r"(?=\n|\Z)"
)


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
        name = m.group("q") or m.group("u")
        if m.group("u") and LEGAL.match(name):
            continue  # `Fundacja X – projekt …`: the organisation, the name comes after
        value = name.strip().casefold()
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


def _share_the_page_programme(projects: list[dict[str, Any]], language: str | None) -> None:
    """A list page that names one programme names it once, above or below the list
    (`W ramach programu X wsparcie otrzymały…`, `Förderprogramm: X`): every project of
    the page without a programme of its own is funded from it, and from its funds."""
    named = {p["programme"] for p in projects if p["programme"]}
    if len(projects) < 2 or len(named) != 1:
        return
    source = next(p for p in projects if p["programme"])
    programme = source["programme"]
    implied = {f.data["fund"] for f in find_funds(Doc(programme, language))}
    for project in projects:
        if project["programme"]:
            continue
        project["programme"] = programme
        project["funds"] = sorted(set(project["funds"]) | implied | set(source["funds"]))
        where = source.get("evidence", {}).get("programme")
        if where:
            project.setdefault("evidence", {})["programme"] = where


def extract_text(
    text: str, file_name: str, language: str | None = None, url: str | None = None
) -> dict[str, Any]:
    """The record for one document's text (a dict in record format v1)."""
    language = language or detect_language(text)
    projects = []
    for start, end, title_at in _segments(text):
        doc = Doc(text[start:end], language)
        project = extract_project(doc, title_at - start if title_at else 0)
        if project["title"] or project["organisations"] or project["amounts"]:
            projects.append(_shift(project, start) if start else project)
    _share_the_page_programme(projects, language)
    source: dict[str, Any] = {"file": file_name, "language": language}
    if url:
        source["url"] = url
    record = {"source": source, "projects": projects}
    check_record(record, file_name)
    return record


def extract_file(path: Path) -> dict[str, Any]:
    return extract_text(read_document(path), path.name)
