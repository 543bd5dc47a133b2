"""Poland's ladder: TERYT gmina → powiat → województwo → NUTS → country."""

from __future__ import annotations

from ..registries.index import LinkIndex
from .units import Unit, country_unit, nuts_units, region_qid


def pl_gmina(ix: LinkIndex, teryt7: str) -> tuple[Unit, list[Unit]] | None:
    row = ix.pl_gmina.get(teryt7)
    if row is None:
        return None
    unit = Unit(
        f"teryt:{teryt7}",
        row["gmina_name"],
        "municipality",
        "PL",
        {"teryt": teryt7, "lau": row["gisco_lau_id_2020"], "nuts": row["nuts3_2021"]},
    )
    return unit, pl_ancestors(ix, teryt7[:4]) + nuts_units(ix, row["nuts3_2021"], "PL")


def pl_ancestors(ix: LinkIndex, powiat: str) -> list[Unit]:
    out = []
    name = ix.pl_units.get(powiat)
    if name:
        label = f"powiat {name}" if name[:1].islower() else name
        out.append(Unit(f"teryt:{powiat}", label, "county", "PL", {"teryt": powiat}))
    out += pl_region(ix, powiat[:2])
    return out


def pl_region(ix: LinkIndex, woj: str) -> list[Unit]:
    name = ix.pl_units.get(woj)
    if not name:
        return [country_unit("PL")]
    iso = f"PL-{woj}"
    return [
        Unit(
            f"teryt:{woj}",
            f"województwo {name.lower()}",
            "region",
            "PL",
            {"teryt": woj, "iso": iso},
            region_qid(ix, iso),
        ),
        country_unit("PL"),
    ]
