"""`coopkg extract --explain`: every value of a document's record with the rule and cue
that produced it and the text it came from, then the candidates the rules turned down."""

from __future__ import annotations

from .document import Doc, Item, Span
from .project import FIELDS, find_fields
from .reading import detect_language
from .record import segments
from .trace import Rejected, collecting

QUOTE_WIDTH = 70


def quote(text: str, span: Span, offset: int = 0) -> str:
    """The text of a span on one line, shortened in the middle when long, with its
    position in the page (`offset` is where the segment starts)."""
    s = " ".join(text[span[0] : span[1]].split())
    if len(s) > QUOTE_WIDTH:
        s = s[: QUOTE_WIDTH // 2 - 2] + " … " + s[-(QUOTE_WIDTH // 2 - 2) :]
    return f"«{s}» at {span[0] + offset}"


def describe(field: str, item: Item) -> str:
    d = item.data
    if field == "organisations":
        return f"{d['name']} ({d['role']}, {d.get('country') or '?'})"
    if field == "places":
        return f"{d['name']} ({d['country']})"
    if field == "amounts":
        holder = f", {d['holder']}" if d.get("holder") else ""
        return f"{d['value']:,} {d['currency'] or '?'} ({d['kind']}{holder})"
    if field == "outcomes":
        return f"{d['value']} {d['unit']} ({d['status']})"
    return str(next(iter(d.values())))


def explain_text(text: str, file_name: str, language: str | None = None) -> str:
    """The report for one document's text (what `extract_text` would make of it)."""
    language = language or detect_language(text)
    parts = segments(text)
    out = [f"{file_name}: language {language}, {len(parts)} segment(s)"]
    for n, (start, end) in enumerate(parts, start=1):
        doc = Doc(text[start:end], language)
        with collecting() as notes:
            fields = find_fields(doc)
        out.append("")
        out.append(f"segment {n} (characters {start}–{end})")
        for name in FIELDS:
            items = fields[name]
            if not items:
                out.append(f"  {name}: —")
            for item in items:
                span = item.spans[0] if item.spans else None
                out.append(f"  {name}: {describe(name, item)}")
                out.append(f"      rule: {item.why or '?'}")
                if span:
                    out.append(f"      text: {quote(doc.text, span, start)}")
        dropped = _unique(notes)
        out.append(f"  rejected ({len(dropped)}):" if dropped else "  rejected: none")
        for note in dropped:
            score = f"  score {note.score:g}" if note.score is not None else ""
            where = f"  {quote(doc.text, note.span, start)}" if note.span else ""
            out.append(f"    {note.field}: {note.text!r}: {note.reason}{score}{where}")
    return "\n".join(out) + "\n"


def _unique(notes: list[Rejected]) -> list[Rejected]:
    """Each (field, text, reason) once: several rules may try the same span."""
    seen: set[tuple[str, str, str]] = set()
    out = []
    for n in notes:
        key = (n.field, n.text, n.reason)
        if key not in seen:
            seen.add(key)
            out.append(n)
    return out
