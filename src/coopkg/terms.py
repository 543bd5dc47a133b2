"""RDF terms made once: values that recur across documents (names, codes, concepts).

rdflib validates and normalises every new term (about 10 µs a literal); a document
graph repeats the same place names, registry codes and concepts as every other
document citing them, so conversion and linking take them from these caches.
"""

from __future__ import annotations

from functools import lru_cache

from rdflib import Literal, URIRef

CACHED_TERMS = 200_000  # of each kind


@lru_cache(maxsize=CACHED_TERMS, typed=True)  # typed: True and 1 make different literals
def literal(value: object, datatype: str | None = None, lang: str | None = None) -> Literal:
    return Literal(value, datatype=URIRef(datatype) if datatype else None, lang=lang)


@lru_cache(maxsize=CACHED_TERMS)
def iri(text: str) -> URIRef:
    return URIRef(text)
