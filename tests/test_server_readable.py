"""server/readable: project, organisation and place pages a person reads, with the
statements one click away; on an extracted record, every value links to its span of the
highlighted source text."""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest
from flask.testing import FlaskClient

from coopkg.build.run import build
from coopkg.server import create_app
from coopkg.settings import Settings

from .conftest import copy_data

CZ_PL = "/id/project/urady-bez-hranic-96d247f0"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> FlaskClient:
    """A store where one document has no curated record, so its values carry spans."""
    data = copy_data(tmp_path_factory.mktemp("extracted"))
    for record in (data / "records").glob("003_*.json"):
        record.unlink()
    settings = Settings(data_dir=data, store=":memory:")
    db = ox.Store()
    build(settings, db=db)
    return create_app(settings, store=db).test_client()


def test_a_project_page_reads_as_a_page(client: FlaskClient) -> None:
    page = client.get(CZ_PL).data.decode()
    assert '<h1 lang="cs">Úřady bez hranic' in page
    assert "<th>Role</th>" in page and "Miasto Wodzisław Śląski" in page
    assert "23\u202f725.48 EUR" in page and "85 %" in page
    assert "?view=triples" in page and "conforms to the shapes" in page
    raw = client.get(CZ_PL + "?view=triples").data.decode()
    assert "Referred to by" in raw or "coop:" in raw or "Turtle" in raw
    assert client.get(CZ_PL, headers={"Accept": "text/turtle"}).mimetype == "text/turtle"


def test_values_link_to_their_marked_source_text(extracted: FlaskClient) -> None:
    page = extracted.get(CZ_PL).data.decode()
    marks = dict(re.findall(r'<mark id="(ev-\d+)"[^>]*>([^<]*)</mark>', page))
    links = re.findall(r'href="#(ev-\d+)"', page)
    assert marks and links and set(links) <= set(marks)
    assert any("EUR" in text or "23" in text for text in marks.values())


def test_organisation_and_place_pages(client: FlaskClient) -> None:
    org = client.get("/id/organisation/miasto-wodzislaw-slaski-7d1fc81c").data.decode()
    assert "Partners over time" in org and "Úřady bez hranic" in org
    place = client.get("/id/place/ostrava-jih-33ee07c2").data.decode()
    assert "Projects here and in places within" in place and "Úřady bez hranic" in place
    assert "/map/data.json?place=" in place.replace("&amp;", "&")
