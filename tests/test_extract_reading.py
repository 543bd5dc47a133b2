"""extract/reading: files and HTML to text, and the language of a text."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopkg.errors import BadInput
from coopkg.extract.reading import detect_language, html_to_text, looks_like_html, read_document

PAGE = (
    "<html><head><title>T</title><script>x=1</script></head>"
    "<body><h1>Head</h1><p>One &amp; two</p></body></html>"
)


def test_html_to_text_drops_scripts_and_keeps_blocks() -> None:
    assert looks_like_html(PAGE) and not looks_like_html("plain text <b>")
    assert html_to_text(PAGE) == "Head\nOne & two\n"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Це проект співпраці громад прикордонних регіонів", "uk"),
        ("Projekt współpracy gmin w regionie przygranicznym", "pl"),
        ("Projekt spolupráce obcí v příhraničním regionu", "cs"),
    ],
)
def test_detect_language(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_read_document_reads_html_files_as_text(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    assert read_document(page) == "Head\nOne & two\n"


def test_read_document_rejects_what_is_not_text(tmp_path: Path) -> None:
    blob = tmp_path / "blob.txt"
    blob.write_bytes(b"\xff\xfe\x00\x00binary\x00")
    with pytest.raises(BadInput):
        read_document(blob)


def test_hungarian_pages_are_hungarian() -> None:
    from coopkg.extract.reading import detect_language

    text = (
        "Lengyel testvérvárosunk küldöttsége járt nálunk. A látogatást a város "
        "önkormányzata a baráti körrel közösen szervezte, és két közös estet tartottunk."
    )
    assert detect_language(text) == "hu"
