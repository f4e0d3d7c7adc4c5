"""Renderers against the exact text they give, on the small test directory: a view in,
text out, with no command line in between."""

from __future__ import annotations

import io
import json
import typing

import pytest
from rich.console import Console

from tests.conftest import SMALL
from tipcli.errors import UsageError
from tipcli.query import listings, pictures
from tipcli.query.cards import agency_card, known_body
from tipcli.query.index import Index, open_index
from tipcli.query.lookups import of_index
from tipcli.query.programs import law_card, program_card
from tipcli.query.search.find import find
from tipcli.query.views import BodyView, Card, HotlineList, LawCard, Listing, ProgramCard, View
from tipcli.render import plain, records, terminal
from tipcli.render.markdown import markdown
from tipcli.render.markdown.text import md


@pytest.fixture(scope="module")
def index() -> Index:
    return open_index(str(SMALL))


def on_terminal(view: View | Listing, width: int = 80) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(terminal.renderable(view))
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue()


def test_card_on_a_terminal(index: Index) -> None:
    assert (
        on_terminal(agency_card(of_index(index), "BOI", None))
        == """\
BOI  Bureau of Inquiry
bureau in Department of Alpha (DOA)

The bureau that investigates trafficking cases.
Also called: Office of Inquiry [report-2005, sheet-2007]

Responsibilities
  • Investigates trafficking cases at home and abroad.
    investigation · prosecution [sheet-2007]
  • Runs a tip line that takes reports day and night.
    investigation, public awareness · protection [report-2005]

Programmes, reports and benefits
  • B visa — adjudicates [report-2005, page-2018]

Hotlines
  • Inquiry Tip Line  1-866-555-TIPS  (+18665558477)  as of 2018 (inferred)

Sits on
  • ITF — member [page-2018]

Components
  • Victim Help Office  office

Figures
  • The bureau opened 12 trafficking investigations. (fiscal year 2004)
    [report-2005]

Sources
  report-2005  2005-06-03       Annual Report, section VII
  sheet-2007   2007-12-20       Fact sheet: who does what
  page-2018    2018 (inferred)  The Interagency Task Force

Record as of 2018 (inferred), the date of page-2018.
"""
    )


def test_card_as_of_a_year_uses_the_name_of_the_time(index: Index) -> None:
    shown = on_terminal(agency_card(of_index(index), "BOI", 2007))
    assert shown.splitlines()[0] == "BOI  Office of Inquiry"
    assert "page-2018" not in shown


def test_body_on_a_terminal_as_of_a_year(index: Index) -> None:
    assert (
        on_terminal(known_body(index, "itf", 2005))
        == """\
ITF  Interagency Task Force
interagency body · as of 2005

The body where the departments coordinate their work.

Established
  • 2001-02  The task force met for the first time. [report-2005]

Legal basis
  • Example Protection Act of 2000 (created): Set up the task force under the
    Secretary of Alpha. [report-2005]

Chair
  • DOA — chair, Secretary of Alpha, as of 2005 [report-2005]

Members and partners (1)
  • DOB — member, Secretary of Beta, as of 2005 [report-2005]

Sources
  report-2005  2005-06-03  Annual Report, section VII

Record as of 2005-06-03, the date of report-2005.
"""
    )


def test_hotlines_on_a_terminal(index: Index) -> None:
    assert (
        on_terminal(listings.hotlines(index, "BOI", None))
        == """\
Inquiry Tip Line
  1-866-555-TIPS  (+18665558477)  as of 2018 (inferred)
  Run by         Bureau of Inquiry (BOI) (runs)
  For            anyone who suspects trafficking
  What           Takes reports of suspected trafficking.
  Hours          24 hours a day
  Printed as     866-555-TIPS [report-2005]; 1-866-555-TIPS [page-2018]
  Earlier names  Inquiry Reporting Line [report-2005]
  Sources        report-2005 (2005-06-03), page-2018 (2018)
"""
    )


def test_body_as_plain_records(index: Index) -> None:
    assert plain.text(known_body(index, "itf", 2007)).splitlines() == [
        "body\titf\tITF\tInteragency Task Force",
        "as_of\t2007",
        "established\t2001-02\tThe task force met for the first time.\treport-2005",
        "legal_basis\tepa\tExample Protection Act of 2000\tcreated\treport-2005",
        "membership\tchair\tdoa\tDepartment of Alpha (DOA)\tSecretary of Alpha\t\t"
        "report-2005\t2005-06-03",
        "membership\tmember\tdob\tDepartment of Beta (DOB)\tSecretary of Beta\t\t"
        "report-2005\t2005-06-03",
        "membership\tpartner\thelping-hands\tHelping Hands\t\t\tsheet-2007\t2007-12-20",
        "source\treport-2005\t2005-06-03\tAnnual Report, section VII",
        "source\tsheet-2007\t2007-12-20\tFact sheet: who does what",
        "data_as_of\t2007-12-20\tsheet-2007",
    ]


