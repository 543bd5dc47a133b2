"""extract/trace: dropped candidates are noted only while collecting."""

from __future__ import annotations

from coopkg.extract.trace import Rejected, collecting, explaining, reject


def test_nothing_is_kept_outside_collecting() -> None:
    assert not explaining()
    reject("places", "Essen", (0, 5), "a common word")  # a no-op, not an error
    with collecting() as notes:
        assert explaining()
        reject("places", " Essen ", (0, 5), "a common word", 3)
    assert not explaining()
    assert notes == [Rejected("places", "Essen", (0, 5), "a common word", 3)]


def test_nested_collections_are_separate() -> None:
    with collecting() as outer:
        reject("title", "a", None, "x")
        with collecting() as inner:
            reject("title", "b", None, "y")
        reject("title", "c", None, "z")
    assert [n.text for n in outer] == ["a", "c"] and [n.text for n in inner] == ["b"]
