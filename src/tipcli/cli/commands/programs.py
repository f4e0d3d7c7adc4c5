"""The cards of programmes and laws: `tip program` and `tip law`."""

from typing import Annotated

import typer

from tipcli.cli.apps import app
from tipcli.cli.complete import complete_laws, complete_programs
from tipcli.cli.options import AsOfOption, card_options, joined
from tipcli.cli.output import Output


@app.command(short_help="Show a programme, campaign, report or benefit.")
@card_options
def program(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="A programme's name, acronym or id, in any case: T visa, Blue Campaign...",
            metavar="QUERY...",
            autocompletion=complete_programs,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show a programme, campaign, report or benefit: what it is, who runs, funds or
    takes part in it, the laws it rests on, its figures and dated events, and the
    documents cited; with --as-of, as documents of that year or earlier describe it.

    Example: tip program "continued presence"
    """
    from tipcli.query.index import open_index
    from tipcli.query.programs import program_card

    out.emit(program_card(open_index(out.data), joined(query) or "", as_of))


@app.command(short_help="Show a law, directive or treaty.")
@card_options
def law(
    ctx: typer.Context,
    query: Annotated[
        list[str],
        typer.Argument(
            help="A law's name, acronym or id: TVPA, PROTECT Act...",
            metavar="QUERY...",
            autocompletion=complete_laws,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show a law, directive or treaty: its public law number and date, what it created,
    authorised, required or changed, the programmes that rest on it, its dated events
    and the documents cited.

    Example: tip law TVPA
    """
    from tipcli.query.index import open_index
    from tipcli.query.programs import law_card

    out.emit(law_card(open_index(out.data), joined(query) or "", as_of))