def test_card_as_plain_records_dates_its_seats(index: Index) -> None:
    lines = plain.text(agency_card(of_index(index), "BOI", None)).splitlines()
    assert "body\titf\tInteragency Task Force (ITF)\tmember\t\tpage-2018\t2018" in lines
    assert lines[-1] == "data_as_of\t2018 (inferred)\tpage-2018"


def test_card_record_names_what_it_mentions(index: Index) -> None:
    """A card's JSON carries the names of the bodies and operators it mentions, taken
    from the view: the renderer has no directory to ask."""
    card = records.card(agency_card(of_index(index), "BOI", None))
    assert isinstance(card, dict)
    (seat,) = card["bodies"]
    assert (seat["body"], seat["body_name"], seat["role"]) == (
        "itf",
        "Interagency Task Force (ITF)",
        "member",
    )
    (hotline,) = card["hotlines"]
    assert [op["name"] for op in hotline["operators"]] == ["Bureau of Inquiry (BOI)"]
    assert hotline["source_dates"] == {"report-2005": "2005-06-03", "page-2018": "2018"}
    json.dumps(card)  # plain JSON values only


def _every_view(index: Index) -> list[View | Listing]:
    return [
        agency_card(of_index(index), "DOA", None),
        known_body(index, "itf", None),
        program_card(index, "B visa", None),
        law_card(index, "EPA", None),
        pictures.tree(index, None),
        listings.hotlines(index, None, None),
        listings.organisations(index),
        listings.sources(index.directory),
        listings.topics(index),
        listings.timeline(index, None, None),
        find(str(SMALL), "victims", limit=5),
        pictures.matrix(index, "3p", None),
    ]


def test_every_kind_of_view_is_in_the_list_above(index: Index) -> None:
    """So that the next test covers each one."""
    kinds = {*typing.get_args(View), *typing.get_args(Listing)}
    assert {type(view) for view in _every_view(index)} == kinds


def test_every_view_renders_in_every_form(index: Index) -> None:
    for view in _every_view(index):
        assert plain.text(view).strip(), type(view)
        assert on_terminal(view).strip(), type(view)
        value = records.card(view) if isinstance(view, typing.get_args(View)) else None
        rows = records.rows(view) if value is None else [value]  # type: ignore[arg-type]
        assert rows and json.dumps(rows), type(view)


def test_cards_and_hotlines_have_markdown_and_no_other_view_does(index: Index) -> None:
    """--markdown is offered on the cards and `tip hotline` alone; any other view asked
    for it is a usage error, not a traceback."""
    for view in _every_view(index):
        if isinstance(view, Card | BodyView | ProgramCard | LawCard | HotlineList):
            assert markdown(view).startswith("# "), type(view)
        else:
            with pytest.raises(UsageError):
                markdown(view)


def test_card_in_markdown(index: Index) -> None:
    """The facts of the card on a terminal, each with its sources, then the documents
    cited and how recent the record is."""
    assert markdown(agency_card(of_index(index), "BOI", None)).splitlines() == [
        "# Bureau of Inquiry (BOI)",
        "",
        "*bureau in Department of Alpha (DOA)*",
        "",
        "The bureau that investigates trafficking cases.",
        "",
        "Also called: Office of Inquiry [report-2005, sheet-2007]",
        "",
        "## Responsibilities",
        "",
        "- Investigates trafficking cases at home and abroad. *Topics: investigation; pillars: "
        "prosecution.* [sheet-2007]",
        "- Runs a tip line that takes reports day and night. *Topics: investigation, public "
        "awareness; pillars: protection.* [report-2005]",
        "",
        "## Programmes, reports and benefits",
        "",
        "- **B visa** (benefit) — adjudicates [report-2005, page-2018]",
        "",
        "## Hotlines",
        "",
        "- **Inquiry Tip Line**: [1-866-555-TIPS](tel:+18665558477) (+18665558477), as of 2018 "
        "(inferred) [page-2018]",
        "",
        "## Sits on",
        "",
        "- **Interagency Task Force (ITF)** — member [page-2018]",
        "",
        "## Components",
        "",
        "- Victim Help Office — office",
        "",
        "## Figures",
        "",
        "- The bureau opened 12 trafficking investigations. (fiscal year 2004) [report-2005]",
        "",
        "## Sources",
        "",
        "- [report-2005] *Annual Report, section VII*, Department of Alpha, Office of Records, "
        "2005-06-03",
        "- [sheet-2007] *Fact sheet: who does what*, Department of Alpha, 2007-12-20",
        "- [page-2018] *The Interagency Task Force*, Department of Beta, 2018 (inferred)",
        "",
        "Record as of 2018 (inferred), the date of page-2018.",
    ]


