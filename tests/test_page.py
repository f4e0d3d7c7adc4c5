"""The offline HTML page (`tip export --format html`), opened in a real browser: Debian's
Chromium, driven headless by Playwright, from a file:// URL with every other request
blocked. Its search must give exactly the hits `tip search --json` gives."""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, SMALL, app, invoke

CHROMIUM = Path("/usr/bin/chromium")
BOX = 'input[type="search"]'
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
    # Whitespace Python splits on and a browser does not, and the other way round; a
    # word glued to punctuation; letters newer than Python's Unicode tables.
    "adoptqed\x1f",
    "adoptqed\x85",
    "\ufeffadoptqed",
    "stateies\x85",
    "stateies,",
    "trafficing/labor",
    "human trafficking hotline \ua7cb",
    "trafficking \U0002ebf0",
    "___",
    "&",
    "\u338f",
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


def _cli_error(query: str) -> str:
    return CliRunner().invoke(app, ["search", query]).stderr


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
        self.page.fill(BOX, query)
        more = self.page.locator("#tip--more button")
        if more.count():
            more.click()
        pairs = self.page.eval_on_selector_all(
            "#tip--hits > *", "hits => hits.map(h => [h.dataset.kind, h.dataset.id])"
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
    opened.page.fill(BOX, "")
    assert results.count() == 1
    assert results.inner_html() == ""


@pytest.mark.parametrize(
    "query", [q["query"] for q in QUESTIONS] + EDGE_QUERIES, ids=lambda q: q[:30]
)
def test_the_page_finds_what_tip_search_finds(opened: Opened, query: str) -> None:
    wanted = _cli_hits(query)
    shown = opened.search(query)
    status = opened.page.inner_text("#tip--status")
    if wanted == "nothing":
        assert shown == []
        assert "Nothing matches" in status
        common = "its words are too common to look for"
        assert (common in status) == (common in _cli_error(query))
    elif wanted == "no words":
        assert shown == []
        assert "no letters or digits" in status
    else:
        assert shown == wanted


def test_a_long_result_shows_twenty_then_all(opened: Opened) -> None:
    every = _cli_hits("trafficking")
    assert isinstance(every, list) and len(every) > 20
    opened.page.fill(BOX, "trafficking")
    assert opened.page.locator("#tip--hits > *").count() == 20
    assert f"Showing 20 of {len(every)} hits" in opened.page.inner_text("#tip--status")
    opened.page.click("#tip--more button")
    assert opened.page.locator("#tip--hits > *").count() == len(every)


def test_a_corrected_word_is_said(opened: Opened) -> None:
    opened.search("trafficing")
    assert "searched for 'trafficking' instead" in opened.page.inner_text("#tip--status")


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
        assert not page.locator(BOX).is_visible()
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
        assert page.evaluate("document.activeElement.type") == "search"
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
        assert not page.locator(BOX).is_visible()
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
    opened.page.fill(BOX, "victim services")
    results = Axe().run(opened.page, options={"runOnly": ["wcag2a", "wcag2aa"]})
    assert results.violations_count == 0, results.generate_report()


def test_no_entity_id_can_take_an_id_the_page_uses(browser: Any, tmp_path: Path) -> None:
    """Ids that a page of this kind might use for itself (its search box, its index, a
    heading) are valid entity ids: each still opens its own card, and search works."""
    text = SMALL.read_text(encoding="utf-8")
    renamed = {
        "helping-hands": "search-index",
        "helping-line": "search",
        "ribbon-campaign": "doa-title",
        "b-visa": "main",
        "itf-outreach": "hits",
    }
    for old, new in renamed.items():
        text = text.replace(f'"{old}"', f'"{new}"')
    data = tmp_path / "ids.toml"
    data.write_text(text, encoding="utf-8")
    target = tmp_path / "ids.html"
    result = CliRunner().invoke(
        app, ["--data", str(data), "export", "-f", "html", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    session = Opened(browser, target)
    try:
        page = session.page
        problems = page.evaluate(
            """ids => {
                const all = [...document.querySelectorAll("[id]")].map(e => e.id);
                const twice = all.filter((id, i) => all.indexOf(id) !== i);
                const cards = ids.filter(id => document.getElementById(id).tagName !== "ARTICLE");
                const dangling = [...document.querySelectorAll('a[href^="#"]')]
                    .map(a => a.getAttribute("href").slice(1))
                    .filter(id => id && !document.getElementById(id));
                return {twice, cards, dangling};
            }""",
            list(renamed.values()),
        )
        assert problems == {"twice": [], "cards": [], "dangling": []}
        assert session.search("ribbon") == _cli_hits_in(data, "ribbon")
        assert session.errors == []
    finally:
        session.context.close()


def _cli_hits_in(data: Path, query: str) -> list[tuple[str, str]]:
    result = CliRunner().invoke(app, ["--data", str(data), "search", query, "--json"])
    assert result.exit_code == 0, result.output
    return [(hit["kind"], hit["id"]) for hit in json.loads(result.stdout)]


def test_coming_back_to_the_page_shows_the_search_again(browser: Any, page_file: Path) -> None:
    session = Opened(browser, page_file)
    try:
        page = session.page
        page.fill(BOX, "T visa")
        page.goto("about:blank")
        page.go_back()
        page.wait_for_function(
            "document.querySelectorAll('#tip--hits > *').length > 0", timeout=5000
        )
        assert page.locator(BOX).input_value() == "T visa"
    finally:
        session.context.close()


def _made_up_queries(count: int) -> list[str]:
    """Queries a person might type, made from the directory's own words: one to four of
    them, in any case, with endings added or cut, letters dropped, swapped or doubled,
    punctuation and stopwords between; the same ones on every run."""
    from tipcli.query.search.words import STOPWORDS

    result = CliRunner().invoke(app, ["export", "--format", "json"])
    words = sorted(set(re.findall(r"[^\W\d_]{2,}", result.stdout)))
    chance = random.Random(20261122)

    def typed(word: str) -> str:
        change = chance.randrange(8)
        at = chance.randrange(len(word))
        if change == 0:
            return word[:at] + word[at + 1 :]
        if change == 1 and at + 1 < len(word):
            return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
        if change == 2:
            return word[:at] + word[at] + word[at:]
        if change == 3:
            return word + chance.choice(["s", "es", "ies", "ing", "ed", "ion", "ication"])
        if change == 4:
            return word.upper()
        return word

    between = [" ", "  ", ", ", "/", "-", " & ", " " + chance.choice(sorted(STOPWORDS)) + " "]
    queries = []
    for _ in range(count):
        picked = [typed(chance.choice(words)) for _ in range(chance.randint(1, 4))]
        query = picked[0]
        for word in picked[1:]:
            query += chance.choice(between) + word
        queries.append(query)
    return queries


def test_the_page_agrees_with_tip_search_on_made_up_queries(opened: Opened) -> None:
    """400 queries at once, typed into the box in the page itself; each compared with
    what the search that `tip search` runs gives, every hit, in order."""
    from tipcli.errors import TipError
    from tipcli.query.search.find import find

    queries = _made_up_queries(400)
    shown = opened.page.evaluate(
        """queries => {
            const box = document.querySelector('input[type="search"]');
            const hits = document.getElementById(box.getAttribute("aria-controls"));
            return queries.map(query => {
                box.value = query;
                box.dispatchEvent(new Event("input"));
                document.querySelector("#tip--more button")?.click();
                return [...hits.children].map(hit => [hit.dataset.kind, hit.dataset.id]);
            });
        }""",
        queries,
    )
    differ = []
    for query, got in zip(queries, shown, strict=True):
        try:
            hits = find(None, query, limit=100_000).hits
            wanted = [[hit.document.kind, hit.document.id] for hit in hits]
        except TipError:
            wanted = []
        if got != wanted:
            differ.append(query)
    assert differ == []


def test_names_are_as_tip_list_and_tip_hotline_print_them(opened: Opened) -> None:
    listed = json.loads(CliRunner().invoke(app, ["list", "--json"]).stdout)
    hotlines = json.loads(_hotlines_json())
    wanted = {org["id"]: org["name"] for org in listed} | {h["id"]: h["name"] for h in hotlines}
    shown = opened.page.evaluate(
        """ids => Object.fromEntries(ids.map(id =>
            [id, document.getElementById(id).querySelector("h3 .name").textContent]))""",
        list(wanted),
    )
    assert shown == wanted


def test_each_card_shows_the_source_ids_it_cites(opened: Opened, raw: dict[str, Any]) -> None:
    cited = {
        org["id"]: {
            *org["sources"],
            *(s for r in org.get("responsibilities", []) for s in r["sources"]),
        }
        for org in raw["organisations"]
    } | {p["id"]: set(p["sources"]) for p in raw["programs"]}
    texts = opened.page.evaluate(
        "ids => ids.map(id => document.getElementById(id).innerText)", list(cited)
    )
    missing = {
        entity: sorted(s for s in sources if s not in text)
        for (entity, sources), text in zip(cited.items(), texts, strict=True)
        if any(s not in text for s in sources)
    }
    assert missing == {}
