"""server/execution/answers: how a query's outcome crosses from the child process to the client."""

from __future__ import annotations

import logging
from typing import Any

import pyoxigraph as ox
import pytest

from coopkg.errors import BadInput, CoopkgError, QuerySyntaxError, StoreError
from coopkg.server.execution import answers

JSON = "application/sparql-results+json"


def request(text: str) -> tuple[Any, ...]:
    return (text, {}, JSON, "text/turtle", 100, True)


def test_an_answer_is_written_in_the_negotiated_format() -> None:
    status, payload = answers.outcome(ox.Store(), request("SELECT (1 AS ?x) {}"))
    assert status == "ok"
    answer = answers.raise_or_return(status, payload)
    assert answer.rows == 1 and b'"x"' in answer.body  # type: ignore[operator]


def test_a_syntax_error_is_the_clients_and_says_why() -> None:
    status, payload = answers.outcome(ox.Store(), request("SELEC nothing"))
    with pytest.raises(QuerySyntaxError, match="does not parse"):
        answers.raise_or_return(status, payload)


@pytest.mark.parametrize("bug", [TypeError, ValueError, KeyError, AttributeError])
def test_a_bug_is_a_logged_internal_error_not_the_clients_fault(
    bug: type[Exception], monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_: Any, **__: Any) -> Any:
        raise bug("secret detail of the insides")

    monkeypatch.setattr(answers, "_answer", broken)
    with caplog.at_level(logging.ERROR, logger=answers.__name__):
        status, payload = answers.outcome(ox.Store(), request("SELECT (1 AS ?x) {}"))
    with pytest.raises(CoopkgError) as raised:
        answers.raise_or_return(status, payload)
    assert not isinstance(raised.value, BadInput)  # not a 400
    assert raised.value.status == 500
    assert "secret" not in raised.value.message  # the client is told nothing of the insides
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and logged[0].exc_info[0] is bug  # type: ignore[index]  # the traceback is kept


def test_a_storage_failure_is_a_store_error_with_its_traceback_in_the_log(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def failing(*_: Any, **__: Any) -> Any:
        raise OSError("disk read failed at block 7")

    monkeypatch.setattr(answers, "run_sparql", failing)
    with caplog.at_level(logging.ERROR, logger=answers.__name__):
        status, payload = answers.outcome(ox.Store(), request("SELECT (1 AS ?x) {}"))
    with pytest.raises(StoreError) as raised:
        answers.raise_or_return(status, payload)
    assert "block 7" not in raised.value.message
    assert any(r.exc_info and "block 7" in str(r.exc_info[1]) for r in caplog.records)


def test_an_interrupt_is_not_swallowed(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_: Any, **__: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(answers, "run_sparql", interrupted)
    with pytest.raises(KeyboardInterrupt):
        answers.outcome(ox.Store(), request("SELECT (1 AS ?x) {}"))
