"""The offline HTML page (`tip export --format html`), opened in a real browser: Debian's
Chromium, driven headless by Playwright, from a file:// URL with every other request
blocked. Its search must give exactly the hits `tip search --json` gives."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, app, invoke

CHROMIUM = Path("/usr/bin/chromium")
TIP = Path(sys.executable).with_name("tip")
QUESTIONS = json.loads((REPO / "tests" / "search_questions.json").read_text())
# Queries that try the query side's corners: stopwords only, word forms, typos, case
# folding beyond lowercase, names with a slash, numbers, punctuation, nothing at all.
EDGE_QUERIES = [
    "victim services",
    "T visa",
    "t visas",
    "the",
    "The of and",
    "children",
    "CHILD",
    "certifications",
    "forced labor",
    "task forces",
    "G/TIP",
    "gtip",
    "vsia",
    "trafficing",
    "continued presence",
    "Rescue and Restore",
    "human trafficking hotline",
    "1-888-3737-888",
    "2019",
    "SPOG committees",
    "STRASSE straße",
    "ÉDUCATION",
    "  spaced   out  ",
    "visa,",
    "xyzzy",
    "!!!",
    "prosecution prosecutions prosecuting",
    "department of homeland security",
    "DHS ICE",
    "labour",
]


def _page_text(runner: CliRunner, tmp_path: Path) -> str:
    target = tmp_path / "tip.html"
    result = invoke(runner, "export", "--format", "html", "--output", str(target))
    assert result.exit_code == 0, result.output
    return target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled directory's page, written by the installed `tip` as a user would."""
    target = tmp_path_factory.mktemp("page") / "tip.html"
    subprocess.run(
        [str(TIP), "export", "--format", "html", "--output", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return target


def _cli_hits(query: str) -> list[tuple[str, str]] | str:
    """What `tip search QUERY --json` gives, every hit: (kind, id) pairs, or the exit
    code's meaning where it finds nothing."""
    result = CliRunner().invoke(app, ["search", query, "--json", "--limit", "100000"])
    if result.exit_code == 1:
        return "nothing"
    if result.exit_code == 2:
        return "no words"
    assert result.exit_code == 0, result.output
    return [(hit["kind"], hit["id"]) for hit in json.loads(result.stdout)]


# Static checks of the file ----------------------------------------------------------


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.tel: list[str] = []
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.append(str(found["id"]))
        href = found.get("href") or ""
        if tag == "a" and href.startswith("tel:"):
            self.tel.append(href)
        if tag == "script":
            self.scripts.append(found)


def test_the_page_has_no_way_to_reach_the_network_or_another_file(page_file: Path) -> None:
    text = page_file.read_text(encoding="utf-8")
    for banned in ("fetch", "xmlhttprequest", "worker", "import(", "<script src", "<link"):
        assert banned not in text.casefold(), banned
    elements = _Elements()
    elements.feed(text)
    assert all("src" not in script for script in elements.scripts)
    assert "http://" not in text and "https://" not in text


def test_every_entity_is_an_element_with_its_id(page_file: Path, raw: dict[str, Any]) -> None:
    elements = _Elements()
    elements.feed(page_file.read_text(encoding="utf-8"))
    assert len(elements.ids) == len(set(elements.ids)), "an id is used twice"
    wanted = {
        entry["id"]
        for table in ("organisations", "programs", "hotlines", "laws")
        for entry in raw[table]
    }
    assert wanted - set(elements.ids) == set()
    assert {f"source--{s['id']}" for s in raw["sources"]} <= set(elements.ids)


def test_every_hotline_number_dials(page_file: Path, raw: dict[str, Any]) -> None:
    elements = _Elements()
    elements.feed(page_file.read_text(encoding="utf-8"))
    dialable = {entry["dialable"] for entry in json.loads(_hotlines_json())}
    assert {f"tel:{number}" for number in dialable} <= set(elements.tel)


def _hotlines_json() -> str:
    result = CliRunner().invoke(app, ["hotline", "--json"])
    assert result.exit_code == 0
    return result.stdout


def test_the_same_directory_gives_the_same_page(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    assert _page_text(runner, tmp_path / "one") == _page_text(runner, tmp_path / "two")


def test_the_committed_page_is_what_the_tool_writes_now(page_file: Path) -> None:
    committed = REPO / "docs" / "tip.html"
    assert committed.read_text(encoding="utf-8") == page_file.read_text(encoding="utf-8"), (
        "docs/tip.html is stale: run  tip export --format html --output docs/tip.html"
    )


def test_html_export_to_stdout_and_with_table_is_refused(runner: CliRunner) -> None:
    result = invoke(runner, "export", "--format", "html")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>")
    refused = invoke(runner, "export", "--format", "html", "--table", "hotlines")
    assert refused.exit_code == 2
    assert "--table goes with --format csv" in refused.output


def test_a_data_text_cannot_close_the_script(
    runner: CliRunner, tmp_path: Path, raw: dict[str, Any], write_toml: Any
) -> None:
    """A statement that says </script> or <!-- is shown as text, not run."""
    raw["organisations"][0]["summary"] = "Ends here </script><script>alert(1)</script> <!--"
    path = write_toml(raw)
    target = tmp_path / "page.html"
    result = invoke(runner, "--data", str(path), "export", "-f", "html", "-o", str(target))
    assert result.exit_code == 0, result.output
    text = target.read_text(encoding="utf-8")
    assert text.count("<script") == 2
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in text


# In the browser ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or shutil.which("chromium") is None:
        if os.environ.get("CI"):
            pytest.fail("CI must install Debian's chromium for the page tests")
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield launched
        launched.close()


class Opened:
    """A page opened from its file, with every request other than the file itself
    refused and recorded, and every script error kept."""

    def __init__(self, browser: Any, path: Path, javascript: bool = True) -> None:
        self.context = browser.new_context(java_script_enabled=javascript)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.url = path.as_uri()

        def route(route: Any) -> None:
            self.requests.append(route.request.url)
            if route.request.url == self.url:
                route.continue_()
            else:
                route.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(self.url)

    def search(self, query: str) -> list[tuple[str, str]]:
        """Type a query as a person would, and read every hit the page then shows."""
        self.page.fill("#search", query)
        more = self.page.locator("#search-more button")
        if more.count():
            more.click()
        pairs = self.page.eval_on_selector_all(
            "#hits > *", "hits => hits.map(h => [h.dataset.kind, h.dataset.id])"
        )
        return [(str(kind), str(entity_id)) for kind, entity_id in pairs]


@pytest.fixture(scope="module")
def opened(browser: Any, page_file: Path) -> Iterator[Opened]:
    session = Opened(browser, page_file)
    yield session
    session.context.close()


def test_the_page_opens_with_no_request_and_no_error(opened: Opened) -> None:
    assert opened.requests == [opened.url]
    assert opened.errors == []


def test_the_search_box_is_visible_labelled_and_its_results_empty(opened: Opened) -> None:
    box = opened.page.locator('input[type="search"]')
    assert box.is_visible()
    assert opened.page.get_by_label("Search the directory").count() == 1
    results = opened.page.locator("#" + str(box.get_attribute("aria-controls")))
    opened.page.fill("#search", "")
    assert results.count() == 1
    assert results.inner_html() == ""


@pytest.mark.parametrize(
    "query", [q["query"] for q in QUESTIONS] + EDGE_QUERIES, ids=lambda q: q[:30]
)
def test_the_page_finds_what_tip_search_finds(opened: Opened, query: str) -> None:
    wanted = _cli_hits(query)
    shown = opened.search(query)
    status = opened.page.inner_text("#search-status")
    if wanted == "nothing":
        assert shown == []
        assert "Nothing matches" in status
    elif wanted == "no words":
        assert shown == []
        assert "no letters or digits" in status
    else:
        assert shown == wanted


def test_a_long_result_shows_twenty_then_all(opened: Opened) -> None:
    every = _cli_hits("trafficking")
    assert isinstance(every, list) and len(every) > 20
    opened.page.fill("#search", "trafficking")
    assert opened.page.locator("#hits > *").count() == 20
    assert f"Showing 20 of {len(every)} hits" in opened.page.inner_text("#search-status")
    opened.page.click("#search-more button")
    assert opened.page.locator("#hits > *").count() == len(every)


def test_a_corrected_word_is_said(opened: Opened) -> None:
    opened.search("trafficing")
    assert "searched for 'trafficking' instead" in opened.page.inner_text("#search-status")


def test_a_link_opens_a_card(browser: Any, page_file: Path) -> None:
    session = Opened(browser, page_file)
    try:
        session.page.goto(page_file.as_uri() + "#dhs-ice")
        card = session.page.locator("#dhs-ice")
        assert card.is_visible()
        assert card.evaluate("e => e.getBoundingClientRect().top") < 50
        assert "Bureau of Immigration and Customs Enforcement" in card.inner_text()
    finally:
        session.context.close()


def test_readable_without_javascript(browser: Any, page_file: Path) -> None:
    session = Opened(browser, page_file, javascript=False)
    try:
        page = session.page
        assert page.locator("#t-visa").is_visible()
        assert "T visa" in page.locator("#t-visa").inner_text()
        assert "tipr-2005" in page.locator("#t-visa").inner_text()
        assert not page.locator("#search").is_visible()
        assert page.locator("#source--pitf-2019").is_visible()
    finally:
        session.context.close()


def test_the_keyboard_reaches_the_search_and_a_hit(browser: Any, page_file: Path) -> None:
    session = Opened(browser, page_file)
    try:
        page = session.page
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the directory"
        page.keyboard.press("/")
        assert page.evaluate("document.activeElement.id") == "search"
        page.keyboard.type("national human trafficking hotline")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#nhth"
        page.keyboard.press("Enter")
        assert page.evaluate("location.hash") == "#nhth"
    finally:
        session.context.close()


def test_printing_leaves_out_the_search(browser: Any, page_file: Path) -> None:
    session = Opened(browser, page_file)
    try:
        page = session.page
        page.emulate_media(media="print")
        assert not page.locator("#search").is_visible()
        assert not page.locator("nav").is_visible()
        assert page.locator("#dhs").is_visible()
    finally:
        session.context.close()


def test_headings_come_in_order(opened: Opened) -> None:
    levels = opened.page.evaluate(
        "[...document.querySelectorAll('h1,h2,h3,h4,h5,h6')].map(h => +h.tagName[1])"
    )
    assert levels[0] == 1 and levels.count(1) == 1
    jumps = [(a, b) for a, b in itertools.pairwise(levels) if b > a + 1]
    assert jumps == []


def test_no_accessibility_violations(opened: Opened) -> None:
    """axe-core's WCAG 2 A and AA rules, contrast among them, on the page with a search
    shown."""
    from axe_playwright_python.sync_playwright import Axe

    opened.page.emulate_media(media="screen")
    opened.page.fill("#search", "victim services")
    results = Axe().run(opened.page, options={"runOnly": ["wcag2a", "wcag2aa"]})
    assert results.violations_count == 0, results.generate_report()
