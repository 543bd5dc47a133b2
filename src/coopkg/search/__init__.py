"""Full-text search over the graph's projects, organisations and places.

`documents.py` reads each entity's searchable text from a store; `text.py` turns text
into index terms (folded, lemmatised per language by simplemma, Cyrillic romanised) and a
query into term patterns; `index.py` keeps them in SQLite FTS5 and answers queries;
`sparql.py` offers the same index inside SPARQL as the function `search:score`.
"""

from __future__ import annotations

from .index import SEARCH_FILE, Hit, SearchIndex, build_index

__all__ = ["SEARCH_FILE", "Hit", "SearchIndex", "build_index"]
