"""`coopkg synth`: realistic synthetic records for benchmarks, deterministic for a seed.

Each project has 2-8 partners across 2-4 countries with roles, places drawn from
the registry snapshots (real towns of those countries), amounts in PLN, EUR, UAH
or CZK, planned and achieved outcomes and a title in the lead partner's language,
so that benchmarks run the real convert → link → validate → load path.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from coopkg.registries.gazetteer import gazetteer

COUNTRIES = ("PL", "CZ", "SK", "UA")
LANG = {"PL": "pl", "CZ": "cs", "SK": "sk", "UA": "uk"}
CURRENCY = {"PL": "PLN", "CZ": "CZK", "SK": "EUR", "UA": "UAH"}
ORG_FORMS = {
    "PL": [
        "Gmina {}",
        "Miasto {}",
        "Stowarzyszenie Przyjaciół Ziemi {}",
        "Fundacja Rozwoju {}",
        "Szkoła Podstawowa w {}",
        "Ośrodek Kultury w {}",
    ],
    "CZ": ["Obec {}", "Město {}", "Spolek přátel {}", "Základní škola {}"],
    "SK": ["Obec {}", "Mesto {}", "Občianske združenie {}"],
    "UA": ["Виконавчий комітет {} міської ради", 'ГО "Розвиток громади {}"', "Школа № 1 м. {}"],
}
TITLES = {
    "pl": [
        "Współpraca bez granic: {}",
        "Razem dla rozwoju {}",
        "Wspólne dziedzictwo {}",
        "Partnerstwo na rzecz {}",
    ],
    "cs": ["Spolupráce bez hranic: {}", "Společně pro {}", "Kulturní dědictví {}"],
    "sk": ["Spolupráca bez hraníc: {}", "Spoločne pre {}"],
    "uk": ["Співпраця без кордонів: {}", "Разом для розвитку {}"],
}
THEMES = [
    "turystyka",
    "kultura",
    "edukacja",
    "ekologia",
    "sport",
    "samorząd",
    "zdrowie",
    "historia",
]
PROGRAMMES = [
    ("Interreg V-A Česko – Polsko", ["ERDF"]),
    ("Interreg V-A Polska – Slowacja", ["ERDF"]),
    ("Program Współpracy Transgranicznej Polska-Białoruś-Ukraina 2014-2020", ["ENI"]),
    ("Program Operacyjny Wiedza Edukacja Rozwój", ["ESF"]),
    (None, []),
]


def _towns(rng: random.Random) -> dict[str, list[tuple[str, str]]]:
    g = gazetteer()
    towns: dict[str, list[tuple[str, str]]] = {c: [] for c in COUNTRIES}
    for p in g.places.values():
        if p.key.startswith("gn:") and p.country in towns and p.population >= 3000:
            towns[p.country].append((p.name, p.country))
    for c in towns:
        towns[c].sort()
    return towns


def _project(rng: random.Random, towns: dict[str, list[tuple[str, str]]], n: int) -> dict[str, Any]:
    countries = rng.sample(COUNTRIES, rng.randint(2, 4))
    partners = []
    for i in range(rng.randint(2, 8)):
        country = countries[i % len(countries)]
        town, _ = rng.choice(towns[country])
        form = rng.choice(ORG_FORMS[country])
        role = "lead" if i == 0 else rng.choices(["partner", "associated", "manager"], [8, 1, 1])[0]
        partners.append({"name": form.format(town), "role": role, "country": country, "town": town})
    lead_country = partners[0]["country"]
    lang = LANG[lead_country]
    title = rng.choice(TITLES[lang]).format(
        rng.choice(THEMES) if lang == "pl" else partners[0]["town"]
    )
    programme, funds = rng.choice(PROGRAMMES)
    start_year = rng.randint(2008, 2024)
    start = f"{start_year}-{rng.randint(1, 12):02d}"
    end = f"{start_year + rng.randint(1, 3)}-{rng.randint(1, 12):02d}"
    if rng.random() < 0.3:
        start += f"-{rng.randint(1, 28):02d}"
    currency = rng.choice([CURRENCY[lead_country], "EUR"])
    total = round(rng.uniform(10_000, 3_000_000), 2)
    rate = rng.choice([0.85, 0.9, 0.8, None])
    amounts = [{"kind": "total", "value": total, "currency": currency}]
    if rate:
        amounts.append(
            {"kind": "eu_contribution", "value": round(total * rate, 2), "currency": currency}
        )
    if rng.random() < 0.4:
        amounts.append(
            {
                "kind": "partner_share",
                "value": round(total / len(partners), 2),
                "currency": currency,
                "holder": partners[-1]["name"],
            }
        )
    places: list[dict[str, str]] = []
    for p in partners:
        if not any(pl["name"] == p["town"] for pl in places):
            places.append({"name": p["town"], "country": p["country"]})
    outcomes = [
        {
            "value": rng.randint(1, 500),
            "unit": rng.choice(
                ["person", "event", "organisation", "institution", "document", "agreement"]
            ),
            "status": rng.choice(["planned", "achieved"]),
            "description": None,
        }
        for _ in range(rng.randint(1, 6))
    ]
    return {
        "title": title,
        "identifiers": [f"SYN.{n // 1000:03d}.{n % 1000:03d}/{start_year}"],
        "programme": programme,
        "funds": funds,
        "start": start,
        "end": end,
        "amounts": amounts,
        "cofinancing_rate": rate,
        "organisations": [{k: v for k, v in p.items() if k != "town"} for p in partners],
        "places": places,
        "outcomes": outcomes,
    }


def records(count: int, seed: int) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    towns = _towns(rng)
    for n in range(count):
        project = _project(rng, towns, n)
        lang = LANG[project["organisations"][0]["country"]]
        yield {
            "source": {"file": f"synth-{seed}-{n:07d}.txt", "language": lang},
            "projects": [project],
        }


def write(count: int, seed: int, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for record in records(count, seed):
        stem = record["source"]["file"].rsplit(".", 1)[0]
        (out / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
        written += 1
    return written
