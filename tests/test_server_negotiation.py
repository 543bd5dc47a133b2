"""server/negotiation: the media type a request gets, from `format=` or Accept."""

from __future__ import annotations

import pytest
from flask import Flask

from coopkg.errors import NotAcceptable
from coopkg.server.negotiation import choose

OFFERS = ["application/sparql-results+json", "text/csv", "application/sparql-results+xml"]
DEFAULT = "application/sparql-results+json"
APP = Flask(__name__)


def chosen(path: str = "/", **kwargs: object) -> str:
    with APP.test_request_context(path, **kwargs):  # type: ignore[arg-type]
        return choose(OFFERS, DEFAULT)


def test_no_accept_or_wildcards_give_the_default() -> None:
    assert chosen() == DEFAULT
    assert chosen(headers={"Accept": "*/*"}) == DEFAULT


def test_q_values_decide() -> None:
    accept = "application/sparql-results+xml;q=0.5, text/csv;q=0.9"
    assert chosen(headers={"Accept": accept}) == "text/csv"


def test_format_beats_accept_and_works_in_a_form() -> None:
    assert (
        chosen("/?format=csv", headers={"Accept": "application/sparql-results+xml"}) == "text/csv"
    )
    assert chosen("/", method="POST", data={"format": "xml"}) == "application/sparql-results+xml"


def test_nothing_acceptable_is_406() -> None:
    with pytest.raises(NotAcceptable, match="offered"):
        chosen(headers={"Accept": "image/png"})
    with pytest.raises(NotAcceptable, match="'png' is not offered"):
        chosen("/?format=png")
