"""SPARQL results writers (JSON, XML, CSV, TSV) for solution rows we may have cut at the cap.

The engine's own writers need the whole result; these write rows batch by batch, so
the server can stop at its row limit and still answer in every format, and can send
a large answer while it is still reading it.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Row = list[Any]


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {  # type: ignore[dict-item]
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(type(term))


class Writer:
    """One results format written piece by piece: `head`, `rows` for each batch of rows
    (in order), then `tail`. Joined, the pieces are the whole document, so an answer can
    be sent while it is still being read from the store."""

    def __init__(self, variables: list[str]) -> None:
        self.variables = variables

    def head(self) -> bytes:
        raise NotImplementedError

    def rows(self, rows: list[Row]) -> bytes:
        raise NotImplementedError

    def tail(self) -> bytes:
        return b""


class JsonWriter(Writer):
    def __init__(self, variables: list[str]) -> None:
        super().__init__(variables)
        self.first = True  # no binding written yet: the next one needs no comma before it

    def head(self) -> bytes:
        vars_ = json.dumps(self.variables, ensure_ascii=False)
        return f'{{"head": {{"vars": {vars_}}}, "results": {{"bindings": ['.encode()

    def rows(self, rows: list[Row]) -> bytes:
        if not rows:
            return b""
        text = ", ".join(
            json.dumps(
                {
                    v: _json_term(t)
                    for v, t in zip(self.variables, row, strict=True)
                    if t is not None
                },
                ensure_ascii=False,
            )
            for row in rows
        )
        sep = "" if self.first else ", "
        self.first = False
        return (sep + text).encode("utf-8")

    def tail(self) -> bytes:
        return b"]}}"


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    return f"<literal>{escape(str(term))}</literal>"


class XmlWriter(Writer):
    def head(self) -> bytes:
        out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
        out.append("<head>")
        out += [f"<variable name={quoteattr(v)}/>" for v in self.variables]
        out.append("</head><results>")
        return "".join(out).encode("utf-8")

    def rows(self, rows: list[Row]) -> bytes:
        out = []
        for row in rows:
            out.append("<result>")
            for v, t in zip(self.variables, row, strict=True):
                if t is not None:
                    out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
            out.append("</result>")
        return "".join(out).encode("utf-8")

    def tail(self) -> bytes:
        return b"</results></sparql>\n"


class CsvWriter(Writer):
    def _lines(self, rows: list[list[str]]) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerows(rows)
        return buf.getvalue().encode("utf-8")

    def head(self) -> bytes:
        return self._lines([self.variables])

    def rows(self, rows: list[Row]) -> bytes:
        return self._lines(
            [
                [
                    ""
                    if t is None
                    else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value)
                    for t in row
                ]
                for row in rows
            ]
        )


class TsvWriter(Writer):
    def head(self) -> bytes:
        return ("\t".join(f"?{v}" for v in self.variables) + "\n").encode("utf-8")

    def rows(self, rows: list[Row]) -> bytes:
        return "".join(
            "\t".join("" if t is None else str(t) for t in row) + "\n" for row in rows
        ).encode("utf-8")


WRITERS: dict[str, type[Writer]] = {
    "application/sparql-results+json": JsonWriter,
    "application/sparql-results+xml": XmlWriter,
    "text/csv": CsvWriter,
    "text/tab-separated-values": TsvWriter,
}
