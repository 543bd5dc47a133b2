"""extract/dates: a project's start and end from a labelled or phrased period."""

from __future__ import annotations

import pytest

from coopkg.extract.dates import find_dates_of_project
from coopkg.extract.document import Doc


def test_a_from_to_period_gives_start_and_end_with_evidence() -> None:
    text = "Projekt realizowany od 1 marca 2019 r. do 31 grudnia 2020 r."
    start, end = find_dates_of_project(Doc(text, "pl"))
    assert start is not None and end is not None
    assert (start.data, end.data) == ({"date": "2019-03-01"}, {"date": "2020-12-31"})
    assert text[slice(*start.spans[0])] == "1 marca 2019"


def test_labelled_start_and_end() -> None:
    text = "Start date: 01.10.2017\nEnd date: 30.09.2019"
    start, end = find_dates_of_project(Doc(text, "en"))
    assert start is not None and start.data["date"] == "2017-10-01"
    assert end is not None and end.data["date"] == "2019-09-30"


def test_no_period_no_dates() -> None:
    assert find_dates_of_project(Doc("Gmina zaprasza na festyn.", "pl")) == (None, None)


def test_a_range_of_days_as_news_reports_an_event() -> None:
    # made-up sentences in the phrasings of news items, one per way of writing a range
    cases = {
        ("pl", "Spotkanie odbyło się w dniach 4–6 marca 2021 r. w ratuszu."): (
            "2021-03-04",
            "2021-03-06",
        ),
        ("cs", "Ve dnech 7.–9. 10. 2016 proběhl jarmark."): ("2016-10-07", "2016-10-09"),
        ("uk", "З 12 по 14 травня 2020 року тривав форум."): ("2020-05-12", "2020-05-14"),
        ("de", "Vom 2. bis 5. Juni 2019 tagte die Konferenz."): ("2019-06-02", "2019-06-05"),
        ("lt", "2021 m. rugsėjo 3–5 d. vyko mugė."): ("2021-09-03", "2021-09-05"),
        ("hu", "2020. március 9–11. között ülésezett a fórum."): ("2020-03-09", "2020-03-11"),
    }
    for (lang, text), expected in cases.items():
        start, end = find_dates_of_project(Doc(text, lang))
        assert start is not None and end is not None, text
        assert (start.data["date"], end.data["date"]) == expected, text


def test_a_single_day_or_a_backwards_range_is_no_period() -> None:
    assert find_dates_of_project(Doc("Dne 12. května 2022 se konal výlet.", "cs")) == (None, None)
    assert find_dates_of_project(Doc("Numer 25-3 maja 2020 r.", "pl")) == (None, None)


def _period(text: str, lang: str) -> tuple[str | None, str | None]:
    start, end = find_dates_of_project(Doc(text, lang))
    return (start.data["date"] if start else None, end.data["date"] if end else None)


def test_month_first_dates_in_english() -> None:
    assert _period("Start date: Oct 31, 2014, End date: Oct 30, 2015", "en") == (
        "2014-10-31",
        "2015-10-30",
    )


def test_a_range_of_months_with_one_year() -> None:
    text = "Zadanie realizowaliśmy od kwietnia do listopada 2022 roku."
    assert _period(text, "pl") == ("2022-04", "2022-11")


def test_a_range_of_years_after_a_period_cue_but_not_a_programmes() -> None:
    assert _period("Obec realizovala v letech 2020–2021 projekt.", "cs") == ("2020", "2021")
    assert _period("Laufzeit: 2019 – 2021", "de") == ("2019", "2021")
    assert _period("Programové období: 2014-2020", "cs") == (None, None)


def test_a_year_alone_under_a_period_label() -> None:
    assert _period("Įgyvendinimo laikotarpis: 2018 m.\n", "lt") == ("2018", "2018")


def test_a_label_inside_a_word_is_no_label() -> None:
    """`Įgyvendinimo` contains `end`; the date after it is no end."""
    text = "Įgyvendinimo laikotarpis: 2017-10-01 – 2019-09-30"
    assert _period(text, "lt") == ("2017-10-01", "2019-09-30")


