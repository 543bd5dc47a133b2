"""What a client's query or update may not do: make the server fetch anything from outside.

A small tokenizer skips comments, strings and IRIs so that keywords are only found
where SPARQL reads them. `SERVICE` and `LOAD` are refused; `FROM`, `FROM NAMED`,
`USING` and `USING NAMED` may only name graphs that exist in the store.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urljoin

from ..errors import UnsupportedOperation

TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      |(?P<var>[?$]\w+)
      |(?P<iri><[^<>"{}|^`\\\s]*>)
      |(?P<pname>[A-Za-z][\w.-]*?:[\w.:%-]*|:[\w.:%-]*)
      |(?P<word>[A-Za-z_][\w-]*)
      |(?P<other>\S)""",
    re.X,
)
PREFIX_DECL = re.compile(r"PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.I)
BASE_DECL = re.compile(r"BASE\s*<([^>]*)>", re.I)


def tokens(text: str) -> list[tuple[str, str]]:
    return [
        (m.lastgroup or "", m.group(0)) for m in TOKEN.finditer(text) if m.lastgroup != "comment"
    ]


def check(text: str, graph_exists: Callable[[str], bool]) -> None:
    """Raise UnsupportedOperation (400) for anything that would reach outside the store."""
    prefixes = {p or "": iri for p, iri in PREFIX_DECL.findall(text)}
    base_match = BASE_DECL.search(text)
    base = base_match.group(1) if base_match else ""
    toks = tokens(text)
    for i, (kind, value) in enumerate(toks):
        if kind != "word":
            continue
        word = value.upper()
        if word == "SERVICE":
            raise UnsupportedOperation(
                "SERVICE is not allowed: this endpoint never queries other endpoints"
            )
        if word == "LOAD":
            raise UnsupportedOperation(
                "LOAD is not allowed: this endpoint never fetches outside documents"
            )
        if word in ("FROM", "USING"):
            j = i + 1
            if j < len(toks) and toks[j][1].upper() == "NAMED":
                j += 1
            if j >= len(toks):
                continue
            kind2, target = toks[j]
            if kind2 == "iri":
                iri = target[1:-1]
            elif kind2 == "pname":
                prefix, _, local = target.partition(":")
                if prefix not in prefixes:
                    continue  # the parser will report the undefined prefix
                iri = prefixes[prefix] + local
            else:
                continue
            iri = urljoin(base, iri) if base else iri
            try:
                exists = graph_exists(iri)
            except ValueError:  # not an absolute IRI: nothing in the store can have it
                exists = False
            if not exists:
                raise UnsupportedOperation(
                    f"{word} <{iri}> names a graph that is not in this store; "
                    "outside graphs are never fetched"
                )
