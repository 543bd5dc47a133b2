"""extract/document: the document model every rule works on."""

from __future__ import annotations

from coopkg.extract.document import Doc, Item, flatten_asides, mask_items


def test_lines_carry_their_offsets() -> None:
    doc = Doc("one\ntwo", "pl")
    assert doc.lines == [(0, "one"), (4, "two")]
    assert doc.home == "PL"


def test_countries_named_join_the_home_country() -> None:
    assert Doc("Partnerzy z Ukrainy i Słowacji.", "pl").countries() >= {"PL", "UA", "SK"}


def test_sentence_bounds() -> None:
    text = "Pierwsze zdanie. Drugie zdanie; trzecie."
    start, end = Doc(text, "pl").sentence_bounds(text.index("Drugie"))
    assert text[start:end].strip() == "Drugie zdanie"


def test_masked_spans_are_remembered() -> None:
    doc = Doc("0123456789", None)
    mask_items(doc, Item({"x": 1}, [(2, 4)]), None)
    assert doc.is_masked(3, 5) and not doc.is_masked(4, 6)


def test_item_out_sorts_and_merges_evidence() -> None:
    item = Item({"name": "X"}, [(5, 6), (1, 2), (5, 6)])
    assert item.out() == {"name": "X", "evidence": [{"start": 1, "end": 2}, {"start": 5, "end": 6}]}


def test_flatten_asides_keeps_length() -> None:
    text = "Gmina X (woj. lubelskie) i m. Y"
    flat = flatten_asides(text)
    assert len(flat) == len(text)
    assert "(" not in flat and "m." not in flat
