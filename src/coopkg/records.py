"""Record format v1 as frozen dataclasses, with a lossless dict round trip.

A record is what extraction writes and conversion reads: the projects that one
source document describes. `load_record` checks the JSON against the record
schema first, so conversion only ever sees well-formed records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import fastjsonschema
import jsonschema

from .errors import BadInput

Spans = tuple[tuple[int, int], ...]


def _spans(raw: Any) -> Spans:
    return tuple((int(e["start"]), int(e["end"])) for e in raw or ())


def _spans_out(spans: Spans) -> list[dict[str, int]]:
    return [{"start": s, "end": e} for s, e in spans]


def _put_optional(out: dict[str, Any], optional: bool, evidence: Spans) -> dict[str, Any]:
    if optional:
        out["optional"] = True
    if evidence:
        out["evidence"] = _spans_out(evidence)
    return out


@dataclass(frozen=True)
class Amount:
    kind: str
    value: float
    currency: str | None
    holder: str | None = None
    optional: bool = False
    evidence: Spans = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Amount:
        return cls(
            d["kind"],
            d["value"],
            d.get("currency"),
            d.get("holder"),
            bool(d.get("optional")),
            _spans(d.get("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "value": self.value, "currency": self.currency}
        if self.holder is not None:
            out["holder"] = self.holder
        return _put_optional(out, self.optional, self.evidence)


@dataclass(frozen=True)
class Organisation:
    name: str
    role: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    optional: bool = False
    evidence: Spans = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Organisation:
        return cls(
            d["name"],
            d["role"],
            d.get("country"),
            tuple(d.get("aliases") or ()),
            bool(d.get("optional")),
            _spans(d.get("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out.update(role=self.role, country=self.country)
        return _put_optional(out, self.optional, self.evidence)


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None = None
    aliases: tuple[str, ...] = ()
    optional: bool = False
    evidence: Spans = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            d["name"],
            d.get("country"),
            tuple(d.get("aliases") or ()),
            bool(d.get("optional")),
            _spans(d.get("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"name": self.name}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out["country"] = self.country
        return _put_optional(out, self.optional, self.evidence)


@dataclass(frozen=True)
class Outcome:
    value: float
    unit: str
    status: str
    description: str | None = None
    optional: bool = False
    evidence: Spans = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Outcome:
        return cls(
            d["value"],
            d["unit"],
            d["status"],
            d.get("description"),
            bool(d.get("optional")),
            _spans(d.get("evidence")),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "value": self.value,
            "unit": self.unit,
            "status": self.status,
            "description": self.description,
        }
        return _put_optional(out, self.optional, self.evidence)


SCALAR_FIELDS = ("title", "identifiers", "programme", "funds", "start", "end", "cofinancing_rate")


@dataclass(frozen=True)
class Project:
    title: str | None
    identifiers: tuple[str, ...] = ()
    programme: str | None = None
    funds: tuple[str, ...] = ()
    start: str | None = None
    end: str | None = None
    amounts: tuple[Amount, ...] = ()
    cofinancing_rate: float | None = None
    organisations: tuple[Organisation, ...] = ()
    places: tuple[Place, ...] = ()
    outcomes: tuple[Outcome, ...] = ()
    aliases: tuple[str, ...] = ()
    programme_aliases: tuple[str, ...] = ()
    # field name → spans, for the project's scalar fields
    evidence: tuple[tuple[str, Spans], ...] = ()

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Project:
        ev = d.get("evidence") or {}
        return cls(
            title=d.get("title"),
            identifiers=tuple(d.get("identifiers") or ()),
            programme=d.get("programme"),
            funds=tuple(d.get("funds") or ()),
            start=d.get("start"),
            end=d.get("end"),
            amounts=tuple(Amount.from_dict(a) for a in d.get("amounts") or ()),
            cofinancing_rate=d.get("cofinancing_rate"),
            organisations=tuple(Organisation.from_dict(o) for o in d.get("organisations") or ()),
            places=tuple(Place.from_dict(p) for p in d.get("places") or ()),
            outcomes=tuple(Outcome.from_dict(o) for o in d.get("outcomes") or ()),
            aliases=tuple(d.get("aliases") or ()),
            programme_aliases=tuple(d.get("programme_aliases") or ()),
            evidence=tuple((k, _spans(v)) for k, v in sorted(ev.items())),
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"title": self.title}
        if self.aliases:
            out["aliases"] = list(self.aliases)
        out["identifiers"] = list(self.identifiers)
        out["programme"] = self.programme
        if self.programme_aliases:
            out["programme_aliases"] = list(self.programme_aliases)
        out.update(
            funds=list(self.funds),
            start=self.start,
            end=self.end,
            amounts=[a.to_dict() for a in self.amounts],
            cofinancing_rate=self.cofinancing_rate,
            organisations=[o.to_dict() for o in self.organisations],
            places=[p.to_dict() for p in self.places],
            outcomes=[o.to_dict() for o in self.outcomes],
        )
        if self.evidence:
            out["evidence"] = {k: _spans_out(v) for k, v in self.evidence}
        return out

    def evidence_for(self, name: str) -> Spans:
        return dict(self.evidence).get(name, ())


@dataclass(frozen=True)
class Source:
    file: str
    language: str | None = None
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"file": self.file, "language": self.language}
        if self.url is not None:
            out["url"] = self.url
        return out


@dataclass(frozen=True)
class Record:
    source: Source
    projects: tuple[Project, ...] = field(default_factory=tuple)
    # True for a person-reviewed record from data/records/, False for a raw extraction.
    reviewed: bool = True

    @classmethod
    def from_dict(cls, d: dict[str, Any], *, reviewed: bool = True) -> Record:
        s = d["source"]
        return cls(
            Source(s["file"], s.get("language"), s.get("url")),
            tuple(Project.from_dict(p) for p in d.get("projects") or ()),
            reviewed,
        )

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source.to_dict(), "projects": [p.to_dict() for p in self.projects]}


@cache
def record_schema() -> dict[str, Any]:
    text = resources.files("coopkg").joinpath("schema/record.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(record_schema())


@cache
def _fast_check() -> Callable[[Any], Any]:
    """The schema compiled to Python by fastjsonschema: ~20x faster than jsonschema.

    The record schema uses only keywords that mean the same in draft-07, which
    fastjsonschema implements; jsonschema still words the error when a record fails.
    """
    schema = dict(record_schema(), **{"$schema": "http://json-schema.org/draft-07/schema#"})
    return fastjsonschema.compile(schema)


def is_valid_record(data: Any) -> bool:
    try:
        _fast_check()(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


def check_record(data: Any, where: str = "record") -> None:
    """Raise BadInput naming the first schema violation and where it is."""
    if is_valid_record(data):
        return
    validator = _validator()
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        path = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise BadInput(f"{where}: not a valid record at {path}: {err.message}")


def parse_record(text: str, where: str = "record", *, reviewed: bool = True) -> Record:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{where}: not JSON (line {e.lineno}, column {e.colno}: {e.msg})") from None
    check_record(data, where)
    return Record.from_dict(data, reviewed=reviewed)


def load_record(path: Path, *, reviewed: bool = True) -> Record:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"{path}: cannot read ({e.__class__.__name__})") from None
    return parse_record(text, str(path), reviewed=reviewed)


def dump_record(record: Record) -> str:
    return json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n"
