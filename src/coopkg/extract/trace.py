"""The candidates the rules turn down, noted while `coopkg extract --explain` runs.

Every `Item` a rule returns says in `why` which rule and cue produced it; a candidate a rule
drops is noted with `reject`, but only inside `collecting()`, so a normal extraction pays
one context-variable read per dropped candidate.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from .document import Span


@dataclass(frozen=True)
class Rejected:
    field: str  # the record field the candidate would have filled
    text: str
    span: Span | None
    reason: str
    score: float | None = None  # the rule's own measure, where it has one


_NOTES: ContextVar[list[Rejected] | None] = ContextVar("coopkg_extract_notes", default=None)


def reject(
    field: str, text: str, span: Span | None, reason: str, score: float | None = None
) -> None:
    """Note a dropped candidate (only while explaining)."""
    notes = _NOTES.get()
    if notes is not None:
        notes.append(Rejected(field, text.strip(), span, reason, score))


def explaining() -> bool:
    return _NOTES.get() is not None


@contextmanager
def collecting() -> Iterator[list[Rejected]]:
    notes: list[Rejected] = []
    token = _NOTES.set(notes)
    try:
        yield notes
    finally:
        _NOTES.reset(token)
