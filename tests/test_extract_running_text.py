"""extract/running_text: organisations named in running text, head first or head last."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.organisations import find_organisations
from coopkg.extract.running_text import nominative_org


def test_a_municipality_named_in_a_case_gets_its_head_word() -> None:
    assert nominative_org("gminy Żmudź") == "Gmina Żmudź"
    assert nominative_org("Fundacja Orlen") == "Fundacja Orlen"


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Projektą įgyvendino Alytaus miesto savivaldybė kartu su partneriais.\n",
            "lt",
            "Alytaus miesto savivaldybė",
        ),
        (
            "A látogatást Tiszaföldvár Város Önkormányzata szervezte.\n",
            "hu",
            "Tiszaföldvár Város Önkormányzata",
        ),
        ("Табір організувала Бочечківська громада.\n", "uk", "Бочечківська громада"),
    ],
)
def test_names_whose_head_comes_last(text: str, lang: str, expected: str) -> None:
    assert expected in [o.data["name"] for o in find_organisations(Doc(text, lang))]
