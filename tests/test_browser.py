"""The query page in a real headless browser (Debian's Chromium driven by Selenium): a query is
typed into the editor and run, and the results table shows the projects."""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Iterator

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
