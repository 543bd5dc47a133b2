"""extract/programmes: the programme a project is funded from and the funds named."""

from __future__ import annotations

import pytest

from coopkg.extract.document import Doc
from coopkg.extract.programmes import find_funds, find_programme


def test_a_labelled_programme() -> None:
    text = "Program: Interreg Polska-Ukraina 2014-2020\n"
    found = find_programme(Doc(text, "pl"), [])
    assert found is not None and found.data == {"programme": "Interreg Polska-Ukraina 2014-2020"}


def test_a_fund_named_in_text() -> None:
    text = "Projekt współfinansowany z Europejskiego Funduszu Rozwoju Regionalnego."
    assert [f.data for f in find_funds(Doc(text, "pl"))] == [{"fund": "ERDF"}]


def test_nothing_named_nothing_found() -> None:
    doc = Doc("Festyn rodzinny w parku.", "pl")
    assert find_programme(doc, []) is None
    assert find_funds(doc) == []


def _programme(text: str, lang: str) -> str | None:
    found = find_programme(Doc(text, lang), [])
    return found.data["programme"] if found else None


def test_a_programme_named_in_a_case_is_put_in_the_nominative() -> None:
    text = "Projekt realizowany w ramach Programu Operacyjnego Kapitał Ludzki, poddziałanie 5.4."
    assert _programme(text, "pl") == "Program Operacyjny Kapitał Ludzki"
    text = "Проєкт фінансується в рамках Програми транскордонного співробітництва Польща–Україна."
    assert _programme(text, "uk") == "Програма транскордонного співробітництва Польща–Україна"


def test_the_word_programme_goes_before_a_name_of_its_own() -> None:
    text = "Wyjazd sfinansowano w ramach programu Erasmus+ w kwocie 19 840 euro."
    assert _programme(text, "pl") == "Erasmus+"


def test_interreg_programmes_without_a_numeral_and_in_german() -> None:
    text = "Projekt z programu Interreg Polska – Słowacja 2021-2027 wspiera gminy."
    assert _programme(text, "pl") == "Interreg Polska – Słowacja 2021-2027"
    text = "Gefördert im Kooperationsprogramm Polen – Sachsen 2014–2020."
    assert _programme(text, "de") == "Kooperationsprogramm Polen – Sachsen 2014–2020"


def test_the_fund_in_more_languages() -> None:
    text = "az Európai Regionális Fejlesztési Alap társfinanszírozásával"
    assert [f.data["fund"] for f in find_funds(Doc(text, "hu"))] == ["ERDF"]


def _funds(text: str, lang: str) -> list[str]:
    return [f.data["fund"] for f in find_funds(Doc(text, lang))]


def test_a_programme_that_is_its_funds_instrument_names_the_fund() -> None:
    assert _funds("Projekt z programu Interreg Polska – Słowacja 2021-2027.", "pl") == ["ERDF"]
    assert _funds("A találkozót az Európa a Polgárokért program támogatta.", "hu") == ["OTHER"]
    assert _funds("Wymiana sfinansowana z programu Erasmus+ w kwocie 19 840 euro.", "pl") == [
        "OTHER"
    ]
    assert _funds("Projekt finansowany w ramach programu Aktywni Obywatele.", "pl") == ["EEA"]


def test_a_fund_named_and_implied_is_listed_once_with_its_own_words() -> None:
    found = find_funds(Doc("Interreg V-A, Evropský fond pro regionální rozvoj.", "cs"))
    assert [f.data["fund"] for f in found] == ["ERDF"]
    assert "fund named" in found[0].why


def test_a_plain_cross_border_programme_implies_no_fund() -> None:
    text = "Програма транскордонного співробітництва Польща-Білорусь-Україна 2014-2020"
    assert _funds(text, "uk") == []
    assert _funds("interregional meeting of mayors", "en") == []


