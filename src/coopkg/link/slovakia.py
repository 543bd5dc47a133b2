"""Slovakia's ladder: LAU obec → NUTS → country."""

from __future__ import annotations

from ..names import fold
from ..registries.index import LinkIndex
from .units import NUTS, Unit, country_unit


def sk_lau(ix: LinkIndex, lau_id: str) -> tuple[Unit, list[Unit]] | None:
    entry = ix.lau.get(lau_id)
    if entry is None or entry[2] != "SK":
        return None
    name, nuts3, _, _, _ = entry
    unit = Unit(f"lau:SK_{lau_id}", name, "municipality", "SK", {"lau": lau_id, "nuts": nuts3})
    ancestors = []
    region = ix.nuts_label.get(nuts3)
    if region:
        iso = ix.iso_by_name.get(("SK", fold(region)))
        ancestors.append(
            Unit(
                f"nuts:{nuts3}",
                region,
                "region",
                "SK",
                {"nuts": nuts3, **({"iso": iso} if iso else {})},
                [NUTS.format(nuts3)],
            )
        )
    if nuts3[:4] in ix.nuts_label:
        ancestors.append(
            Unit(
                f"nuts:{nuts3[:4]}",
                ix.nuts_label[nuts3[:4]],
                "nuts2",
                "SK",
                {"nuts": nuts3[:4]},
                [NUTS.format(nuts3[:4])],
            )
        )
    return unit, [*ancestors, country_unit("SK")]
