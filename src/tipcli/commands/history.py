"""The commands that show the record as a whole: the timeline, the hierarchy, the
matrix and the graph."""

from enum import StrEnum
from typing import Annotated

import typer

from tipcli import output
from tipcli.cli import (
    AsOfOption,
    DataOption,
    Output,
    app,
    complete_organisations,
    data_path,
    listing_options,
    load_index,
    output_options,
    reports_errors,
)
from tipcli.text import quoted


@app.command(short_help="List the dated events of the record, oldest first.")
@reports_errors
@listing_options
def timeline(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="An organisation (its events and its components') or words in the event.",
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """List laws passed, bodies set up, programmes launched, reports published and the
    other dated events of the record, each with its sources.

    Events are in order of year; within a year, in the order the record gives them.
    With --as-of, only what documents of that year or earlier report.

    Example: tip timeline PITF
    """
    from tipcli import views
    from tipcli.errors import NotFoundError, UsageError
    from tipcli.names import normalize
    from tipcli.render import machine
    from tipcli.resolve import Resolver

    index = load_index(out.data)
    about: set[str] | None = None
    words: list[str] | None = None
    if query is not None:
        if not normalize(query):
            raise UsageError("the query has no letters or digits; give an organisation or a word")
        found = Resolver(index).candidates(query)
        if len(found) == 1:
            about = index.family(found[0])
        else:
            words = normalize(query).split()
    events = views.timeline(index, about=about, words=words, year=as_of)
    if not events:
        if query is not None:
            raise NotFoundError(f"no event matches {quoted(query)}")
        raise NotFoundError(f"no document of {as_of} or earlier reports an event")
    out.emit_listing(
        records=lambda: machine.timeline_records(index, events),
        as_plain=lambda: machine.timeline_plain(events),
        as_human=lambda render: render.timeline(index, events),
    )


@app.command(short_help="Show the hierarchy of departments, offices and programmes.")
@reports_errors
@output_options
def tree(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="Start from this organisation instead of the top.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    *,
    out: Output,
) -> None:
    """Show the hierarchy from departments down to offices, with the programmes each
    runs, funds or produces.

    A tree on a terminal; indented text (two spaces a level, programmes marked '*')
    when piped; nested JSON with --json.

    Example: tip tree DOJ
    """
    from tipcli import pictures
    from tipcli.render import machine
    from tipcli.resolve import Resolver

    index = load_index(out.data)
    root = Resolver(index).resolve(query) if query is not None else None
    nodes = pictures.tree(index, root)
    out.emit(
        as_json=lambda: machine.tree_record(nodes),
        as_plain=lambda: machine.tree_plain(nodes),
        as_human=lambda render: render.tree(nodes),
    )


class MatrixBy(StrEnum):
    BODY = "body"
    TOPIC = "topic"
    PILLAR = "3p"


@app.command(short_help="Show organisations by bodies, topics or 3P pillars.")
@reports_errors
@listing_options
def matrix(
    ctx: typer.Context,
    by: Annotated[
        MatrixBy, typer.Option("--by", help="Columns: bodies (with roles), topics or pillars.")
    ] = MatrixBy.BODY,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show which organisation sits on which body in which role, or how many of its
    responsibilities serve each topic or each of prevention, protection, prosecution
    and partnership.

    A compact grid on a terminal (role marks or counts, with a legend); one record an
    organisation in every machine format.

    Example: tip matrix --by 3p --csv
    """
    from tipcli import pictures
    from tipcli.errors import NotFoundError
    from tipcli.render import machine

    index = load_index(out.data)
    view = pictures.matrix(index, by.value, as_of)
    if not view.rows:
        raise NotFoundError(f"no document of {as_of} or earlier gives such a record")
    out.emit_listing(
        records=lambda: machine.matrix_records(view),
        as_plain=lambda: machine.matrix_plain(view),
        as_human=lambda render: render.matrix(view),
    )


class GraphFormat(StrEnum):
    DOT = "dot"
    MERMAID = "mermaid"


@app.command(short_help="Draw organisations, bodies and programmes as a graph.")
@reports_errors
def graph(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="Only this organisation, its components, its bodies and what they run.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Graphviz DOT or Mermaid.")
    ] = GraphFormat.DOT,
    data: DataOption = None,
) -> None:
    """Write organisations, bodies, programmes and hotlines as nodes, and parent-of,
    member-of, chairs, runs and partners-with as edges, for Graphviz or Mermaid.

    Memberships are the newest record's. Render DOT with Graphviz, for example
    `tip graph PITF | dot -Tsvg > pitf.svg`; paste Mermaid into any Mermaid viewer.

    Example: tip graph --format mermaid HSTC
    """
    from tipcli import pictures
    from tipcli.render import graph as draw
    from tipcli.resolve import Resolver

    index = load_index(data_path(ctx, data))
    root = Resolver(index).resolve(query) if query is not None else None
    view = pictures.graph(index, root)
    output.write(draw.dot(view) if fmt is GraphFormat.DOT else draw.mermaid(view))
