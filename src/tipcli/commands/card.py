"""An organisation's card: `tip agency`, the command scripts call most, in a module
of its own so that it loads nothing else."""

from typing import TYPE_CHECKING, Annotated

import typer

from tipcli.cli import (
    AsOfOption,
    Output,
    app,
    complete_organisations,
    load_index,
    output_options,
    reports_errors,
)

if TYPE_CHECKING:
    pass


@app.command()
@reports_errors
@output_options
def agency(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="An acronym, name, alias or part of a name, in any case.",
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
    from tipcli import views
    from tipcli.errors import NotFoundError
    from tipcli.render import machine
    from tipcli.resolve import Resolver

    index = load_index(out.data)
    org = Resolver(index).resolve(query)
    if as_of is not None and not views.in_view(org.sources, index, as_of):
        raise NotFoundError(f"no document of {as_of} or earlier names {org.name}")
    card = views.card(index, org, as_of)

    out.emit(
        as_json=lambda: machine.card_record(index, card),
        as_plain=lambda: machine.card_plain(index, card),
        as_human=lambda render: render.card(index, card),
    )
