"""Amounts (total, eligible cost, EU contribution, partner shares) with their kind, currency
and holder, and the co-financing rate."""

from __future__ import annotations

import re
from typing import Any

from ..names import tokens
from . import lexicon as lx
from .document import IC, Doc, Item
from .numbers import PERCENT, MoneyHit, find_money
from .trace import reject


def _kind(context: str) -> str | None:
    best: tuple[int, str] | None = None
    for pattern, kind in lx.AMOUNT_CUES:
        for m in re.finditer(pattern, context, IC):
            if best is None or m.end() > best[0]:
                best = (m.end(), kind)
    return best[1] if best else None


def _doc_currency(doc: Doc, hits: list[MoneyHit]) -> str | None:
    found = {h.currency for h in hits if h.currency}
    if len(found) == 1:
        return found.pop()
    if not found:
        return {"pl": "PLN", "cs": "CZK", "uk": "UAH"}.get(doc.lang or "")
    return None


def find_amounts(doc: Doc, organisations: list[Item]) -> tuple[list[Item], Item | None]:
    text = doc.text
    hits = find_money(text)
    # amounts without a currency but with a strong cue: "wydatków … wynosi 833 929,04 ."
    for m in re.finditer(
        r"(?:wynosi|wynoszą|činí|становить|amounts to|to)\s+(\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d{2})?)(?!\s*(?:osób|%|\w))",
        text,
        IC,
    ):
        if not any(h.start <= m.start(1) < h.end for h in hits):
            from .numbers import parse_number

            hits.append(MoneyHit(parse_number(m.group(1)), None, m.start(1), m.end(1)))
    hits.sort(key=lambda h: h.start)
    default_currency = _doc_currency(doc, hits)
    # a grant is the EU's contribution on a page about EU (or EEA) money; a foundation's
    # or a government's grant is another source (`grant … z Fundacji Orlen`)
    eu_money = bool(EU_MONEY.search(text))
    items: list[Item] = []
    rate: Item | None = None
    table = _table_kinds(doc, hits)
    prev_end = 0
    for h in hits:
        doc.masked.append((h.start, h.end))
        if _programme_budget(doc, h):
            # `Na realizację Programu przeznaczono 184,7 mln euro`: the programme's money
            reject("amounts", text[h.start : h.end], (h.start, h.end), "a programme's budget")
            continue
        line_start = text.rfind("\n", 0, h.start) + 1
        clause_start = max(
            prev_end, line_start, text.rfind(". ", 0, h.start) + 1, text.rfind(", ", 0, h.start) + 1
        )
        before = text[clause_start : h.start]
        after = text[h.end : h.end + 40].split("\n")[0].split(",")[0]
        if h.start in table:
            kind, why = table[h.start], "the label of its table row"
        elif k := _kind(before):
            kind, why = k, f"cue before it: {' '.join(before.split()[-5:])!r}"
        elif k := _kind_after(after):
            kind, why = k, f"cue after it: {' '.join(after.split()[:5])!r}"
        else:
            kind, why = "other", "no cue for its kind"
        if kind == "eu_contribution" and not eu_money:
            kind, why = "other", why + "; a grant, but the page names no EU or EEA money"
        holder = None
        if kind == "partner_share" or re.search(
            r"\b(w tym|з них|of which|z toho|v tom)\b", before, IC
        ):
            holder = _holder(doc, before + " " + after, organisations)
            if holder:
                kind = "partner_share" if kind in ("partner_share", "total", "other") else kind
            elif kind == "partner_share":
                kind = "other"
        if kind == "other" and holder is None:
            holder = None
        value = h.value
        data: dict[str, Any] = {
            "kind": kind,
            "value": value,
            "currency": h.currency or default_currency,
        }
        if holder:
            data["holder"] = holder
        items.append(Item(data, [(h.start, h.end)], why + (f"; holder {holder}" if holder else "")))
        prev_end = h.end
    # co-financing rate: a percentage beside an EU-funding cue
    for m in PERCENT.finditer(text):
        ctx = text[max(0, m.start() - 90) : m.end() + 60]
        value = float(m.group(1).replace(",", ".")) / 100
        if 0 < value <= 1 and re.search(
            r"dofinans|finansowan\w* ze środków|unii europejskiej|\beu\b|\bue\b|\beú\b|\bєс\b|"
            r"\bes\b|erdf|efrr|efre|evropsk\w* fond|spolufinanc|co-?financ|співфінанс|фінансуван|"
            r"grant|грант|dotac|fondu|funduszu|príspev|příspěv|támogatás|förder|lėš|finansavim",
            ctx,
            IC,
        ):
            if value == 1.0 and re.search(
                r"spolu|celkem|razem|total|sum", text[max(0, m.start() - 30) : m.start()], IC
            ):
                continue
            rate = Item(
                {"rate": round(value, 4)}, [(m.start(), m.end())], "a percentage by a funding cue"
            )
            break
    # the same sum stated twice (e.g. in a table and in a sentence) is one amount
    unique: dict[tuple[float, str | None], Item] = {}
    for it in items:
        key = (it.data["value"], it.data["currency"])
        if key in unique:
            if unique[key].data["kind"] == "other" and it.data["kind"] != "other":
                unique[key] = it
            continue
        unique[key] = it
    return list(unique.values()), rate


