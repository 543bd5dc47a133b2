"""A document's graph while it is converted and linked: small, indexed, written as N-Quads.

rdflib's Graph spends most of conversion's time in its general-purpose store (about
20 µs an `add`). A document graph has a few hundred triples and needs only the
lookups conversion and linking make, so `DocGraph` keeps two dictionaries and writes
N-Quads itself, byte-for-byte as rdflib's N-Triples serialiser would (a test
compares both on every seed and on generated records). `to_rdflib()` gives an
rdflib Graph where one is needed (pyshacl, tests).
"""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
_ANY: Any = None
_NONE: dict[Any, Any] = {}  # looked up in, never written


def _quote(text: str) -> str:
    return (
        '"'
        + text.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        + '"'
    )


def nt_term(term: Node) -> str:
    """A term in N-Triples syntax, as rdflib writes it."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, Literal):
        body = _quote(str(term))
        if term.language:
            return f"{body}@{term.language}"
        if term.datatype:
            return f"{body}^^<{term.datatype}>"
        return body
    if isinstance(term, BNode):
        return f"_:{term}"
    raise TypeError(f"not an RDF term: {term!r}")


class DocGraph:
    """The rdflib.Graph methods conversion and linking use, over plain dictionaries."""

    def __init__(self, identifier: URIRef) -> None:
        self.identifier = identifier
        self._spo: dict[Node, dict[Node, dict[Node, None]]] = {}
        self._pos: dict[tuple[Node, Node], dict[Node, None]] = {}
        self._size = 0

    def add(self, triple: Triple) -> DocGraph:
        s, p, o = triple
        objects = self._spo.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._pos.setdefault((p, o), {})[s] = None
            self._size += 1
        return self

    def remove(self, triple: tuple[Any, Any, Any]) -> DocGraph:
        for s, p, o in list(self.triples(triple)):
            del self._spo[s][p][o]
            del self._pos[(p, o)][s]
            self._size -= 1
        return self

    def set(self, triple: Triple) -> DocGraph:
        """Replace every value of (subject, predicate) by the given one."""
        s, p, o = triple
        old = self._spo.get(s, {}).get(p)
        if old:
            if len(old) == 1 and o in old:
                return self  # already the one value: the common case
            self.remove((s, p, _ANY))
        return self.add(triple)

    # iterators over copies, so callers may change the graph while they iterate
    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        return iter(list(self._spo.get(subject, _NONE).get(predicate, _NONE)))

    def subjects(self, predicate: Node, object: Node) -> Iterator[Node]:
        return iter(list(self._pos.get((predicate, object), _NONE)))

    def value(self, subject: Node | None, predicate: Node) -> Node | None:
        if subject is None:
            return None
        return next(iter(self._spo.get(subject, _NONE).get(predicate, _NONE)), None)

    def triples(self, pattern: tuple[Any, Any, Any]) -> Iterator[Triple]:
        s, p, o = pattern
        subjects = [s] if s is not None else list(self._spo)
        for subj in subjects:
            by_predicate = self._spo.get(subj, {})
            predicates = [p] if p is not None else list(by_predicate)
            for pred in predicates:
                objects = by_predicate.get(pred, {})
                if o is not None:
                    if o in objects:
                        yield subj, pred, o
                else:
                    for obj in list(objects):
                        yield subj, pred, obj

    def __contains__(self, pattern: tuple[Any, Any, Any]) -> bool:
        return next(self.triples(pattern), None) is not None

    def __iter__(self) -> Iterator[Triple]:
        return self.triples((None, None, None))

    def __len__(self) -> int:
        return self._size

    def nquads_lines(self) -> list[str]:
        """Sorted N-Quads lines in the graph's own name (as rdfio.nquads_lines gives)."""
        return self.nquads_split(frozenset(), frozenset(), "")[0]

    def nquads_split(
        self,
        moved: AbstractSet[Node],
        copied: AbstractSet[Node],
        registry: str,
        extra: AbstractSet[str] = frozenset(),
    ) -> tuple[list[str], list[str]]:
        """(the document's lines, the lines for the registry graph `registry`), each sorted.

        Statements about `moved` subjects go to the registry graph only; those about
        `copied` subjects (countries, which the document describes too) go to both, so the
        registry graph is complete on its own. `extra` are statements (`statements()`
        form) made for the registry graph without passing through this graph.
        """
        mine = f" <{self.identifier}> ."
        shared = f" <{registry}> ."
        own: list[str] = []
        theirs: list[str] = [body + shared for body in extra]
        for s, by_predicate in self._spo.items():
            subject = nt_term(s)
            targets = (theirs,) if s in moved else (own, theirs) if s in copied else (own,)
            for p, objects in by_predicate.items():
                prefix = f"{subject} {nt_term(p)} "
                for o in objects:
                    body = prefix + nt_term(o)
                    for lines in targets:
                        lines.append(body + (shared if lines is theirs else mine))
        own.sort()
        if extra:
            theirs = list(dict.fromkeys(theirs))  # extra may repeat a statement of ours
        theirs.sort()
        return own, theirs

    def statements(self) -> list[str]:
        """Every statement as N-Triples without the final dot (`<s> <p> <o>`)."""
        return [
            f"{nt_term(s)} {nt_term(p)} {nt_term(o)}"
            for s, by_predicate in self._spo.items()
            for p, objects in by_predicate.items()
            for o in objects
        ]

    def to_rdflib(self) -> Graph:
        g = Graph(identifier=self.identifier)
        for t in self:
            g.add(t)
        return g