# made-up sentences, one per way the corpus languages write a period, an event's day or a
# year; written from how each language dates things, not from any page
PHRASED_PERIODS = [
    ("pl", "Projekt realizowany był od stycznia 2019 do grudnia 2020 r.", "2019-01", "2020-12"),
    (
        "pl",
        "Okres realizacji projektu: 1 lipca 2016 r. – 30 czerwca 2017 r.",
        "2016-07-01",
        "2017-06-30",
    ),
    (
        "pl",
        "Projekt będzie realizowany w okresie 01.03.2018–31.08.2019.",
        "2018-03-01",
        "2019-08-31",
    ),
    ("pl", "Termin realizacji: 2017–2018", "2017", "2018"),
    (
        "pl",
        "Projekt rozpoczął się w marcu 2021 r. i potrwa do końca czerwca 2022 r.",
        "2021-03",
        "2022-06",
    ),
    ("pl", "Spotkanie odbyło się 12 maja 2019 r. w sali gminy.", None, None),
    (
        "uk",
        "Проєкт триватиме з 1 березня 2019 року по 28 лютого 2021 року.",
        "2019-03-01",
        "2021-02-28",
    ),
    ("uk", "Термін реалізації: 01.02.2018 – 31.01.2020", "2018-02-01", "2020-01-31"),
    ("uk", "Проєкт реалізовувався протягом 2019–2020 років.", "2019", "2020"),
    ("uk", "Захід відбувся 15 вересня 2020 року у громаді.", None, None),
    ("cs", "Projekt probíhá od 1. 9. 2017 do 31. 8. 2018.", "2017-09-01", "2018-08-31"),
    ("cs", "Doba realizace: 01/2019 – 12/2020", "2019-01", "2020-12"),
    ("cs", "Akce se konala ve dnech 3.–5. června 2019 v Opavě.", "2019-06-03", "2019-06-05"),
    ("cs", "Realizace projektu: leden 2018 – prosinec 2019", "2018-01", "2019-12"),
    ("sk", "Projekt trval od 1. júna 2018 do 31. mája 2019.", "2018-06-01", "2019-05-31"),
    ("sk", "Obdobie realizácie: 07/2017 – 06/2018", "2017-07", "2018-06"),
    ("sk", "Termín realizácie projektu: september 2018 – august 2019", "2018-09", "2019-08"),
    (
        "lt",
        "Projekto įgyvendinimo laikotarpis: 2018 m. gegužės 1 d. – 2019 m. balandžio 30 d.",
        "2018-05-01",
        "2019-04-30",
    ),
    ("lt", "Projekto trukmė: 2017-09-01 – 2018-08-31", "2017-09-01", "2018-08-31"),
    ("lt", "Projektas vykdomas nuo 2019 m. sausio iki 2020 m. gruodžio.", "2019-01", "2020-12"),
    ("lt", "Renginys vyko 2019 m. birželio 14 d. Pagėgiuose.", None, None),
    (
        "hu",
        "A projekt időtartama: 2018. március 1. – 2019. február 28.",
        "2018-03-01",
        "2019-02-28",
    ),
    ("hu", "Megvalósítás: 2017.09.01–2018.08.31", "2017-09-01", "2018-08-31"),
    ("hu", "A rendezvényre 2019. június 14-én került sor.", None, None),
    ("hu", "A projekt 2019 januárjától 2020 decemberéig tart.", "2019-01", "2020-12"),
    (
        "de",
        "Das Projekt läuft vom 1. März 2018 bis zum 28. Februar 2019.",
        "2018-03-01",
        "2019-02-28",
    ),
    ("de", "Laufzeit: 01.03.2018 – 28.02.2019", "2018-03-01", "2019-02-28"),
    ("de", "Projektzeitraum: März 2018 bis Februar 2019", "2018-03", "2019-02"),
    ("en", "The project runs from March 2018 to February 2019.", "2018-03", "2019-02"),
    ("en", "Duration: 1 March 2018 – 28 February 2019", "2018-03-01", "2019-02-28"),
    ("en", "Project period: 03/2018 - 02/2019", "2018-03", "2019-02"),
    ("en", "Implementation: 1 September 2016 to 31 August 2018", "2016-09-01", "2018-08-31"),
    ("en", "The festival took place on 14–16 June 2019 in Uzhhorod.", "2019-06-14", "2019-06-16"),
    (
        "pl",
        "Opublikowano: 14.03.2022\n\nSpotkanie partnerów odbyło się w piątek w urzędzie.",
        None,
        None,
    ),
    (
        "pl",
        "Warsztaty odbyły się od 13 do 20 września 2024 r. w Przemyślu.",
        "2024-09-13",
        "2024-09-20",
    ),
    ("cs", "Setkání proběhlo od 18. do 19. srpna 2017 v Třinci.", "2017-08-18", "2017-08-19"),
    ("en", "The camp ran from 14 to 16 June 2019 in Sanok.", "2019-06-14", "2019-06-16"),
    ("en", "The workshops were held between 3 and 5 May 2018.", "2018-05-03", "2018-05-05"),
    ("en", "The fair took place on May 3–5, 2018 in Rzeszów.", "2018-05-03", "2018-05-05"),
    ("hu", "A fesztivált 2019. június 14–16. között rendezték meg.", "2019-06-14", "2019-06-16"),
    ("lt", "Stovykla vyko 2019 m. birželio 14–16 d. Birštone.", "2019-06-14", "2019-06-16"),
    ("pl", "Zawody rozegrano 12–14.06.2019 na stadionie.", "2019-06-12", "2019-06-14"),
    ("pl", "Projekt realizowano w 2021 roku wspólnie z partnerami.", "2021", "2021"),
    ("uk", "У 2021 році громада реалізувала проєкт разом із партнерами.", "2021", "2021"),
    ("cs", "Projekt byl realizován v roce 2019.", "2019", "2019"),
    ("de", "Das Projekt wurde 2019 umgesetzt.", "2019", "2019"),
    ("en", "The project was implemented in 2020 with partners from Lviv.", "2020", "2020"),
    ("sk", "Podujatie sa uskutočnilo 22. mája 2018 v Prešove.", None, None),
    ("de", "Die Begegnung fand am 12. Mai 2019 in Görlitz statt.", None, None),
    (
        "uk",
        "Проєкт стартував у квітні 2019 року і завершився у грудні 2020 року.",
        "2019-04",
        "2020-12",
    ),
    ("cs", "Projekt byl zahájen 1. 3. 2019 a ukončen 28. 2. 2021.", "2019-03-01", "2021-02-28"),
    (
        "lt",
        "Projektas prasidėjo 2019 m. kovo 1 d. ir baigėsi 2020 m. vasario 28 d.",
        "2019-03-01",
        "2020-02-28",
    ),
    ("en", "Programme period 2014-2020. The project started in May 2017.", "2017-05", None),
    ("pl", "Termin realizacji: III kwartał 2019 – IV kwartał 2020", "2019", "2020"),
    ("uk", "Термін реалізації проєкту: 2020-2021 рр.", "2020", "2021"),
    ("pl", "Czas trwania projektu: 01.10.2018 r. - 30.09.2020 r.", "2018-10-01", "2020-09-30"),
    ("de", "Laufzeit: 1.9.2016 – 31.8.2018", "2016-09-01", "2018-08-31"),
    ("cs", "Termín realizace: 1. 1. 2018 – 31. 12. 2018", "2018-01-01", "2018-12-31"),
    ("hu", "Projekt kezdete: 2018.03.01. Projekt vége: 2019.02.28.", "2018-03-01", "2019-02-28"),
    ("lt", "Pradžia: 2018-03-01. Pabaiga: 2019-02-28.", "2018-03-01", "2019-02-28"),
    ("sk", "Začiatok realizácie: 03/2018, Koniec realizácie: 02/2019", "2018-03", "2019-02"),
    ("uk", "Дата початку: 01.03.2018; дата закінчення: 28.02.2019", "2018-03-01", "2019-02-28"),
    ("de", "Projektbeginn: 01.03.2018, Projektende: 28.02.2019", "2018-03-01", "2019-02-28"),
    ("pl", "Projekt realizowany w roku szkolnym 2019/2020.", "2019", "2020"),
    ("hu", "A projekt 2019-ben valósult meg.", "2019", "2019"),
    ("de", "Das Projekt lief von 2017 bis 2019.", "2017", "2019"),
    ("en", "The project ran from 2017 to 2019.", "2017", "2019"),
]


@pytest.mark.parametrize(("lang", "sentence", "start", "end"), PHRASED_PERIODS)
def test_periods_as_each_language_phrases_them(
    lang: str, sentence: str, start: str | None, end: str | None
) -> None:
    found = find_dates_of_project(Doc(sentence, lang))
    assert tuple(i.data["date"] if i else None for i in found) == (start, end)
