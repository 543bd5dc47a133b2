"""server/maps: `/map` and its data — regions with the counts the list gives, points at
places, links from a region to the narrowed list, CSV of the figures, and client
mistakes answered with 400."""

from __future__ import annotations

import csv
import io
from urllib.parse import unquote

import pytest
from flask.testing import FlaskClient

from coopkg.geo import boundaries

from .conftest import missing


@pytest.fixture(autouse=True)
def _needs_boundaries() -> None:
    if not boundaries.installed():
        missing("the map boundaries are installed by scripts/install")


def test_region_counts_are_what_the_narrowed_list_gives(client: FlaskClient) -> None:
    for level in (2, 3):
        data = client.get(f"/map/data.json?level={level}").get_json()
        assert data["projects"] == 5 and data["boundaries"] is True
        busy = [f for f in data["regions"]["features"] if f["properties"]["projects"]]
        assert busy and all(len(f["id"]) == level + 2 for f in busy)
        for feature in busy:
            link = feature["properties"]["list"]
            assert link.startswith("/projects?") and f"nuts={feature['id']}" in unquote(link)
            listed = client.get(link + "&format=json").get_json()["total"]
            assert listed == feature["properties"]["projects"], feature["id"]


def test_the_map_follows_the_facets_and_keeps_them_in_its_links(client: FlaskClient) -> None:
    data = client.get("/map/data.json?country=CZ").get_json()
    assert data["projects"] == 1
    busy = {f["id"] for f in data["regions"]["features"] if f["properties"]["projects"]}
    assert "CZ08" in busy and "PL81" not in busy
    link = next(f for f in data["regions"]["features"] if f["id"] == "CZ08")["properties"]["list"]
    assert "country=CZ" in link


def test_points_link_to_their_places_and_projects(client: FlaskClient) -> None:
    data = client.get("/map/data.json").get_json()
    rzeszow = next(p for p in data["points"] if p["label"] == "Rzeszów")
    assert rzeszow["href"].startswith("/id/place/") and 49 < rzeszow["lat"] < 51
    assert all(p["href"].startswith("/id/project/") for p in rzeszow["projects"])
    assert data["countries"].endswith(boundaries.COUNTRIES_FILE)


def test_one_project_or_one_place(client: FlaskClient) -> None:
    everything = client.get("/map/data.json").get_json()
    project = everything["points"][0]["projects"][0]["id"]
    one = client.get("/map/data.json", query_string={"project": project}).get_json()
    assert one["projects"] == 1
    town = everything["points"][0]
    here = client.get("/map/data.json", query_string={"place": town["place"]}).get_json()
    assert here["projects"] == len(town["projects"])
    # a country's map holds the projects in every place within it
    country = "https://w3id.org/coopkg/id/place/country-ua"
    assert client.get("/map/data.json", query_string={"place": country}).get_json()["projects"] == 1


def test_figures_as_csv(client: FlaskClient) -> None:
    text = client.get("/map/regions.csv?level=2").data.decode()
    table = list(csv.DictReader(io.StringIO(text)))
    silesia = next(r for r in table if r["nuts"] == "PL22")
    assert silesia["name"] == "Śląskie" and silesia["projects"] == "2"
    assert "budget_PLN" in table[0] and "budget_EUR" in table[0]


def test_the_page_draws_with_the_installed_library(client: FlaskClient) -> None:
    page = client.get("/map?country=PL").data.decode()
    assert "vendor/leaflet/leaflet.js" in page and "/map/data.json?country=PL" in page
    assert "cdn" not in page.lower()


def test_client_mistakes(client: FlaskClient) -> None:
    for bad in ("level=4", "level=x", "nuts=P", "project=not%20an%20iri", "place=<>"):
        r = client.get(f"/map/data.json?{bad}")
        assert r.status_code == 400, bad
    assert client.get("/map?level=1").status_code == 400
