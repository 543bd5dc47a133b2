"""The search index inside SPARQL: `search:score(?entity, "words" [, "lang"])`.

A custom function registered with the engine (pyoxigraph) for queries that name the
`search:` namespace. It gives an entity's score for the words, or leaves the result
unbound when the entity does not match, so a query joins search with the graph:

    PREFIX search: <https://w3id.org/coopkg/search#>
    SELECT ?project ?score WHERE {
      ?project a coop:Project .
      BIND(search:score(?project, "Lublin") AS ?score)
      FILTER(BOUND(?score))
    } ORDER BY DESC(?score)

The matching entities' scores are computed once a query (and remembered for the next
few), so the function costs a lookup per row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyoxigraph as ox

from .index import SearchIndex

SEARCH_NS = "https://w3id.org/coopkg/search#"
SCORE = ox.NamedNode(SEARCH_NS + "score")
XSD_DOUBLE = ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")


def uses_search(text: str) -> bool:
    """Whether a query names the search functions (their namespace appears in it)."""
    return SEARCH_NS in text


def functions(index: SearchIndex) -> dict[ox.NamedNode, Callable[..., Any]]:
    def score(entity: Any, words: Any, lang: Any = None) -> ox.Literal | None:
        if not isinstance(entity, ox.NamedNode) or not isinstance(words, ox.Literal):
            return None
        language = lang.value if isinstance(lang, ox.Literal) and lang.value else None
        found = index.scores(words.value, language).get(entity.value)
        return None if found is None else ox.Literal(f"{found:.6f}", datatype=XSD_DOUBLE)

    return {SCORE: score}
