"""Organisation types and territory levels from the type words in a name.

These are legal-form and administrative cue words as they stand at the start
(or, for Ukrainian adjectives, anywhere) of a name in pl, uk, cs, sk, en and de.
A name without a cue gets no type: we do not guess.
"""

from __future__ import annotations

import re

# (pattern, code): first match wins, so more specific cues come first.
_ORG_CUES: tuple[tuple[str, str], ...] = (
    (
        r"\b(związek (gmin|powiatów|miast)|stowarzyszenie gmin|svazek obcí|euroregion\w*|"
        r"асоціаці\w* (міст|громад|органів))",
        "association_of_municipalities",
    ),
    (r"\b(fundacj\w*|nadace|nadácia|foundation|stiftung|благодійн\w* фонд\w*)", "foundation"),
    (
        r"\b(stowarzyszeni\w*|towarzystw\w*|spolek|sdružení|združenie|občianske združenie|"
        r"association|verein|e\.\s?v\.|громадськ\w* організаці\w*|го|ngo)\b",
        "ngo",
    ),
    (
        r"\b(szkoł\w*|przedszkol\w*|uniwersytet\w*|politechnik\w*|akademi\w*|uczelni\w*|"
        r"škola|univerzit\w*|school|university|schule|universität|школ\w*|ліце\w*|"
        r"університет\w*|гімназі\w*)",
        "school",
    ),
    (r"\b(starostwo powiatowe|powiat\w*|okresní úřad|районн\w* (рад\w*|державн\w*))", "county"),
    (
        r"\b(urząd marszałkowski|województw\w*|samorząd województwa|kraj\b|krajský úřad|"
        r"обласн\w* (рад\w*|державн\w*))",
        "region",
    ),
    (
        r"\b(gmin\w*|miast\w*|urząd (gminy|miasta)|obec|obce|obecní úřad|město|města|"
        r"statutární město|městský obvod|městská část|mesto|mestská časť|"
        r"міськ\w* рад\w*|сільськ\w* рад\w*|селищн\w* рад\w*|виконавч\w* комітет\w*|"
        r"територіальн\w* громад\w*|stadt|gemeinde|municipality|city of|town of)\b",
        "municipality",
    ),
    (
        r"\b(ośrodek|centrum kultury|dom kultury|biblioteka|muzeum|ośrodek pomocy|"
        r"mok|mosir|ops|gops|mops|knihovna|muzeum|centr\w* соціальн\w*|будин\w* культур\w*)\b",
        "public_institution",
    ),
    (r"\b(sp\. z o\.o\.|s\.a\.|s\.r\.o\.|a\.s\.|gmbh|ltd|тов|пп)\b", "company"),
)

_LEVEL_CUES: tuple[tuple[str, str], ...] = (
    (
        r"^(województw\w*|voivodeship|kraj\w*|область|\w+ська область|\w+ська обл\.?|"
        r"\w+ kraj|\w+ský kraj|\w+ský kraj|oblast\w*|bundesland)\b|\b(voivodeship|oblast|"
        r"область|kraj)$",
        "region",
    ),
    (
        r"^(powiat\w*|okres\w*|район\w*|landkreis|kreis)\b|\b(county|district|район|raion)$",
        "county",
    ),
    (r"^(městský obvod|městská část|mestská časť|dzielnic\w*|osiedl\w*)\b", "city_district"),
    (
        r"^(gmin\w*|obec|obce|obci|hromada|громада|gemeinde|municipality)\b|"
        r"\b(municipality|громада)$",
        "municipality",
    ),
)


def organisation_type(name: str) -> str | None:
    low = name.casefold()
    for pattern, code in _ORG_CUES:
        if re.search(pattern, low):
            return code
    return None


def territory_level(name: str) -> str | None:
    low = name.casefold().strip()
    for pattern, code in _LEVEL_CUES:
        if re.search(pattern, low):
            return code
    return None
