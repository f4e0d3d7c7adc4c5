"""The terminal layout's own pieces, rendered at a fixed width."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.text import Text

from tipcli.render.terminal.layout import Hanging


def rendered(renderable: object, width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False)
    console.print(renderable)
    assert isinstance(console.file, io.StringIO)
    return console.file.getvalue().splitlines()


def test_wrapped_lines_hang_under_the_text_not_the_lead() -> None:
    words = "one two three four five six seven eight nine ten eleven twelve"
    assert rendered(Hanging("  • ", Text(words)), 24) == [
        "  • one two three four",
        "    five six seven eight",
        "    nine ten eleven",
        "    twelve",
    ]


def test_a_styled_lead_sets_the_indent_by_its_width() -> None:
    lead = Text("  ")
    lead.append("tipr-2005", style="cyan")
    lead.append("  2005  ")
    lines = rendered(Hanging(lead, Text("Trafficking in Persons Report, section VII")), 42)
    assert lines == [
        "  tipr-2005  2005  Trafficking in Persons",
        "                   Report, section VII",
    ]


def test_line_breaks_in_the_text_are_kept_and_no_line_ends_in_a_space() -> None:
    text = Text("Investigates cases at home and abroad.\ninvestigation · prosecution")
    lines = rendered(Group(Hanging("  • ", text), Text("next")), 32)
    assert lines == [
        "  • Investigates cases at home",
        "    and abroad.",
        "    investigation · prosecution",
        "next",
    ]


def test_too_narrow_to_hang_the_text_starts_under_the_lead() -> None:
    """Below ten columns for the text, indenting would cut words: the text takes
    the whole width on the lines after the lead."""
    assert rendered(Hanging("  • ", Text("Senior Policy Operating Group")), 12) == [
        "  •",
        "Senior",
        "Policy",
        "Operating",
        "Group",
    ]
