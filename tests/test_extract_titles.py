"""extract/titles: the project's name and its identifiers."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.titles import find_identifiers, find_title


def test_a_labelled_title() -> None:
    text = "Tytuł projektu: Wspólne dziedzictwo\nLider: Gmina Kraśnik"
    title = find_title(Doc(text, "pl"))
    assert title is not None and title.data == {"title": "Wspólne dziedzictwo"}
    assert text[slice(*title.spans[0])] == "Wspólne dziedzictwo"


def test_a_project_number() -> None:
    found = find_identifiers(Doc("Numer projektu: PLUA.01.01.00-06-0001/17", "pl"))
    assert [i.data for i in found] == [{"id": "PLUA.01.01.00-06-0001/17"}]


# made-up pages, one per way the corpus languages introduce a project's name: quoted or
# not, after a naming word or the word project, or under a title label
NAMED_PROJECTS = [
    (
        "pl",
        "Wspólne ćwiczenia strażaków z Polski i Ukrainy\n\nGmina Lubycza Królewska realizuje projekt pn. Bezpieczne pogranicze, finansowany z programu Interreg NEXT Polska–Ukraina.",
        "Bezpieczne pogranicze",
    ),
    (
        "pl",
        "Sukces gminy!\n\nPodpisaliśmy umowę na realizację projektu „Zielone szlaki Roztocza” z Województwem.",
        "Zielone szlaki Roztocza",
    ),
    (
        "uk",
        "Новини громади\n\nГромада стала партнером проєкту під назвою «Чисті ріки Прикарпаття», що фінансується ЄС.",
        "Чисті ріки Прикарпаття",
    ),
    (
        "uk",
        'Відбулася зустріч партнерів\n\nУ межах проєкту "Спільна спадщина" у Самборі відбулася зустріч партнерів.',
        "Спільна спадщина",
    ),
    (
        "cs",
        "Aktuality\n\nMěsto Krnov získalo dotaci na projekt s názvem Společně bez hranic. Projekt potrvá dva roky.",
        "Společně bez hranic",
    ),
    (
        "sk",
        "Novinky\n\nObec Zuberec je partnerom projektu s názvom „Cesty pod Roháčmi“, ktorý podporil program Interreg.",
        "Cesty pod Roháčmi",
    ),
    (
        "lt",
        "Naujienos\n\nSavivaldybė pradėjo įgyvendinti projektą „Žalieji Nemuno krantai“ kartu su partneriais iš Lenkijos.",
        "Žalieji Nemuno krantai",
    ),
    (
        "hu",
        "Hírek\n\nA város önkormányzata elindította a „Zöld Tisza” című projektet a szlovák partnerrel.",
        "Zöld Tisza",
    ),
    (
        "hu",
        "Hírek\n\nMegkezdődött a Közös múltunk elnevezésű projekt megvalósítása Sárospatakon.",
        "Közös múltunk",
    ),
    (
        "de",
        "Neuigkeiten\n\nDie Stadt Zittau startet das Projekt „Grüne Neiße“ gemeinsam mit Bogatynia.",
        "Grüne Neiße",
    ),
    (
        "de",
        "Neuigkeiten\n\nMit dem Projekt Kulturbrücke Oberlausitz wollen die Partner Museen vernetzen.",
        "Kulturbrücke Oberlausitz",
    ),
    (
        "en",
        'News\n\nThe town joined the project "Green Carpathian Trails", funded by the EU.',
        "Green Carpathian Trails",
    ),
    (
        "en",
        "News\n\nThe project, entitled Safe Borders for Children, started in March.",
        "Safe Borders for Children",
    ),
    ("pl", "O projekcie\n\nTytuł: Kuchnia bez granic\nOkres: 2019–2020", "Kuchnia bez granic"),
    (
        "cs",
        "O projektu\n\nNázev projektu: Příroda bez hranic\nŽadatel: Obec Bartošovice",
        "Příroda bez hranic",
    ),
    (
        "uk",
        "Про проєкт\n\nНазва проєкту: Молодь змінює громаду\nТермін реалізації: 2020–2021",
        "Молодь змінює громаду",
    ),
    (
        "lt",
        "Apie projektą\n\nProjekto pavadinimas: Bendri vandenys\nPartneriai: Druskininkų savivaldybė",
        "Bendri vandenys",
    ),
    (
        "hu",
        "A projektről\n\nA projekt címe: Határtalan kultúra\nKedvezményezett: Sátoraljaújhely",
        "Határtalan kultúra",
    ),
    (
        "de",
        "Über das Projekt\n\nProjekttitel: Gemeinsam lernen\nLaufzeit: 2019 – 2021",
        "Gemeinsam lernen",
    ),
    (
        "sk",
        "O projekte\n\nNázov projektu: Spoločne pre Tatry\nPrijímateľ: Mesto Kežmarok",
        "Spoločne pre Tatry",
    ),
]


@pytest.mark.parametrize(("lang", "text", "title"), NAMED_PROJECTS)
def test_the_name_as_each_language_introduces_it(lang: str, text: str, title: str) -> None:
    found = find_title(Doc(text + "\n", lang))
    assert found is not None and found.data["title"] == title
