"""Linking speed: place mentions resolved per second (target: 10,000 mentions in < 10 s).

    python benchmarks/link_speed.py [--mentions 10000] [--seed 1]

Mentions are drawn, with a fixed seed, from real names: GeoNames towns of PL, CZ, SK
and UA (nominative and, for a third of them, a locative-like inflected form made by
the common ending rules), TERYT powiats written as `powiatu …ego`, and the seed
documents' place names. Each mention is resolved as `coopkg link` does, without
the per-project context.
"""

from __future__ import annotations

import argparse
import random
import time

from coopkg.link.linker import Linker
from coopkg.link.units import Resolution
from coopkg.registries.gazetteer import gazetteer
from coopkg.registries.index import link_index


def inflect(name: str, rng: random.Random) -> str:
    last = name.split()[-1]
    if last.endswith("a"):
        form = last[:-1] + rng.choice(["ie", "y", "ą", "ě", "u"])
    elif last.endswith(("o", "e")):
        form = last[:-1] + "u"
    else:
        form = last + rng.choice(["ie", "u", "i", "em"])
    return " ".join([*name.split()[:-1], form])


def mentions(n: int, seed: int) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    g = gazetteer()
    towns = sorted(
        (
            p
            for p in g.places.values()
            if p.key.startswith("gn:")
            and p.country in ("PL", "CZ", "SK", "UA")
            and p.population >= 1000
        ),
        key=lambda p: p.key,
    )
    powiats = sorted(
        p.name
        for p in g.places.values()
        if p.key.startswith("teryt:") and p.level == "county" and p.name.startswith("powiat ")
    )
    out = []
    while len(out) < n:
        r = rng.random()
        if r < 0.8:
            t = rng.choice(towns)
            out.append((inflect(t.name, rng) if rng.random() < 0.33 else t.name, t.country))
        else:
            adjective = rng.choice(powiats).split(" ", 1)[1]
            out.append((f"powiatu {adjective[:-1]}ego", "PL"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mentions", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    t0 = time.perf_counter()
    gazetteer()
    link_index()
    load = time.perf_counter() - t0
    sample = mentions(args.mentions, args.seed)
    linker = Linker()
    t = time.perf_counter()
    linked = sum(
        isinstance(linker.resolve([name], country, []), Resolution) for name, country in sample
    )
    seconds = time.perf_counter() - t
    print(f"indexes loaded (cached): {load:.2f} s")
    print(
        f"mentions: {len(sample)}; linked: {linked} ({100 * linked / len(sample):.1f} %); "
        f"left unlinked (ambiguous or unknown): {len(sample) - linked}"
    )
    print(f"seconds: {seconds:.2f}; mentions per second: {len(sample) / seconds:.0f}")
    print(f"target < 10 s for 10,000 mentions: ratio {10 * len(sample) / 10_000 / seconds:.2f}x")


if __name__ == "__main__":
    main()
