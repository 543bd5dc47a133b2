"""extract/record: a page cut into projects, evidence made page-relative."""

from __future__ import annotations

import pytest

from coopkg.extract.record import extract_text, segments

TWO = "Tytuł projektu: Alfa\nLider: Gmina Kraśnik\nTytuł projektu: Beta\nLider: Gmina Zamość\n"


def test_two_labelled_titles_make_two_segments() -> None:
    assert segments(TWO) == [(0, 42), (42, len(TWO))]
    assert segments("Tytuł projektu: Alfa\nTytuł projektu: Alfa") == [(0, 41)]


def test_evidence_of_the_second_project_is_page_relative() -> None:
    record = extract_text(TWO, "two.txt", "pl")
    second = record["projects"][1]
    assert second["title"] == "Beta"
    (ev,) = second["evidence"]["title"]
    assert TWO[ev["start"] : ev["end"]] == "Beta"
    assert record["source"] == {"file": "two.txt", "language": "pl"}


def test_a_page_with_nothing_to_say_has_no_projects() -> None:
    assert extract_text("Kontakt\n\n", "empty.txt", "pl")["projects"] == []


def test_a_list_page_names_its_one_programme_once_for_every_project() -> None:
    text = (
        "Projekty powiatu\n\n"
        "Tytuł projektu: Bezpieczna rzeka\nPartner: Gmina Lesko\n\n"
        "Tytuł projektu: Zielona szkoła\nPartner: Gmina Baligród\n\n"
        "Oba projekty finansowano z programu Interreg Polska – Słowacja 2021-2027.\n"
    )
    record = extract_text(text, "list.txt", "pl")
    assert [p["title"] for p in record["projects"]] == ["Bezpieczna rzeka", "Zielona szkoła"]
    for project in record["projects"]:
        assert project["programme"] == "Interreg Polska – Słowacja 2021-2027"
        assert project["funds"] == ["ERDF"]
        (where,) = project["evidence"]["programme"]
        assert text[where["start"] : where["end"]] == project["programme"]


def test_a_page_of_projects_from_two_programmes_shares_neither() -> None:
    text = (
        "Tytuł projektu: Bezpieczna rzeka\nProgram: Interreg Polska – Słowacja 2021-2027\n\n"
        "Tytuł projektu: Zielona szkoła\nProgram: Erasmus+\n\n"
        "Tytuł projektu: Stara kuźnia\nPartner: Gmina Baligród\n"
    )
    programmes = [p["programme"] for p in extract_text(text, "list.txt", "pl")["projects"]]
    assert programmes == ["Interreg Polska – Słowacja 2021-2027", "Erasmus+", None]


# made-up list pages whose projects have neither a title label nor a quoted name
LIST_PAGES = [
    (
        "Projekty gminy\n\n1. Bezpieczne pogranicze\nPartner: Gmina Mościska\n"
        "Okres realizacji: 2019–2021\n\n2. Zielona szkoła\nPartner: Gmina Sambor\n"
        "Okres realizacji: 2020–2022\n",
        "pl",
        [("Bezpieczne pogranicze", "2019", "2021"), ("Zielona szkoła", "2020", "2022")],
    ),
    (
        "Naše projekty\n\nSpolečně bez hranic\nPartner: Gmina Głuchołazy\n"
        "Doba realizace: 1. 1. 2018 – 31. 12. 2018\n\nŘeka spojuje\nPartner: Gmina Nysa\n"
        "Doba realizace: 1. 3. 2019 – 30. 6. 2020\n",
        "cs",
        [
            ("Společně bez hranic", "2018-01-01", "2018-12-31"),
            ("Řeka spojuje", "2019-03-01", "2020-06-30"),
        ],
    ),
    (
        "Projects\n\n• Green Borders (2017–2019). Lead partner: Krosno Municipality.\n"
        "• Safe Rivers (2019–2021). Lead partner: Sanok Municipality.\n",
        "en",
        [("Green Borders", "2017", "2019"), ("Safe Rivers", "2019", "2021")],
    ),
    (
        "Projektjeink\n\nKözös múltunk – 2018–2019\nPartner: Királyhelmec Város\n\n"
        "Zöld Bodrog – 2020–2021\nPartner: Sátoraljaújhely Város\n",
        "hu",
        [("Közös múltunk", "2018", "2019"), ("Zöld Bodrog", "2020", "2021")],
    ),
    (
        "Projekty obce\n\nCesty pod Roháčmi – projekt realizovaný v rokoch 2018 – 2019 s gminou "
        "Czarny Dunajec.\n\nSpoločne pre Tatry – projekt realizovaný v rokoch 2020 – 2021 s gminou "
        "Kościelisko.\n",
        "sk",
        [("Cesty pod Roháčmi", "2018", "2019"), ("Spoločne pre Tatry", "2020", "2021")],
    ),
    (
        "Přehled projektů\n\nNázev | Partner | Období\n"
        "Společně bez hranic | Gmina Głuchołazy | 2018–2019\nŘeka spojuje | Gmina Nysa | 2019–2020\n",
        "cs",
        [("Společně bez hranic", "2018", "2019"), ("Řeka spojuje", "2019", "2020")],
    ),
    (
        "Projektai\n\n1. „Kultūros tiltai“ (2019–2020) – kartu su Suvalkų miestu.\n"
        "2. „Žalieji krantai“ (2021–2022) – kartu su Augustavo miestu.\n",
        "lt",
        [("Kultūros tiltai", "2019", "2020"), ("Žalieji krantai", "2021", "2022")],
    ),
]


@pytest.mark.parametrize(("text", "lang", "expected"), LIST_PAGES)
def test_a_list_of_blocks_is_one_project_per_block(
    text: str, lang: str, expected: list[tuple[str, str, str]]
) -> None:
    projects = extract_text(text, "list.txt", lang)["projects"]
    assert [(p["title"], p["start"], p["end"]) for p in projects] == expected


def test_paragraphs_without_shared_labels_are_one_project() -> None:
    text = (
        "Gmina Lesko realizuje projekt „Czysty San”.\n\nPartner: Gmina Baligród\n\n"
        "Spotkanie odbyło się w urzędzie.\nKontakt: biuro@lesko.pl\n"
    )
    assert len(segments(text)) == 1


def test_an_organisation_before_the_word_project_is_no_projects_name() -> None:
    text = (
        "Fundacja Ziemi Kłodzkiej – projekt „Obywatelski Kłodzk”. Kwota: 10 000 zł.\n\n"
        "Stowarzyszenie „Polanica” – projekt „Młodzi decydują”. Kwota: 9 000 zł.\n"
    )
    titles = [p["title"] for p in extract_text(text, "list.txt", "pl")["projects"]]
    assert titles == ["Obywatelski Kłodzk", "Młodzi decydują"]
