"""Handouts: `--markdown` on the cards and `tip hotline`, and the Markdown export, as a
user sees them through the command line, on the bundled directory."""

from __future__ import annotations

import itertools
import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, SMALL, invoke
from tipcli.cli.app import full_app
from tipcli.data.load import load
from tipcli.data.model import Law, Organisation, Program, full_name
from tipcli.render.markdown.text import md

app = full_app()

HANDOUTS = [
    ["agency", "ICE"],
    ["agency", "DHS"],
    ["agency", "HSTC", "--as-of", "2005"],
    ["pitf"],
    ["pitf", "--as-of", "2005"],
    ["spog", "--as-of", "2010"],
    ["body", "task forces"],
    ["program", "T visa"],
    ["program", "continued presence", "--as-of", "2007"],
    ["law", "TVPA"],
    ["hotline"],
    ["hotline", "HHS", "--as-of", "2007"],
]
# A citation: source ids in brackets, not the text of a link (`[1-888-428-7581](tel:...)`).
CITATION = re.compile(r"\[([a-z0-9-]+(?:, [a-z0-9-]+)*)\](?!\()")
SOURCE_LINE = re.compile(r"^- \[([a-z0-9-]+)\] \*(.+)\*, (.+), (\S+(?: \(inferred\))?)$")


def handout(runner: CliRunner, *args: str) -> str:
    result = invoke(runner, *args, "--markdown")
    assert (result.exit_code, result.stderr) == (0, ""), args
    text: str = result.stdout
    return text


def sources_listed(text: str) -> dict[str, tuple[str, str, str]]:
    """The Sources section: id -> (title, publisher, date)."""
    section = text.split("\n## Sources\n\n", 1)[1].split("\n\n", 1)[0]
    listed = {}
    for line in section.splitlines():
        found = SOURCE_LINE.match(line)
        assert found, line
        listed[found[1]] = (found[2], found[3], found[4])
    return listed


def cited(text: str) -> set[str]:
    body = text.split("\n## Sources\n", 1)[0]
    return {source for group in CITATION.findall(body) for source in group.split(", ")}


def heading_levels(text: str) -> list[int]:
    return [len(line) - len(line.lstrip("#")) for line in text.splitlines() if line[:1] == "#"]


def assert_well_formed(text: str) -> None:
    """One title, headings that never skip a level, emphasis that closes on its line,
    no line indented into a code block, blocks apart by one blank line."""
    levels = heading_levels(text)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(after <= before + 1 for before, after in itertools.pairwise(levels))
    for line in text.splitlines():
        assert not line.startswith("    "), line
        assert len(re.findall(r"(?<!\\)\*", line)) % 2 == 0, line
        assert not line.endswith(" "), line
    assert "\n\n\n" not in text and text.endswith("\n") and not text.endswith("\n\n")


def sources_json(runner: CliRunner) -> dict[str, dict[str, Any]]:
    return {s["id"]: s for s in json.loads(invoke(runner, "sources", "--json").stdout)}


@pytest.mark.parametrize("args", HANDOUTS, ids=" ".join)
def test_every_citation_is_in_the_sources_with_its_title_and_date(
    runner: CliRunner, args: list[str]
) -> None:
    text = handout(runner, *args)
    listed = sources_listed(text)
    assert cited(text) and cited(text) <= set(listed)
    known = sources_json(runner)
    for source_id, (title, publisher, date) in listed.items():
        source = known[source_id]
        assert (title, publisher) == (md(source["title"]), md(source["publisher"]))
        assert date == source["date"] + (" (inferred)" if source["date_inferred"] else "")
    assert_well_formed(text)


def test_agency_card_in_markdown(runner: CliRunner) -> None:
    text = handout(runner, "agency", "ICE")
    assert text.startswith(
        "# Bureau of Immigration and Customs Enforcement (ICE)\n\n"
        "*bureau in Department of Homeland Security (DHS)*\n\n"
        "The DHS investigative agency that takes trafficking cases at home and abroad and runs "
        "a 24-hour tip line.\n"
    )
    assert (
        "- Investigates human trafficking cases in the United States and abroad. "
        "*Topics: investigation; pillars: prosecution.* [factsheet-2007]\n"
    ) in text
    assert "- **Child sex tourism awareness campaign** (campaign) — runs [tipr-2005]\n" in text
    assert (
        "- **ICE 24-hour hotline**: [1-866-DHS-2-ICE](tel:+18663472423) (+18663472423), "
        "as of 2007-12-20 [factsheet-2007]\n"
    ) in text
    assert "## Sits on\n\n- **Anti-Human Trafficking Task Forces** — partner [tipr-2005]\n" in text
    assert "## Components\n\n- Parole and Humanitarian Assistance Office — office\n" in text
    assert list(sources_listed(text)) == ["tipr-2005", "factsheet-2007"]