def _programme_budget(doc: Doc, h: MoneyHit) -> bool:
    """Whether the clause of an amount gives a programme's money, not a project's: it
    names the programme, no project (or grant, or partner), and no contribution to one."""
    s0, s1 = doc.sentence_bounds(h.start)
    left = max(doc.text.rfind(", ", s0, h.start) + 1, s0)
    right = doc.text.find(", ", h.end, s1)
    clause = doc.text[left : right if right >= 0 else s1]
    before = doc.text[left : h.start]
    return bool(
        PROGRAMME_WORD.search(clause)
        and not PROJECT_WORD.search(clause)
        and _kind(before) not in ("eu_contribution", "eligible", "partner_share")
    )


PROGRAMME_WORD = re.compile(
    r"(?<!\w)(?:program\w*|programm\w*|програм\w*|programme\w*|alokac\w*|allocation)(?!\w)", IC
)
PROJECT_WORD = re.compile(
    r"(?<!\w)(?:projek\w*|про[єе]?кт\w*|project\w*|mikroprojek\w*|vorhaben\w*|zadani\w*|"
    r"grant\w*|dotac\w*|wniosk\w*|žádost\w*|žiadost\w*|gmin\w*|obec|obci|město|mesto|"
    r"savivaldyb\w*|önkormányzat\w*|город\w*|громад\w*|partner\w*|партнер\w*)(?!\w)",
    IC,
)
EU_MONEY = re.compile(
    r"(?<!\w)(?:eu|ue|eú|єс|es|efrr|erdf|efre|esf|efs|eni|enpi|ipa|eog|eea|ehp|interreg|"
    r"erasmus\w*|unii europejskiej|unia europejska|european union|europäische\w* union|"
    r"evropsk\w* uni\w*|európsk\w* úni\w*|európai uni\w*|європейськ\w* союз\w*|"
    r"europos sąjung\w*|\w*fonds?\s+für\s+regionale|european\s+\w+\s+fund|"
    r"european\s+funds?|european\s+commission|eu\s+funds?|fundusz\w*\s+europejsk\w*|"
    r"fundusz\w*\s+uni\w*|evropsk\w*\s+fond\w*|európsk\w*\s+fond\w*|європейськ\w*\s+фонд\w*|"
    r"європейськ\w*\s+інструмент\w*|eurofondy|eurofondů|programme\s+contribution|"
    r"fundusz\w* europejsk\w*|europejski\w* fundusz\w*|norway grants|norweski\w*|"
    r"aktywni obywatele|active citizens|uniós)(?!\w)",
    IC,
)


def _kind_after(after: str) -> str | None:
    if re.search(
        r"грантов|grant|dotac|dofinans|contribution|gefördert|gefinanziert|funded|financed|"
        r"támogat|finansuoj|профінансова|підтрима|podpořen|podporen",
        after,
        IC,
    ):
        return "eu_contribution"
    if re.search(r"міськ\w* бюджет|бюджет\w* міст|budżet\w* gmin|own|vlastn", after, IC):
        return "other"
    return None


def _table_kinds(doc: Doc, hits: list[MoneyHit]) -> dict[int, str]:
    """Kinds for amounts laid out in a table row under a row of column headers."""
    out: dict[int, str] = {}
    for i, (start, line) in enumerate(doc.lines):
        row = [h for h in hits if start <= h.start < start + len(line)]
        if len(row) < 2:
            continue
        for back in range(1, 4):
            if i - back < 0:
                break
            head = doc.lines[i - back][1]
            if re.search(r"\d", head):
                continue
            if re.search(r"\w:\s+\S", head):
                break  # `Partneris: Suvalkų miestas`: a labelled line, not column headers
            cols = [
                c
                for c in re.split(r"\s{2,}|\t|\s(?=[A-ZÁČĎÉĚÍĽĹŇÓÔŘŠŤÚŮÝŽĄĆĘŁŃŚŹŻ])", head.strip())
                if c
            ]
            if len(cols) == len(row):
                for col, h in zip(cols, row, strict=True):
                    out[h.start] = _kind(col) or "other"
            break
    return out


def _same_stem(a: str, b: str) -> bool:
    """Two inflected forms of one word: a long common beginning (Луцьку / Луцької)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 4 and n >= 0.7 * min(len(a), len(b))


def _holder(doc: Doc, context: str, organisations: list[Item]) -> str | None:
    ctx_tokens = tokens(context)
    best = None
    for org in organisations:
        name = org.data["name"]
        name_toks = [t for t in tokens(name) if len(t) > 3]
        if not name_toks:
            continue
        hits = sum(1 for nt in name_toks if any(_same_stem(ct, nt) for ct in ctx_tokens))
        if hits and (best is None or hits > best[0]):
            best = (hits, name)
    return best[1] if best else None
