"""The one place that mints instance IRIs.

`{base}id/{kind}/{key}` where key = slug of the normalised name + a short hash
of what identifies the thing, so rebuilding from the same sources yields the
same IRIs and two spellings that normalise alike share one IRI.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from rdflib import URIRef

from .names import UK_LATIN

DEFAULT_BASE = "https://w3id.org/coopkg/"
KINDS = ("project", "organisation", "place", "programme", "source")

# Ukrainian romanisation plus the few Latin letters NFKD does not decompose
_TRANSLIT = str.maketrans(
    {
        **UK_LATIN,
        "ł": "l",
        "Ł": "l",
        "ß": "ss",
        "ø": "o",
        "đ": "d",
        "ы": "y",
        "э": "e",
        "ъ": "",
        "ё": "e",
    }
)


def normalise(text: str) -> str:
    """Case-, space- and quote-folded form used for identity (keeps diacritics)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"[\"'«»„“”‘’`]", "", text)
    text = re.sub(r"\s*[-–—]\s*", "-", text)
    return " ".join(text.split())


def slug(text: str, limit: int = 48) -> str:
    """ASCII slug: transliterate Cyrillic, drop diacritics, hyphenate."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_TRANSLIT))
    ascii_text = "".join(c for c in folded if not unicodedata.combining(c))
    ascii_text = ascii_text.encode("ascii", "ignore").decode()
    s = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return s[:limit].rstrip("-") or "x"


def short_hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:8]


@lru_cache(maxsize=200_000)  # places, organisations and programmes recur across documents
def _entity(base: str, kind: str, name: str, identity: tuple[str, ...]) -> URIRef:
    key = f"{slug(name)}-{short_hash(kind, normalise(name), *identity)}"
    return URIRef(f"{base}id/{kind}/{key}")


class Minter:
    """Mints IRIs under one base."""

    def __init__(self, base: str = DEFAULT_BASE) -> None:
        self.base = base if base.endswith("/") else base + "/"

    def entity(self, kind: str, name: str, *identity: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown IRI kind {kind!r}")
        return _entity(self.base, kind, name, identity)

    def source(self, file_name: str) -> URIRef:
        stem = file_name.rsplit(".", 1)[0]
        return URIRef(f"{self.base}id/source/{slug(stem, 80)}")

    def country(self, code: str) -> URIRef:
        return URIRef(f"{self.base}id/place/country-{code.lower()}")

    def project(self, source_file: str, index: int, title: str | None) -> URIRef:
        return self.entity("project", title or f"project {index + 1}", source_file, str(index))

    def organisation(self, name: str, country: str | None) -> URIRef:
        return self.entity("organisation", name, country or "")

    def place(self, name: str, country: str | None) -> URIRef:
        return self.entity("place", name, country or "")

    def programme(self, name: str) -> URIRef:
        return self.entity("programme", name)

    @staticmethod
    def sub(parent: URIRef, part: str, n: int) -> URIRef:
        return URIRef(f"{parent}/{part}/{n}")
