"""Terminal output with Rich. Imported only when stdout is a terminal.

Data is always wrapped in `Text` objects, never interpolated into markup, so a name
like `[bold]X[/]` prints as written.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.table import Table
from rich.text import Text

from tipcli.model import Source
from tipcli.render.machine import source_date


def sources_table(sources: Iterable[Source]) -> Table:
    table = Table(title="Source documents", title_justify="left", expand=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("publisher")
    table.add_column("title")
    for source in sources:
        table.add_row(
            Text(source.id), Text(source_date(source)), Text(source.publisher), Text(source.title)
        )
    return table
