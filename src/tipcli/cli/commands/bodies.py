"""The interagency bodies: `tip pitf`, `tip spog` and `tip body`."""

from typing import Annotated

import typer

from tipcli.cli.apps import app
from tipcli.cli.complete import complete_bodies
from tipcli.cli.options import AsOfOption, card_options, joined
from tipcli.cli.output import Output


@app.command(short_help="Show the President's Interagency Task Force.")
@card_options
def pitf(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show the President's Interagency Task Force: chair, legal basis, members.

    Example: tip pitf --as-of 2005
    """
    from tipcli.query.cards import known_body
    from tipcli.query.index import open_index

    out.emit(known_body(open_index(out.data), "pitf", as_of))


@app.command(short_help="Show the Senior Policy Operating Group.")
@card_options
def spog(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show the Senior Policy Operating Group: chair, members, committees, working groups.

    Example: tip spog --as-of 2010
    """
    from tipcli.query.cards import known_body
    from tipcli.query.index import open_index

    out.emit(known_body(open_index(out.data), "spog", as_of))


@app.command(short_help="Show any interagency body or centre.")
@card_options
def body(
    ctx: typer.Context,
    name: Annotated[
        list[str],
        typer.Argument(
            help="A body's acronym or name: PITF, SPOG, HSTC, task forces...",
            metavar="NAME...",
            autocompletion=complete_bodies,
            show_default=False,
        ),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show any interagency body, centre, committee or task-force network.

    Example: tip body "human smuggling and trafficking center"
    """
    from tipcli.query.cards import named_body
    from tipcli.query.index import open_index

    out.emit(named_body(open_index(out.data), joined(name) or "", as_of))
