"""The figures behind the charts of a list of projects, each as a table that is also
offered as CSV:

- `budget`: total budgets by programme and start year, one series per currency (amounts
  in different currencies are never added together: no rate is assumed);
- `pairs`: projects per pair of partner countries (partners from two different
  countries; a project with partners from three countries counts for three pairs);
- `outcomes`: per outcome unit, the planned and the achieved values summed over the
  projects, with how many projects state each (a project may state overlapping figures,
  e.g. participants and participants of one group: the sums are of what is stated).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from .table import Row, Table

CHARTS = ("budget", "pairs", "outcomes")


@dataclass
class Chart:
    name: str
    title: str
    columns: list[str]
    rows: list[list[str | int | float]]
    note: str = ""

    def csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        writer.writerows(self.rows)
        return out.getvalue()

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "title": self.title,
            "columns": self.columns,
            "rows": self.rows,
            "note": self.note,
        }


def budget(rows: list[Row], table: Table) -> Chart:
    sums: dict[tuple[str, str, str], float] = defaultdict(float)
    counts: dict[tuple[str, str, str], int] = defaultdict(int)
    labels = table.labels.get("programme", {})
    for row in rows:
        if row.budget is None:
            continue
        programme = labels.get(row.programme or "", "") if row.programme else "(no programme)"
        year = row.start[:4] if row.start else "(no start date)"
        key = (row.currency or "(no currency)", programme, year)
        sums[key] += row.budget
        counts[key] += 1
    return Chart(
        "budget",
        "Total budget by programme and start year, per currency",
        ["currency", "programme", "start_year", "budget", "projects"],
        [[*key, round(sums[key], 2), counts[key]] for key in sorted(sums)],
        "Each project counts in the year it starts; currencies are never added together.",
    )


def pairs(rows: list[Row]) -> Chart:
    counter: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        for a, b in combinations(sorted(row.values.get("country", set())), 2):
            counter[(a, b)] += 1
    ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
    return Chart(
        "pairs",
        "Projects by pair of partner countries",
        ["country_a", "country_b", "projects"],
        [[a, b, n] for (a, b), n in ordered],
        "Partners from two different countries; a project with three countries counts for"
        " three pairs.",
    )


def outcomes(rows: list[Row]) -> Chart:
    values: dict[tuple[str, bool], float] = defaultdict(float)
    projects: dict[tuple[str, bool], set[str]] = defaultdict(set)
    for row in rows:
        for outcome in row.outcomes:
            key = (outcome.unit, outcome.achieved)
            values[key] += outcome.value
            projects[key].add(row.iri)
    units = sorted({unit for unit, _ in values})
    return Chart(
        "outcomes",
        "Planned and achieved outcomes by unit",
        ["unit", "planned", "achieved", "projects_planned", "projects_achieved"],
        [
            [
                unit.replace("_", " "),
                round(values.get((unit, False), 0.0), 2),
                round(values.get((unit, True), 0.0), 2),
                len(projects.get((unit, False), set())),
                len(projects.get((unit, True), set())),
            ]
            for unit in units
        ],
        "Sums of the values projects state; a project may state overlapping figures.",
    )


def chart(name: str, rows: list[Row], table: Table) -> Chart:
    if name == "budget":
        return budget(rows, table)
    if name == "pairs":
        return pairs(rows)
    if name == "outcomes":
        return outcomes(rows)
    raise KeyError(name)