def test_a_card_ends_with_what_the_plain_card_says_of_its_age(runner: CliRunner) -> None:
    """The plain card's last record is the newest document in view; the Markdown card
    ends with the same date and id, and names that document, which it does not cite."""
    for args in (["agency", "ICE"], ["agency", "ICE", "--as-of", "2007"], ["pitf"]):
        last = invoke(runner, *args, "--plain").stdout.splitlines()[-1].split("\t")
        assert last[0] == "data_as_of"
        final = handout(runner, *args).splitlines()[-1]
        assert final.startswith(f"Record as of {last[1]}, the date of {last[2]}"), args
    assert handout(runner, "agency", "ICE").splitlines()[-1] == (
        "Record as of 2019-11 (inferred), the date of pitf-2019 (*The President's Interagency "
        "Task Force, the Senior Policy Operating Group and the agencies of the PITF*); this "
        "card's newest source is factsheet-2007 (2007-12-20)."
    )


def test_pitf_lists_its_members_with_their_roles(runner: CliRunner) -> None:
    text = handout(runner, "pitf")
    assert text.startswith(
        "# President's Interagency Task Force to Monitor and Combat Trafficking in Persons "
        "(PITF)\n\n*interagency body · newest record*\n"
    )
    assert "## Chair\n\n- **Department of State (DOS)** — chair [pitf-2019]\n" in text
    assert "## Members and partners (17)\n\n- **Department of the Treasury** — member" in text
    assert "- **Domestic Policy Council** — member [pitf-2019]\n" in text


def test_pitf_as_of_2005_is_the_2005_table(runner: CliRunner) -> None:
    then, now = handout(runner, "pitf", "--as-of", "2005"), handout(runner, "pitf")
    assert "*interagency body · as of 2005*" in then
    assert (
        "- **Department of State (DOS)** — chair, Secretary of State, as of 2005 [tipr-2005]\n"
    ) in then
    assert (
        "- **Director of Central Intelligence** — member, Director of Central Intelligence, "
        "as of 2005 [tipr-2005]\n"
    ) in then
    assert "## Members and partners (7)" in then and "Treasury" not in then
    assert "Director of Central Intelligence" not in now
    assert then.endswith("\n\nRecord as of 2005-06-03, the date of tipr-2005.\n")


def test_program_card_in_markdown(runner: CliRunner) -> None:
    text = handout(runner, "program", "T visa")
    assert text.startswith("# T visa\n\n*benefit · immigration relief*\n\n")
    assert (
        "- **United States Citizenship and Immigration Services (USCIS)** — adjudicates "
        "[tipr-2005, factsheet-2007, federal-2015]\n"
    ) in text
    assert (
        "## Rests on\n\n- **Trafficking Victims Protection Act of 2000** (P.L. 106-386)\n" in text
    )
    assert "## Figures\n\n- The Vermont Service Center received 520 applications" in text


def test_law_card_in_markdown(runner: CliRunner) -> None:
    text = handout(runner, "law", "TVPA")
    assert text.startswith(
        "# Trafficking Victims Protection Act of 2000 (TVPA)\n\n*statute · P.L. 106-386 · 2000*\n"
    )
    assert "- **T visa** (created): Made T visas available" in text
    assert "- **Continued Presence** (created): " in text
    assert "- **A rule** (mandated): Section 108 sets the minimum standards" in text
    assert "## Programmes that rest on it\n\n- **Trafficking in Persons Report** — report\n" in text


def test_hotlines_are_tel_links(runner: CliRunner) -> None:
    text = handout(runner, "hotline")
    hotlines = json.loads(invoke(runner, "hotline", "--json").stdout)
    assert heading_levels(text) == [1, *([2] * len(hotlines)), 2]
    for hotline in hotlines:
        assert f"\n## {hotline['name']}\n\n[{hotline['number']}](tel:{hotline['dialable']})" in text
    assert "- Earlier names: National Human Trafficking Resource Center [factsheet-2007]" in text


