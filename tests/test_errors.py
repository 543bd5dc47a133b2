"""errors: every error knows its HTTP status and exit code; server failures hide their text."""

from __future__ import annotations

import pytest

from coopkg import errors


@pytest.mark.parametrize(
    ("kind", "status", "exit_code"),
    [
        (errors.BadInput, 400, 2),
        (errors.QuerySyntaxError, 400, 2),
        (errors.NotFound, 404, 2),
        (errors.ValidationFailed, 422, 1),
        (errors.StoreError, 500, 3),
    ],
)
def test_status_and_exit_code(kind: type[errors.CoopkgError], status: int, exit_code: int) -> None:
    error = kind("message", detail="more")
    assert (error.status, error.exit_code) == (status, exit_code)
    assert (error.message, error.detail, str(error)) == ("message", "more", "message")


def test_only_client_errors_show_their_message() -> None:
    assert not errors.StoreError("disk path").show_server_message
    assert issubclass(errors.QuerySyntaxError, errors.BadInput)
