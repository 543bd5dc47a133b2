"""Ukraine's ladder: KATOTTH hromada → raion → oblast → country."""

from __future__ import annotations

from ..registries.index import LinkIndex
from .units import Unit, country_unit, region_qid


def ua_unit(ix: LinkIndex, code: str) -> tuple[Unit, list[Unit]] | None:
    entry = ix.ua.get(code)
    if entry is None:
        return None
    category, name, parent = entry
    level = {
        "O": "region",
        "P": "county",
        "H": "municipality",
        "M": "locality",
        "K": "locality",
        "B": "city_district",
    }.get(category, "locality")
    label = {
        "O": f"{name} область" if " " not in name else name,
        "P": f"{name} район",
        "H": f"{name} територіальна громада",
    }.get(category, name)
    codes = {"katotth": code}
    if category == "O":
        codes["iso"] = f"UA-{code[2:4]}"
    unit = Unit(
        f"katotth:{code}",
        label,
        level,
        "UA",
        codes,
        region_qid(ix, codes["iso"]) if category == "O" else [],
    )
    ancestors: list[Unit] = []
    while parent:
        p = ua_unit(ix, parent)
        if p is None:
            break
        ancestors.append(p[0])
        parent = ix.ua[parent][2]
    return unit, [*ancestors, country_unit("UA")]
