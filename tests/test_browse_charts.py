"""browse/charts: budgets by programme and year kept per currency, partnerships counted
per country pair, planned and achieved outcomes summed per unit, each as CSV."""

from __future__ import annotations

import csv
import io

from coopkg.browse.charts import budget, chart, outcomes, pairs
from coopkg.browse.table import Outcome, Row, Table


def _row(
    iri: str,
    start: str | None = None,
    programme: str | None = None,
    budget: float | None = None,
    currency: str | None = None,
    countries: tuple[str, ...] = (),
    outcomes: tuple[Outcome, ...] = (),
) -> Row:
    row = Row(iri, iri, start=start, programme=programme, budget=budget, currency=currency)
    row.values["country"] = set(countries)
    row.outcomes = list(outcomes)
    return row


ROWS = [
    _row(
        "a", start="2014-01-01", programme="P", budget=100.0, currency="PLN", countries=("PL", "UA")
    ),
    _row("b", start="2014-05-01", programme="P", budget=50.0, currency="PLN", countries=("PL",)),
    _row(
        "c",
        start="2014-05-01",
        programme="P",
        budget=10.0,
        currency="EUR",
        countries=("CZ", "PL", "SK"),
    ),
    _row(
        "d",
        start=None,
        programme=None,
        budget=7.0,
        currency="EUR",
        outcomes=(
            Outcome("person", False, 20),
            Outcome("person", True, 25),
            Outcome("event", True, 1),
        ),
    ),
    _row("e", outcomes=(Outcome("person", False, 5),)),
]
TABLE = Table(ROWS, {"programme": {"P": "Programme P"}})


def test_budgets_are_summed_within_a_currency_only() -> None:
    rows = budget(ROWS, TABLE).rows
    assert ["EUR", "Programme P", "2014", 10.0, 1] in rows
    assert ["PLN", "Programme P", "2014", 150.0, 2] in rows
    assert ["EUR", "(no programme)", "(no start date)", 7.0, 1] in rows
    assert len(rows) == 3


def test_pairs_count_each_two_countries_of_a_project() -> None:
    assert pairs(ROWS).rows == [["CZ", "PL", 1], ["CZ", "SK", 1], ["PL", "SK", 1], ["PL", "UA", 1]]


def test_planned_and_achieved_by_unit() -> None:
    assert outcomes(ROWS).rows == [["event", 0.0, 1.0, 0, 1], ["person", 25.0, 25.0, 2, 1]]


def test_csv_has_the_columns_and_rows_of_the_chart() -> None:
    figures = chart("pairs", ROWS, TABLE)
    table = list(csv.reader(io.StringIO(figures.csv())))
    assert table[0] == figures.columns and len(table) == 1 + len(figures.rows)
