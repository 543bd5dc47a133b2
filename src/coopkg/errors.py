"""The error hierarchy. Each error knows its HTTP status and its CLI exit code.

Client mistakes (bad query, bad upload, unknown name) are 4xx and exit 2;
data that fails SHACL exits 1; our own failures (storage) are 5xx.
"""

from __future__ import annotations


class CoopkgError(Exception):
    """Base class: a failure with a message that is safe to show to a user."""

    status: int = 500
    exit_code: int = 3
    title: str = "Internal error"
    # a server-side failure's message is logged, not shown, unless it tells the client
    # something it needs and nothing about the server's insides
    show_server_message: bool = False

    def __init__(self, message: str, *, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class BadInput(CoopkgError):
    """Input we cannot read: a malformed file, record, query or upload."""

    status = 400
    exit_code = 2
    title = "Bad input"


class QuerySyntaxError(BadInput):
    title = "Malformed SPARQL query"


class UnsupportedOperation(BadInput):
    title = "Operation not allowed"


class Unauthorized(CoopkgError):
    """A write without a bearer token."""

    status = 401
    exit_code = 2
    title = "Unauthorized"


class Forbidden(CoopkgError):
    """A write with a wrong token, or on a server where writes are off."""

    status = 403
    exit_code = 2
    title = "Forbidden"


class NotFound(CoopkgError):
    status = 404
    exit_code = 2
    title = "Not found"


class NotAcceptable(CoopkgError):
    status = 406
    exit_code = 2
    title = "Not acceptable"


class ValidationFailed(CoopkgError):
    """Data that does not conform to the shapes: the build refuses to load it."""

    status = 422
    exit_code = 1
    title = "Data does not conform to the shapes"


class StoreError(CoopkgError):
    """The store could not be opened, read or written."""

    status = 500
    exit_code = 3
    title = "Store failure"
