"""The query page in a real headless browser (Debian's Chromium driven by Selenium): a query is
typed into the editor and run, and the results table shows the projects."""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from werkzeug.serving import make_server

from coopkg.server import create_app
from coopkg.server.pages import has_editor
from coopkg.settings import Settings

from .conftest import missing

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(autouse=True)
def _needs_a_browser() -> None:
    if not (CHROMIUM and DRIVER):
        missing("Chromium and ChromeDriver are installed by scripts/install-browser")


@pytest.fixture()
def site(seed_store: ox.Store) -> Iterator[str]:
    app = create_app(Settings(store=":memory:"), store=seed_store)
    with app.app_context():
        if not has_editor():
            pytest.fail("the query editor is missing: scripts/install fetches it")
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def browser() -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp()
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        "--window-size=1280,1000",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(DRIVER)), options=options)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def test_a_query_typed_into_the_editor_runs_and_shows_results(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(site + "/")
    wait = WebDriverWait(browser, 20)
    editor = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, ".yasqe .CodeMirror")))
    # type a new query the way a person does: click into the editor, select all, type
    editor.click()
    area = browser.switch_to.active_element
    area.send_keys(Keys.CONTROL, "a")
    area.send_keys(Keys.DELETE)
    query = (
        "PREFIX coop: <https://w3id.org/coopkg/ontology#>\n"
        "SELECT ?code (COUNT(?p) AS ?projects) WHERE { ?p coop:fundedBy ?f "
        'BIND(STRAFTER(STR(?f), "fund-") AS ?code) } GROUP BY ?code ORDER BY ?code'
    )
    area.send_keys(query)
    typed = browser.execute_script("return yasgui.getTab().getQuery();")
    assert "COUNT(?p)" in typed
    browser.find_element(By.CSS_SELECTOR, ".yasqe_queryButton").click()
    wait.until(lambda d: len(d.find_elements(By.CSS_SELECTOR, ".yasr table tbody tr")) >= 2)
    cells = [c.text for c in browser.find_elements(By.CSS_SELECTOR, ".yasr table tbody td")]
    assert "ERDF" in " ".join(cells) and "ESF" in " ".join(cells)
    # the page address now carries the query: a permalink
    assert "query=" in browser.current_url


def test_a_named_query_page_shows_a_table_with_links(site: str, browser) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(site + "/queries/projects-active-in-year")
    field = browser.find_element(By.NAME, "year")
    field.clear()
    field.send_keys("2024")
    browser.find_element(By.CSS_SELECTOR, "form.params button").click()
    # the click starts a page load: wait for the new page, not the one still showing
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda b: "year=2024" in b.current_url)
    WebDriverWait(browser, 10).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    )
    rows = browser.find_elements(By.CSS_SELECTOR, "table.results tbody tr")
    assert len(rows) == 1 and "Synergi@" in rows[0].text
    link = rows[0].find_element(By.TAG_NAME, "a").get_attribute("href")
    assert link and link.startswith(site + "/id/project/")


def _shot(browser, name: str, folder: Path) -> None:  # type: ignore[no-untyped-def]
    """A full-page screenshot, into the test's folder and, when COOPKG_SCREENSHOTS names
    a folder (scripts/screenshots sets docs/screenshots), there too."""
    height = browser.execute_script("return document.body.scrollHeight")
    browser.set_window_size(1280, min(max(height + 40, 800), 3000))
    path = folder / f"{name}.png"
    browser.save_screenshot(str(path))
    target = os.environ.get("COOPKG_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)
    browser.set_window_size(1280, 1000)


def test_search_narrow_by_two_facets_map_and_click_a_region(  # type: ignore[no-untyped-def]
    site: str, browser, tmp_path: Path
) -> None:
    """The front door as a researcher uses it: words typed on the home page, the list
    narrowed by country and year, the map opened, a region clicked, the list of its
    projects reached."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait

    wait = WebDriverWait(browser, 20)
    browser.get(site + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    _shot(browser, "home", tmp_path)
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("miasto", Keys.ENTER)
    wait.until(ec.presence_of_element_located((By.ID, "search-count")))
    assert browser.find_elements(By.CSS_SELECTOR, "ol.hits li")
    _shot(browser, "search", tmp_path)
    browser.find_element(By.ID, "to-projects").click()
    wait.until(ec.presence_of_element_located((By.ID, "project-count")))

    def count() -> int:
        return int(browser.find_element(By.CSS_SELECTOR, "#project-count strong").text)

    assert count() == 3
    for facet, value, expected in (("country", "PL", 3), ("year", "2014", 2)):
        link = browser.find_element(
            By.CSS_SELECTOR, f'section[data-facet="{facet}"] a[data-value="{value}"]'
        )
        link.click()
        wait.until(lambda b, f=facet, v=value: f"{f}={v}" in b.current_url)
        assert count() == expected, (facet, value)
    wait.until(
        lambda b: all(
            f.get_attribute("data-ready") for f in b.find_elements(By.CSS_SELECTOR, "figure")
        )
    )
    _shot(browser, "projects", tmp_path)

    browser.find_element(By.ID, "on-map").click()
    wait.until(lambda b: b.find_element(By.ID, "map").get_attribute("data-ready") == "true")
    busy = [
        r
        for r in browser.find_elements(By.CSS_SELECTOR, "path.nuts-region")
        if int(r.get_attribute("data-projects") or 0) > 0
    ]
    # the list's two projects take place in two NUTS 2 regions, drawn in view
    assert {r.get_attribute("data-nuts") for r in busy} == {"PL22", "PL82"}
    region = next(r for r in busy if r.get_attribute("data-nuts") == "PL22")
    _shot(browser, "map", tmp_path)
    # a pointer click in the region's drawn area, as a person clicks it
    ActionChains(browser).move_to_element(region).click().perform()
    wait.until(lambda b: "nuts=PL22" in b.current_url)
    assert "country=PL" in browser.current_url and "year=2014" in browser.current_url
    titles = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "table.results tbody a")]
    assert count() == 1 and titles[0].startswith("Wspólnie znaczy lepiej")

    # the project's own page, as a person reads it
    browser.find_element(By.CSS_SELECTOR, "table.results tbody a").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.project")))
    assert "Outcomes: planned and achieved" in browser.page_source
    wait.until(lambda b: b.find_element(By.ID, "small-map").get_attribute("data-ready"))
    _shot(browser, "project", tmp_path)

    # one of its places, with the projects in and below it
    browser.find_element(By.PARTIAL_LINK_TEXT, "województwo śląskie").click()
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "article.place")))
    wait.until(lambda b: b.find_element(By.ID, "small-map").get_attribute("data-ready"))
    assert "Projects here and in places within" in browser.page_source
    _shot(browser, "place", tmp_path)