# made-up sentences, one per way the corpus languages name a programme in running text
NAMED_PROGRAMMES = [
    (
        "pl",
        "Projekt jest współfinansowany z Programu Interreg NEXT Polska–Ukraina 2021–2027.",
        "Interreg NEXT Polska–Ukraina 2021–2027",
    ),
    (
        "pl",
        "Zadanie sfinansowano ze środków Regionalnego Programu Operacyjnego Województwa Podkarpackiego na lata 2014-2020.",
        "Regionalny Program Operacyjny Województwa Podkarpackiego na lata 2014-2020",
    ),
    ("pl", "Dofinansowanie pochodzi z programu „Europa dla Obywateli”.", "Europa dla Obywateli"),
    (
        "uk",
        "Проєкт фінансується Європейським Союзом у рамках Програми Interreg NEXT Польща – Україна 2021–2027.",
        "Interreg NEXT Польща – Україна 2021–2027",
    ),
    (
        "uk",
        "Проєкт реалізується за програмою транскордонного співробітництва «Румунія – Україна» 2014–2020.",
        "програма транскордонного співробітництва «Румунія – Україна» 2014–2020",
    ),
    (
        "cs",
        "Projekt je spolufinancován z Operačního programu Zaměstnanost.",
        "Operační program Zaměstnanost",
    ),
    (
        "cs",
        "Projekt byl podpořen z programu Interreg V-A Česká republika – Polsko.",
        "Interreg V-A Česká republika – Polsko",
    ),
    (
        "sk",
        "Projekt je financovaný z Programu spolupráce Interreg V-A Slovenská republika – Česká republika.",
        "Program spolupráce Interreg V-A Slovenská republika – Česká republika",
    ),
    (
        "sk",
        "Projekt bol podporený z Integrovaného regionálneho operačného programu.",
        "Integrovaný regionálny operačný program",
    ),
    (
        "lt",
        "Projektas finansuojamas pagal 2014–2020 m. Interreg V-A Latvijos ir Lietuvos bendradarbiavimo per sieną programą.",
        "Interreg V-A Latvijos ir Lietuvos bendradarbiavimo per sieną programa",
    ),
    (
        "lt",
        "Projektas įgyvendinamas pagal Europos kaimynystės priemonės Latvijos, Lietuvos ir Baltarusijos bendradarbiavimo per sieną programą.",
        "Europos kaimynystės priemonės Latvijos, Lietuvos ir Baltarusijos bendradarbiavimo per sieną programa",
    ),
    (
        "hu",
        "A projekt az Interreg V-A Magyarország–Szlovákia Együttműködési Program keretében valósult meg.",
        "Interreg V-A Magyarország–Szlovákia Együttműködési Program",
    ),
    (
        "hu",
        "A projekt a Széchenyi 2020 program keretében, a TOP-1.1.1 felhívás alapján valósult meg.",
        "Széchenyi 2020 program",
    ),
    ("de", "Das Projekt wird aus dem Programm Erasmus+ gefördert.", "Erasmus+"),
    (
        "de",
        "Gefördert durch das Kooperationsprogramm Interreg VI-A Sachsen – Tschechien 2021–2027.",
        "Kooperationsprogramm Interreg VI-A Sachsen – Tschechien 2021–2027",
    ),
    (
        "en",
        "The project is funded under the Interreg Central Europe programme.",
        "Interreg Central Europe programme",
    ),
    (
        "en",
        "It was co-financed by the European Union under the Cross-border Cooperation Programme Poland-Belarus-Ukraine 2014-2020.",
        "Cross-border Cooperation Programme Poland-Belarus-Ukraine 2014-2020",
    ),
    (
        "en",
        "The grant comes from the EEA and Norway Grants Active Citizens Fund.",
        "Active Citizens Fund",
    ),
    (
        "pl",
        "Projekt finansowany jest z Funduszy EOG w ramach programu Aktywni Obywatele – Fundusz Regionalny.",
        "Aktywni Obywatele – Fundusz Regionalny",
    ),
    (
        "uk",
        "Проєкт підтримано в рамках програми «Польсько-українська рада обміну молоддю».",
        "Польсько-українська рада обміну молоддю",
    ),
]


@pytest.mark.parametrize(("lang", "text", "programme"), NAMED_PROGRAMMES)
def test_programmes_as_each_language_names_them(lang: str, text: str, programme: str) -> None:
    assert _programme(text, lang) == programme


@pytest.mark.parametrize(
    ("text", "lang", "fund"),
    [
        ("Projektą finansuoja Europos socialinis fondas.", "lt", "ESF"),
        ("az Európai Szomszédsági Támogatási Eszköz finanszírozásával", "hu", "ENI"),
        ("gefördert aus dem Europäischen Nachbarschaftsinstrument", "de", "ENI"),
        ("a Kohéziós Alap támogatásával", "hu", "CF"),
        ("finanziert aus EWR-Mitteln", "de", "EEA"),
        ("iš valstybės biudžeto lėšų", "lt", "NATIONAL"),
    ],
)
def test_funds_named_in_more_languages(text: str, lang: str, fund: str) -> None:
    assert _funds(text, lang) == [fund]


@pytest.mark.parametrize(
    ("text", "lang", "programme"),
    [
        ("Projekt współfinansowany w ramach RPO WL 2014-2020.", "pl", "RPO WL 2014-2020"),
        ("Projekt je financován z OP Z.", "cs", "OP Z"),
        ("A projekt a GINOP-1.2.1 felhívás keretében valósult meg.", "hu", "GINOP"),
        ("We are at the TOP of the league.", "en", None),
    ],
)
def test_operational_programmes_by_their_acronyms(
    text: str, lang: str, programme: str | None
) -> None:
    assert _programme(text, lang) == programme