def test_body_in_markdown_as_of_a_year(index: Index) -> None:
    assert markdown(known_body(index, "itf", 2005)).splitlines() == [
        "# Interagency Task Force (ITF)",
        "",
        "*interagency body · as of 2005*",
        "",
        "The body where the departments coordinate their work.",
        "",
        "## Established",
        "",
        "- 2001-02: The task force met for the first time. [report-2005]",
        "",
        "## Legal basis",
        "",
        "- **Example Protection Act of 2000** (created): Set up the task force under the "
        "Secretary of Alpha. [report-2005]",
        "",
        "## Chair",
        "",
        "- **Department of Alpha (DOA)** — chair, Secretary of Alpha, as of 2005 [report-2005]",
        "",
        "## Members and partners (1)",
        "",
        "- **Department of Beta (DOB)** — member, Secretary of Beta, as of 2005 [report-2005]",
        "",
        "## Sources",
        "",
        "- [report-2005] *Annual Report, section VII*, Department of Alpha, Office of Records, "
        "2005-06-03",
        "",
        "Record as of 2005-06-03, the date of report-2005.",
    ]


def test_law_in_markdown_names_the_newer_record_it_is_older_than(index: Index) -> None:
    """The card cites only the 2005 report; the last line says the record goes to 2018,
    naming that document, which is not in the card's own list."""
    text = markdown(law_card(index, "EPA", None))
    assert text.startswith(
        "# Example Protection Act of 2000 (EPA)\n\n*statute · Public Law 106-999 · 2000-10-28*\n"
    )
    assert "- **Interagency Task Force (ITF)** (created): Set up the task force" in text
    assert "## Programmes that rest on it\n\n- **B visa** — benefit\n" in text
    assert text.endswith(
        "Record as of 2018 (inferred), the date of page-2018 (*The Interagency Task Force*); "
        "this card's newest source is report-2005 (2005-06-03).\n"
    )


def test_hotlines_in_markdown(index: Index) -> None:
    assert markdown(listings.hotlines(index, "BOI", None)).splitlines() == [
        "# Hotlines",
        "",
        "## Inquiry Tip Line",
        "",
        "[1-866-555-TIPS](tel:+18665558477) (+18665558477), as of 2018 (inferred)",
        "",
        "- Run by: Bureau of Inquiry (BOI) (runs) [report-2005, page-2018]",
        "- For: anyone who suspects trafficking",
        "- What: Takes reports of suspected trafficking.",
        "- Hours: 24 hours a day",
        "- Printed as: 866-555-TIPS [report-2005]; 1-866-555-TIPS [page-2018]",
        "- Earlier names: Inquiry Reporting Line [report-2005]",
        "- Sources: [report-2005, page-2018]",
        "",
        "## Sources",
        "",
        "- [report-2005] *Annual Report, section VII*, Department of Alpha, Office of Records, "
        "2005-06-03",
        "- [page-2018] *The Interagency Task Force*, Department of Beta, 2018 (inferred)",
        "",
        "Record as of 2018 (inferred), the date of page-2018.",
    ]


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        (
            "plain words, (brackets) and 1-866-555-TIPS",
            "plain words, (brackets) and 1-866-555-TIPS",
        ),
        ("*bold* and _em_", "\\*bold\\* and \\_em\\_"),
        ("[a link](http://x)", "\\[a link\\](http://x)"),
        (
            "<b>tag</b> | cell # hash ~~gone~~ `code`",
            "\\<b\\>tag\\</b\\> \\| cell \\# hash \\~\\~gone\\~\\~ \\`code\\`",
        ),
        ("AT&T and &amp; and &#42;", "AT&T and \\&amp; and \\&\\#42;"),
        ("1. not a list", "1\\. not a list"),
        ("2005) not a list either", "2005\\) not a list either"),
        ("- nor this", "\\- nor this"),
        ("+ nor this", "\\+ nor this"),
        ("=== nor a heading", "\\=== nor a heading"),
        ("a back\\slash", "a back\\\\slash"),
    ],
)
def test_markdown_escapes_what_would_format(text: str, escaped: str) -> None:
    assert md(text) == escaped
