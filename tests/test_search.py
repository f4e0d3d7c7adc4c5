"""Search: stems, stopwords, ranking with real queries, filters."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke
from tipcli.data.load import load
from tipcli.query.index import Index
from tipcli.query.search.documents import documents
from tipcli.query.search.searcher import Filters, Searcher
from tipcli.query.search.words import query_stems, stem
from tipcli.query.views import PHRASE

INDEX = Index.build(load().directory)
SEARCHER = Searcher.of(documents(INDEX), {t.id: t.label for t in INDEX.directory.topics})


@pytest.mark.parametrize(
    "forms",
    [
        ("service", "services"),
        ("visa", "visas"),
        ("fund", "funds", "funded", "funding"),
        ("prosecute", "prosecutes", "prosecution", "prosecuting"),
        ("child", "children"),
        ("agency", "agencies"),
        ("investigate", "investigation", "investigates"),
    ],
)
def test_word_forms_share_a_stem(forms: tuple[str, ...]) -> None:
    assert len({stem(word) for word in forms}) == 1


def test_short_words_that_mean_something_are_kept() -> None:
    assert query_stems("T visa") == ["t", "visa"]
    assert query_stems("the U visa") == ["u", "visa"]
    assert query_stems("of the") == []


def _top(query: str, n: int = 1) -> list[tuple[str, str]]:
    return [(h.document.kind, h.document.id) for h in SEARCHER.search(query).hits[:n]]


def test_asking_by_name_puts_the_thing_first() -> None:
    assert _top("T visa") == [("program", "t-visa")]
    assert _top("U visa") == [("program", "u-visa")]
    assert _top("Blue Campaign") == [("program", "blue-campaign")]
    assert _top("Human Trafficking Reporting System") == [("program", "htrs")]


def test_phrase_beats_all_words_beats_some_words() -> None:
    hits = SEARCHER.search("victim services").hits
    tiers = [h.tier for h in hits]
    assert tiers == sorted(tiers, reverse=True)
    assert {h.match for h in hits} == {"name", "phrase", "all words", "some words"}
    # The SPOG committee is named "Victims Services", so asking that puts it first;
    # right after come statements that say "victim services" in so many words.
    assert hits[0].document.id == "spog-victim-services"
    in_text = [h for h in hits if "victim services" in h.document.text.lower()]
    assert in_text and all(h.tier == PHRASE for h in in_text)
    assert hits.index(in_text[0]) <= 2


def test_plural_query_finds_singular_text() -> None:
    assert {h.document.id for h in SEARCHER.search("visas").hits} >= {
        "t-visa",
        "u-visa",
        "dhs-uscis",
    }
    assert [h.document.id for h in SEARCHER.search("services").hits] == [
        h.document.id for h in SEARCHER.search("service").hits
    ]


def test_acronyms_count_as_words() -> None:
    """'DOJ prosecution': the department's own statements come before others."""
    top = SEARCHER.search("DOJ prosecution").hits[0]
    assert (top.document.id, top.match) == ("doj", "all words")


def test_child_sex_tourism() -> None:
    ids = [h.document.id for h in SEARCHER.search("child sex tourism").hits[:5]]
    assert ids[0] == "child-sex-tourism-campaign"
    assert {"doj-ceos", "operation-predator"} <= set(ids)


def test_hotlines_and_figures_are_found() -> None:
    assert ("hotline", "ice-tip-line") in _top("report suspicious activity", 2)
    assert ("figure", "dhs-vsc") in _top("T non-immigrant status applications", 3)


def test_highlight_spans_cover_the_matched_words() -> None:
    hit = SEARCHER.search("petitions").hits[0]
    assert [hit.document.text[a:b] for a, b in hit.spans] == ["petitions"]


def test_filters() -> None:
    doj_family = {"doj", *(o.id for o in INDEX.descendants(INDEX.organisations["doj"]))}
    hits = SEARCHER.search("victims", Filters(organisations=frozenset(doj_family))).hits
    assert hits and all(set(h.document.organisations) & doj_family for h in hits)
    hits = SEARCHER.search("victims", Filters(topic="legal-assistance")).hits
    assert hits and all("legal-assistance" in h.document.topics for h in hits)


