"""The interagency bodies: `tip pitf`, `tip spog` and `tip body`."""

from typing import TYPE_CHECKING, Annotated

import typer

from tipcli.cli import (
    AsOfOption,
    Output,
    app,
    load_index,
    output_options,
    reports_errors,
)
from tipcli.text import quoted

if TYPE_CHECKING:
    from tipcli.index import Index
    from tipcli.model import Organisation


def _show_body(org: "Organisation", index: "Index", *, as_of: int | None, out: Output) -> None:
    from tipcli import views
    from tipcli.render import machine

    view = views.body_view(index, org, as_of)
    if not view.sources:
        from tipcli.errors import NotFoundError

        raise NotFoundError(f"no document of {as_of} or earlier describes {org.name}")

    out.emit(
        as_json=lambda: machine.body_record(index, view),
        as_plain=lambda: machine.body_plain(index, view),
        as_human=lambda render: render.body(index, view),
    )


@app.command(short_help="Show the President's Interagency Task Force.")
@reports_errors
@output_options
def pitf(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show the President's Interagency Task Force: chair, legal basis, members.

    Example: tip pitf --as-of 2005
    """
    _show_known_body("pitf", as_of=as_of, out=out)


@app.command(short_help="Show the Senior Policy Operating Group.")
@reports_errors
@output_options
def spog(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show the Senior Policy Operating Group: chair, members, committees, working groups.

    Example: tip spog --as-of 2010
    """
    _show_known_body("spog", as_of=as_of, out=out)


def _show_known_body(body_id: str, *, as_of: int | None, out: Output) -> None:
    """`tip pitf` and `tip spog`: a body the directory knows by its id."""
    from tipcli.errors import NotFoundError

    index = load_index(out.data)
    body = index.organisations.get(body_id)
    if body is None:
        raise NotFoundError(f"this data file has no organisation with the id '{body_id}'")
    _show_body(body, index, as_of=as_of, out=out)


@app.command(short_help="Show any interagency body or centre.")
@reports_errors
@output_options
def body(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(help="A body's acronym or name: PITF, SPOG, HSTC, task forces..."),
    ],
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show any interagency body, centre, committee or task-force network.

    Example: tip body "human smuggling and trafficking center"
    """
    from tipcli.errors import NotFoundError
    from tipcli.resolve import Resolver
    from tipcli.vocab import BODY_KINDS

    index = load_index(out.data)
    resolver = Resolver(index)
    if not resolver.candidates(name, frozenset(BODY_KINDS)) and resolver.candidates(name):
        org = resolver.resolve(name)
        raise NotFoundError(f"{org.name} is not an interagency body; try tip agency {quoted(name)}")
    found = resolver.resolve(name, frozenset(BODY_KINDS))
    _show_body(found, index, as_of=as_of, out=out)
