"""server/results: results written piece by piece read back as the rows they were made from."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
import pytest

from coopkg.server.results import WRITERS, Writer

VARIABLES = ["s", "label", "n"]
ROWS: list[list[Any]] = [
    [ox.NamedNode("https://example.org/a"), ox.Literal('Łuck, "quoted"', language="pl"), None],
    [
        ox.BlankNode("b0"),
        ox.Literal("tab\there"),
        ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
    ],
    [None, ox.Literal("<&>"), None],
]
FORMATS = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}


def written(writer: Writer, batches: list[list[list[Any]]]) -> bytes:
    return writer.head() + b"".join(writer.rows(b) for b in batches) + writer.tail()


@pytest.mark.parametrize("media", sorted(FORMATS))
def test_batches_read_back_as_the_rows(media: str) -> None:
    body = written(WRITERS[media](VARIABLES), [ROWS[:1], [], ROWS[1:]])
    parsed = ox.parse_query_results(body, format=FORMATS[media])
    assert isinstance(parsed, ox.QuerySolutions)
    assert [v.value for v in parsed.variables] == VARIABLES
    assert [[s[v] for v in VARIABLES] for s in parsed] == ROWS


def test_the_batching_does_not_change_the_document() -> None:
    for writer in WRITERS.values():
        whole = written(writer(VARIABLES), [ROWS])
        assert written(writer(VARIABLES), [[r] for r in ROWS]) == whole


def test_json_is_valid_and_leaves_unbound_variables_out() -> None:
    doc = json.loads(written(WRITERS["application/sparql-results+json"](VARIABLES), [ROWS]))
    first = doc["results"]["bindings"][0]
    assert set(first) == {"s", "label"}
    assert first["label"] == {"type": "literal", "value": 'Łuck, "quoted"', "xml:lang": "pl"}


def test_csv_quotes_and_writes_blank_nodes() -> None:
    text = written(WRITERS["text/csv"](VARIABLES), [ROWS]).decode()
    assert text.split("\r\n")[:3] == [
        "s,label,n",
        'https://example.org/a,"Łuck, ""quoted""",',
        "_:b0,tab\there,3",
    ]
