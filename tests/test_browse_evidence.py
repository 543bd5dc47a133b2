"""browse/evidence: a source text cut into plain and marked segments, overlaps merged,
and each value's anchor found even when its span was merged into another."""

from __future__ import annotations

from coopkg.browse.evidence import Span, anchors_by_node, segments

TEXT = "Partner: Gmina Brenna. Budget: 1 000 EUR."


def test_spans_are_marked_in_order_and_nothing_is_lost() -> None:
    a = Span(9, 21, "ev-0", "organisation")
    b = Span(31, 40, "ev-1", "amount")
    parts = segments(TEXT, [b, a])
    assert "".join(p.text for p in parts) == TEXT
    assert [(p.text, p.span.anchor if p.span else None) for p in parts] == [
        ("Partner: ", None),
        ("Gmina Brenna", "ev-0"),
        (". Budget: ", None),
        ("1 000 EUR", "ev-1"),
        (".", None),
    ]


def test_overlaps_merge_and_bad_spans_are_left_out() -> None:
    a = Span(9, 14, "ev-0", "organisation")
    b = Span(12, 21, "ev-1", "place")
    outside = Span(30, 400, "ev-2", "amount")
    empty = Span(5, 5, "ev-3", "title")
    parts = segments(TEXT, [a, b, outside, empty])
    assert "".join(p.text for p in parts) == TEXT
    marks = [p for p in parts if p.span]
    assert [(m.text, m.span.anchor) for m in marks if m.span] == [("Gmina Brenna", "ev-0")]
    anchors = anchors_by_node([("org", a), ("place", b), ("money", outside)], parts)
    assert anchors == {"org": "ev-0", "place": "ev-0"}


def test_no_spans_gives_the_whole_text() -> None:
    assert [p.text for p in segments(TEXT, [])] == [TEXT]
    assert segments("", []) == []
