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