def test_as_of_names_the_hotline_as_it_was_then(runner: CliRunner) -> None:
    text = handout(runner, "hotline", "HHS", "--as-of", "2007")
    assert "\n## National Human Trafficking Resource Center\n" in text
    assert "pitf-2019" not in text and "## National Human Trafficking Hotline" not in text
    # The name it had then is its name, not one of its earlier names.
    assert "- Earlier names: trafficking information and referral hotline [tipr-2005]\n" in text


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["agency", "ICE", "--markdown", "--json"], "choose one output format, not --json and "),
        (["pitf", "--plain", "--markdown"], "choose one output format, not --plain and "),
        (["hotline", "--markdown", "--csv"], "choose one output format, not --markdown and "),
        (["hotline", "--markdown", "--fields", "id"], "--fields does not go with --markdown"),
        (["tree", "--markdown"], "No such option: --markdown"),
        (["search", "visa", "--markdown"], "No such option: --markdown"),
    ],
)
def test_markdown_with_another_format_is_a_usage_error(
    runner: CliRunner, args: list[str], stderr: str
) -> None:
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith("tip: " + stderr) and result.stderr.count("\n") == 1


def test_no_match_is_one_line_and_exit_1(runner: CliRunner) -> None:
    for args in (["agency", "DHZ"], ["law", "nothing such"], ["pitf", "--as-of", "1990"]):
        result = runner.invoke(app, [*args, "--markdown"])
        assert (result.exit_code, result.stdout) == (1, ""), args
        assert result.stderr.startswith("tip: ") and result.stderr.count("\n") == 1


WITH_MARKDOWN = ["agency", "program", "law", "hotline", "pitf", "spog", "body"]
WITHOUT = ["search", "topics", "list", "sources", "timeline", "tree", "matrix", "graph", "export"]


@pytest.mark.parametrize("command", WITH_MARKDOWN + WITHOUT)
def test_only_the_cards_and_hotlines_offer_markdown(runner: CliRunner, command: str) -> None:
    shown = invoke(runner, command, "--help").stdout
    assert ("--markdown" in shown) == (command in WITH_MARKDOWN)


def test_the_readme_handout_is_the_real_one(runner: CliRunner) -> None:
    """The README's Markdown example is what the command prints, line for line."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    after = readme.split("    $ tip agency ICE --markdown > ice.md\n    $ head -n 9 ice.md\n")[1]
    shown = []
    for line in after.splitlines():
        if line and not line.startswith("    "):
            break
        shown.append(line.removeprefix("    "))
    while shown[-1] == "":
        shown.pop()
    assert shown == handout(runner, "agency", "ICE").splitlines()[:9]


# The export ---------------------------------------------------------------------------


def test_export_holds_every_programme_law_event_and_figure(runner: CliRunner) -> None:
    text = invoke(runner, "export", "--format", "markdown").stdout
    directory = load().directory
    assert "\n### T visa\n" in text and "\n### Continued Presence\n" in text
    entities: list[Organisation | Program | Law] = [
        *directory.organisations,
        *directory.programs,
        *directory.laws,
    ]
    for entity in entities:
        assert f"\n### {md(full_name(entity))}\n" in text, entity.id
    for hotline in directory.hotlines:
        assert f"\n### {md(hotline.name)}\n" in text
    for event in directory.events:
        assert f"- {event.date} ({event.kind}): {md(event.text)} *About: " in text
    for figure in directory.figures:
        assert f"- {md(figure.text)} ({md(figure.period)}) *About: " in text
    listed = sources_listed(text)
    assert list(listed) == [s.id for s in directory.sources]
    assert cited(text) <= set(listed)
    assert_well_formed(text)


def test_export_is_one_document_of_sections(runner: CliRunner) -> None:
    text = runner.invoke(app, ["--data", str(SMALL), "export", "-f", "markdown"]).stdout
    sections = [line[3:] for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "Organisations",
        "Interagency bodies",
        "Programmes, campaigns, reports and benefits",
        "Laws, directives and treaties",
        "Hotlines",
        "Memberships",
        "Timeline",
        "Figures",
        "Sources",
    ]
    # Every record of who sat where, the 2005 one that the newest record replaced too.
    assert (
        "- **Department of Beta (DOB)** — member, Secretary of Beta, as of 2005 [report-2005]\n"
    ) in text.split("\n## Memberships\n", 1)[1]
    # A card in the export is the card a handout prints, one level down.
    card = handout(runner, "--data", str(SMALL), "agency", "BOI").split("\n## Sources\n")[0]
    assert card.replace("\n## ", "\n#### ").replace("# ", "### ", 1) in text
