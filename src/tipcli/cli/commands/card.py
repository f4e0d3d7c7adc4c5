"""An organisation's card: `tip agency`, the command scripts call most, in a module
of its own so that it loads nothing else."""

from typing import Annotated

import typer

from tipcli.cli.apps import app
from tipcli.cli.complete import complete_organisations
from tipcli.cli.options import AsOfOption, card_options, joined
from tipcli.cli.output import Output


@app.command()
@card_options
def agency(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="An acronym, name, alias or part of a name, in any case.",
            metavar="QUERY...",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show what an agency or office does, with its sources.

    The card gives the name, kind and parent chain, a summary, its responsibilities
    with topics, its programmes and reports, hotlines (its own and its components'),
    the bodies it sits on, its components, figures, dated events, and the documents
    cited; with --as-of, only what documents of that year or earlier say, under the
    names used then. A query that matches several organisations lists them; one that
    matches none suggests the closest names. Either way nothing is printed on stdout, and the
    exit code is 1.

    Example: tip agency "homeland security"
    """
    from tipcli.query.cards import agency_card
    from tipcli.query.index import open_index

    out.emit(agency_card(open_index(out.data), joined(query) or "", as_of))
