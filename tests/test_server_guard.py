"""server/guard: a query never makes the endpoint fetch from outside."""

from __future__ import annotations

import pytest

from coopkg.errors import UnsupportedOperation
from coopkg.server.guard import check, tokens

KNOWN = "http://example.org/known"


def known(graph: str) -> bool:
    return graph == KNOWN


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://x> { ?s ?p ?o } }",
        "select * where { service silent <http://x> { ?s ?p ?o } }",
        "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }",
        "LOAD <http://x>",
    ],
)
def test_outside_fetches_are_refused(query: str) -> None:
    with pytest.raises(UnsupportedOperation):
        check(query, known)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { ?s ?p 'SERVICE <http://x>' }",  # in a string
        "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x>",  # in a comment
        "SELECT * FROM <http://example.org/known> WHERE { ?s ?p ?o }",
        "SELECT ?service WHERE { ?service ?p ?o }",
    ],
)
def test_the_same_words_elsewhere_are_allowed(query: str) -> None:
    check(query, known)


def test_tokens_tell_words_from_iris_and_variables() -> None:
    kinds = dict((text, kind) for kind, text in tokens("SELECT ?s WHERE { ?s <http://x> 'y' }"))
    assert (kinds["SELECT"], kinds["?s"], kinds["<http://x>"]) == ("word", "var", "iri")
