"""Czechia's ladder: RÚIAN obec → okres → kraj → NUTS → country."""

from __future__ import annotations

from ..names import fold
from ..registries.index import LinkIndex
from .units import Unit, country_unit, nuts_units


def cz_obec(ix: LinkIndex, kod: str) -> tuple[Unit, list[Unit]] | None:
    row = ix.cz_obec.get(kod)
    if row is None:
        return None
    unit = Unit(
        f"ruian:{kod}",
        row["nazev_obce"],
        "municipality",
        "CZ",
        {"ruian": kod, "lau": kod, "nuts": row["lau_nuts3_2021"]},
    )
    kraj = (
        row["nazev_kraje"]
        if row["nazev_kraje"].startswith("Hlavní")
        else f"{row['nazev_kraje']} kraj"
    )
    iso = ix.iso_by_name.get(("CZ", fold(kraj)))
    ancestors = [
        Unit(
            f"ruian-okres:{row['kod_okresu']}",
            f"okres {row['nazev_okresu']}",
            "county",
            "CZ",
            {"ruian": row["kod_okresu"]},
        ),
        Unit(
            f"ruian-kraj:{row['kod_kraje']}",
            kraj,
            "region",
            "CZ",
            {"ruian": row["kod_kraje"], **({"iso": iso} if iso else {})},
        ),
        country_unit("CZ"),
    ]
    return unit, ancestors + nuts_units(ix, row["lau_nuts3_2021"], "CZ")
