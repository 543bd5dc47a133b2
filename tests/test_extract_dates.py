"""extract/dates: a project's start and end from a labelled or phrased period."""

from __future__ import annotations

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
