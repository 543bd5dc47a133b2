"""The source text of a document cut into segments, each span that is the evidence of a
value marked, so a page can show the text with those spans highlighted and link every
value to its sentence."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    anchor: str  # the id a value links to
    about: str  # what the span is the evidence of


@dataclass(frozen=True)
class Segment:
    text: str
    span: Span | None = None


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """`text` in order, with the given spans marked. Spans outside the text are left out;
    a span overlapping one already marked is merged into it (its anchor then lands on
    the earlier span), so no character is shown twice."""
    out: list[Segment] = []
    at = 0
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if span.start < 0 or span.end > len(text) or span.end <= span.start:
            continue
        if span.start < at:  # overlaps the previous mark: widen it
            last = out[-1]
            if last.span is not None and span.end > at:
                merged = Span(last.span.start, span.end, last.span.anchor, last.span.about)
                out[-1] = Segment(text[merged.start : merged.end], merged)
                at = span.end
            continue
        if span.start > at:
            out.append(Segment(text[at : span.start]))
        out.append(Segment(text[span.start : span.end], span))
        at = span.end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out


def anchors_by_node(spans: list[tuple[str, Span]], kept: list[Segment]) -> dict[str, str]:
    """For each node (the IRI a span is the evidence of), the anchor of its first span
    that is shown (a merged span shows under the anchor of the span it joined)."""
    shown = {s.span.anchor: s.span for s in kept if s.span is not None}
    out: dict[str, str] = {}
    for node, span in spans:
        if node in out:
            continue
        if span.anchor in shown:
            out[node] = span.anchor
        else:  # merged: the shown span that covers it
            for mark in shown.values():
                if mark.start <= span.start < mark.end:
                    out[node] = mark.anchor
                    break
    return out
