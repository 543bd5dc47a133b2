"""server/charts: each chart's figures as JSON and as the same CSV, for a view of
/projects or for one organisation, place or programme; unknown charts are 404, bad
parameters 400."""

from __future__ import annotations

import csv
import io

from flask.testing import FlaskClient

ID = "https://w3id.org/coopkg/id/"


def test_csv_and_json_give_the_same_figures(client: FlaskClient) -> None:
    for name in ("budget", "pairs", "outcomes"):
        data = client.get(f"/charts/{name}.json").get_json()
        table = list(csv.reader(io.StringIO(client.get(f"/charts/{name}.csv").data.decode())))
        assert table[0] == data["columns"] and len(table) - 1 == len(data["rows"])
    pairs = client.get("/charts/pairs.json").get_json()["rows"]
    assert ["CZ", "PL", 1] in pairs and ["PL", "UA", 1] in pairs


def test_charts_follow_the_view_and_the_entity(client: FlaskClient) -> None:
    assert client.get("/charts/pairs.json?country=CZ").get_json()["rows"] == [["CZ", "PL", 1]]
    org = ID + "organisation/miasto-wodzislaw-slaski-7d1fc81c"
    one = client.get("/charts/budget.json", query_string={"organisation": org}).get_json()
    assert [r[0] for r in one["rows"]] == ["EUR"]
    ua = client.get("/charts/pairs.json", query_string={"place": ID + "place/country-ua"})
    assert ua.get_json()["rows"] == [["PL", "UA", 1]]


def test_pages_carry_the_charts_with_their_csv(client: FlaskClient) -> None:
    page = client.get("/projects?country=PL").data.decode()
    assert 'data-chart="budget"' in page and "/charts/pairs.csv?country=PL" in page
    programme = client.get("/id/programme/interreg-v-a-cesko-polsko-7a208ed5").data.decode()
    assert "2014TC16RFCB025" in programme and "/charts/outcomes.csv?programme=" in programme
    assert "vendor/chartjs/chart.umd.js" in programme


def test_client_mistakes(client: FlaskClient) -> None:
    assert client.get("/charts/pie.csv").status_code == 404
    assert client.get("/charts/pairs.json?organisation=not%20an%20iri").status_code == 400
    assert client.get("/charts/pairs.csv?year=20x4").status_code == 400
