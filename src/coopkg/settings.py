"""Every setting declared once, as a field of `Settings` with its help text.

The fields drive the CLI options, the `COOPKG_*` environment variables, the
README table (checked by a test) and the `Settings` value that is passed down
to every stage. Nothing reads the environment at import time.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, get_type_hints

from .errors import BadInput

# ontology/, shapes/ and queries/ sit at the top of a checkout, beside src/
CHECKOUT = Path(__file__).resolve().parents[2]


def _declare(default: Any, help_text: str) -> Any:
    return field(default=default, metadata={"help": help_text})


@dataclass(frozen=True)
class Settings:
    data_dir: Path = _declare(Path("data"), "folder with sources/, records/ and rdf/")
    store: str = _declare(
        "data/store",
        "store location: a folder for the on-disk Oxigraph store, ':memory:', or a remote "
        "SPARQL 1.1 store's query endpoint as sparql+http://host:port/path",
    )
    store_update: str = _declare(
        "",
        "remote store: SPARQL Update endpoint, absolute or relative to the query endpoint "
        "(empty: the query endpoint)",
    )
    store_graph_store: str = _declare(
        "",
        "remote store: Graph Store Protocol endpoint, absolute or relative to the query "
        "endpoint (empty: load with SPARQL Update instead)",
    )
    store_user: str = _declare("", "remote store: user name (HTTP Digest or Basic)")
    store_password: str = _declare(
        "",
        "remote store: password (better given as COOPKG_STORE_PASSWORD than on the command line)",
    )
    host: str = _declare("127.0.0.1", "address the server binds to")
    port: int = _declare(8000, "port the server listens on")
    workers: int = _declare(2, "server worker processes")
    base_iri: str = _declare("https://w3id.org/coopkg/", "base of the instance and ontology IRIs")
    union_default_graph: bool = _declare(
        True, "SPARQL default graph is the union of all named graphs"
    )
    query_timeout: float = _declare(30.0, "seconds a query may run before it is stopped")
    max_body_bytes: int = _declare(1_048_576, "largest request body the server accepts")
    max_rows: int = _declare(10_000, "most result rows (or triples) a query returns")
    write_token: str = _declare(
        "", "bearer token that enables /update and Graph Store writes (empty: read-only)"
    )
    log_level: str = _declare("INFO", "logging level (DEBUG, INFO, WARNING, ERROR)")
    home: Path = _declare(
        CHECKOUT, "folder holding ontology/, shapes/ and queries/ (default: this checkout)"
    )

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


@dataclass(frozen=True)
class Setting:
    """One field of `Settings`, seen from the outside: its option, variable and help."""

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

    @classmethod
    def of(cls, spec: Field[Any], kind: type) -> Setting:
        return cls(spec.name, kind, spec.default, spec.metadata["help"])


_HINTS = get_type_hints(Settings)
SETTINGS: tuple[Setting, ...] = tuple(Setting.of(f, _HINTS[f.name]) for f in fields(Settings))
_BY_NAME = {s.name: s for s in SETTINGS}


def setting_named(name: str) -> Setting:
    return _BY_NAME[name]


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


def home_from_environment() -> Path:
    """The `home` setting as this process sees it.

    The resource folders are shared by every stage and every child process (build
    workers, server workers), so `home` travels in `COOPKG_HOME` rather than being
    threaded through each call; the CLI exports an explicit `--home` there.
    """
    raw = os.environ.get(_BY_NAME["home"].env)
    return CHECKOUT if not raw else Path(parse_value(_BY_NAME["home"], raw))