def test_cli_search_plain_json_and_limit(runner: CliRunner) -> None:
    result = invoke(runner, "search", "T visa", "--limit", "2")
    assert result.exit_code == 0
    first = result.stdout.splitlines()[0].split("\t")
    assert first[:3] == ["program", "t-visa", "T visa"]
    assert first[-1] == "name"  # asked for by its name
    assert len(result.stdout.splitlines()) == 2
    records = json.loads(invoke(runner, "search", "T visa", "--json", "-n", "1").stdout)
    assert records[0]["id"] == "t-visa"
    assert set(records[0]) == {
        "kind", "id", "title", "text", "organisations", "topics", "sources", "match", "score",
    }  # fmt: skip


def test_cli_search_filters(runner: CliRunner) -> None:
    by_topic = invoke(runner, "search", "victims", "--topic", "legal assistance").stdout
    assert by_topic and all(
        "legal-assistance" in line.split("\t")[4] for line in by_topic.splitlines()
    )
    on_spog = invoke(runner, "search", "campaign", "--body", "SPOG").stdout
    assert "rescue-restore" in on_spog and "world-vision" not in on_spog
    in_dhs = json.loads(
        invoke(runner, "search", "investigates", "--agency", "DHS", "--json").stdout
    )
    family = {"dhs", "dhs-ice", "dhs-ice-phao", "dhs-uscis", "dhs-vsc", "dhs-hstu"}
    assert in_dhs and all(set(hit["organisations"]) & family for hit in in_dhs)


@pytest.mark.parametrize(
    ("args", "code", "stderr"),
    [
        (["search", "zebra crossing"], 1, "tip: nothing matches 'zebra crossing'\n"),
        (["search", "  "], 2, "tip: the search text has no letters or digits"),
        (["search", "x", "--topic", "banking"], 2, "tip: unknown topic 'banking' (topics: "),
        (["search", "x", "--body", "DHS"], 2, "tip: --body: Department of Homeland Security is"),
        (["search", "x", "--agency", "DHZ"], 2, "tip: --agency: no organisation matches 'DHZ'"),
    ],
)
def test_cli_search_refusals(runner: CliRunner, args: list[str], code: int, stderr: str) -> None:
    result = invoke(runner, *args)
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith(stderr)


def test_topics_lists_the_vocabulary_with_counts(runner: CliRunner) -> None:
    lines = invoke(runner, "topics").stdout.splitlines()
    assert len(lines) == 28
    fields = {line.split("\t")[0]: line.split("\t") for line in lines}
    assert fields["victim-services"][1] == "victim services"
    assert int(fields["victim-services"][2]) > 20


def test_word_forms_join_the_same_word_and_never_different_words() -> None:
    from tipcli.query.search.words import stem

    assert stem("certify") == stem("certified") == stem("certification")
    assert stem("forced") != stem("forces")
    forced = {h.document.id for h in SEARCHER.search("forced").hits}
    assert "task-forces" not in forced and "pitf" not in forced


def test_a_misspelt_word_is_searched_for_as_the_nearest_word(runner: CliRunner) -> None:
    result = invoke(runner, "search", "trafficing", "hotline", "--limit", "2")
    assert result.exit_code == 0 and result.stdout
    assert "tip: no document has the word 'trafficing'; searched for 'trafficking' instead\n" in (
        result.stderr
    )


def test_a_cut_says_how_many_there_were(runner: CliRunner) -> None:
    result = invoke(runner, "search", "victims", "--limit", "3", "--json")
    assert len(json.loads(result.stdout)) == 3
    assert result.stderr.startswith("tip: showing 3 of ")
    assert invoke(runner, "search", "T visa", "--limit", "100").stderr == ""


def test_a_hotline_hit_shows_its_number(runner: CliRunner) -> None:
    records = json.loads(invoke(runner, "search", "ICE 24-hour hotline", "--json").stdout)
    hotline = next(r for r in records if r["kind"] == "hotline")
    assert "1-866-DHS-2-ICE" in hotline["text"]


def test_a_topic_without_words_lists_what_it_tags(runner: CliRunner) -> None:
    records = json.loads(invoke(runner, "search", "--topic", "legal assistance", "--json").stdout)
    assert records and all("legal-assistance" in r["topics"] for r in records)
    assert {r["match"] for r in records} == {"topic"}
    result = invoke(runner, "search")
    assert result.exit_code == 2 and "--topic" in result.stderr
