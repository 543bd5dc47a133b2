"""Every setting declared once, with its help text.

The declarations drive the CLI options, the `COOPKG_*` environment variables,
the README table (checked by a test) and the `Settings` value that is passed
down to every stage. Nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import BadInput


@dataclass(frozen=True)
class Setting:
    name: str
    kind: type
    default: Any
    help: str

    @property
    def env(self) -> str:
        return "COOPKG_" + self.name.upper()

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("data_dir", Path, Path("data"), "folder with sources/, records/ and rdf/"),
    Setting(
        "store",
        str,
        "data/store",
        "store location: a folder for the on-disk Oxigraph store, ':memory:', or a remote "
        "SPARQL 1.1 store's query endpoint as sparql+http://host:port/path",
    ),
    Setting(
        "store_update",
        str,
        "",
        "remote store: SPARQL Update endpoint, absolute or relative to the query endpoint "
        "(empty: the query endpoint)",
    ),
    Setting(
        "store_graph_store",
        str,
        "",
        "remote store: Graph Store Protocol endpoint, absolute or relative to the query "
        "endpoint (empty: load with SPARQL Update instead)",
    ),
    Setting("store_user", str, "", "remote store: user name (HTTP Digest or Basic)"),
    Setting(
        "store_password",
        str,
        "",
        "remote store: password (better given as COOPKG_STORE_PASSWORD than on the command line)",
    ),
    Setting("host", str, "127.0.0.1", "address the server binds to"),
    Setting("port", int, 8000, "port the server listens on"),
    Setting("workers", int, 2, "server worker processes"),
    Setting("base_iri", str, "https://w3id.org/coopkg/", "base of the instance and ontology IRIs"),
    Setting(
        "union_default_graph", bool, True, "SPARQL default graph is the union of all named graphs"
    ),
    Setting("query_timeout", float, 30.0, "seconds a query may run before it is stopped"),
    Setting("max_body_bytes", int, 1_048_576, "largest request body the server accepts"),
    Setting("max_rows", int, 10_000, "most result rows (or triples) a query returns"),
    Setting(
        "write_token",
        str,
        "",
        "bearer token that enables /update and Graph Store writes (empty: read-only)",
    ),
    Setting("log_level", str, "INFO", "logging level (DEBUG, INFO, WARNING, ERROR)"),
)

_BY_NAME = {s.name: s for s in SETTINGS}


def parse_value(setting: Setting, raw: str) -> Any:
    """Turn the text of an option or environment variable into the setting's type."""
    try:
        if setting.kind is bool:
            low = raw.strip().lower()
            if low in ("1", "true", "yes", "on"):
                return True
            if low in ("0", "false", "no", "off"):
                return False
            raise ValueError(raw)
        return setting.kind(raw)
    except ValueError:
        raise BadInput(
            f"{setting.env}={raw!r} is not a valid {setting.kind.__name__} for {setting.name}"
        ) from None


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    store: str = "data/store"
    store_update: str = ""
    store_graph_store: str = ""
    store_user: str = ""
    store_password: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 2
    base_iri: str = "https://w3id.org/coopkg/"
    union_default_graph: bool = True
    query_timeout: float = 30.0
    max_body_bytes: int = 1_048_576
    max_rows: int = 10_000
    write_token: str = ""
    log_level: str = "INFO"
    extra: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_sources(
        cls, env: Mapping[str, str] | None = None, options: Mapping[str, Any] | None = None
    ) -> Settings:
        """Defaults, overridden by `COOPKG_*` variables, overridden by explicit options."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for setting in SETTINGS:
            if setting.env in env:
                values[setting.name] = parse_value(setting, env[setting.env])
        for name, value in (options or {}).items():
            if value is not None and name in _BY_NAME:
                values[name] = value
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    @property
    def records_dir(self) -> Path:
        return self.data_dir / "records"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def rdf_dir(self) -> Path:
        return self.data_dir / "rdf"


# The dataclass and the declarations must agree; a test checks it too.
assert {f.name for f in fields(Settings)} - {"extra"} == set(_BY_NAME)
