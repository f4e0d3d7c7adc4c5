"""The listings: hotlines, organisations and the documents cited."""

from typing import Annotated

import typer

from tipcli.cli.apps import app
from tipcli.cli.complete import complete_hotlines, complete_kinds, complete_organisations
from tipcli.cli.options import (
    AsOfOption,
    BodyFilterOption,
    hotline_options,
    joined,
    listing_options,
)
from tipcli.cli.output import Output


@app.command(short_help="List the hotlines and their numbers.")
@hotline_options
def hotline(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY...]",
            help="A hotline's id or name, an organisation (its hotlines and its components'), "
            "or words in a hotline's name, purpose or audience.",
            autocompletion=complete_hotlines,
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """List the hotlines: number as published, dialable number, who runs it, for whom.

    With QUERY, only the hotlines of that organisation and its components, or, if it
    names no organisation, those whose name or purpose has the words. With --as-of,
    each hotline as documents of that year or earlier describe it: the name and the
    number printed then. On a terminal that supports links, the number is a tel: link.

    Example: tip hotline --json | jq -r '.[] | "\\(.dialable) \\(.name)"'
    """
    from tipcli.query import listings
    from tipcli.query.index import open_index

    out.emit_listing(listings.hotlines(open_index(out.data), joined(query), as_of))


@app.command("list")
@listing_options
def list_organisations(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            help="Only this kind, such as department or office.",
            autocompletion=complete_kinds,
            show_default=False,
        ),
    ] = None,
    parent: Annotated[
        str | None,
        typer.Option(
            "--parent",
            metavar="ORG",
            help="Only the components of ORG, at any depth.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    body: BodyFilterOption = None,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """List organisations, in the directory's order.

    With --as-of, only those documents of that year or earlier name, by the names
    used then.

    Example: tip list --kind department --plain | cut -f2,3
    """
    from tipcli.query import listings
    from tipcli.query.index import open_index

    view = listings.organisations(
        open_index(out.data), kind=kind, parent=parent, body=body, year=as_of
    )
    out.emit_listing(view)


@app.command()
@listing_options
def sources(
    ctx: typer.Context,
    source_id: Annotated[
        str | None,
        typer.Argument(
            metavar="ID",
            help="Only this document: an id that statements cite, or one it had before.",
            show_default=False,
        ),
    ] = None,
    *,
    out: Output,
) -> None:
    """List the source documents and their dates.

    Every fact in the directory cites one of these documents by its id. A document
    whose id changed (when its inferred date was corrected) is found by its old id too.

    Example: tip sources --json | jq -r '.[].id'
    """
    from tipcli.data.load import load
    from tipcli.query import listings

    out.emit_listing(listings.sources(load(out.data).directory, source_id))
