"""The commands that show the record as a whole: the timeline, the hierarchy, the
matrix and the graph."""

from enum import StrEnum
from typing import Annotated

import typer

from tipcli.cli import output
from tipcli.cli.apps import app
from tipcli.cli.complete import complete_organisations
from tipcli.cli.options import (
    AsOfOption,
    DataOption,
    data_path,
    joined,
    listing_options,
    output_options,
)
from tipcli.cli.output import Output


@app.command(short_help="List the dated events of the record, oldest first.")
@listing_options
def timeline(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY...]",
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
    from tipcli.query import listings
    from tipcli.query.index import open_index

    out.emit_listing(listings.timeline(open_index(out.data), joined(query), as_of))


@app.command(short_help="Show the hierarchy of departments, offices and programmes.")
@output_options
def tree(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY...]",
            help="Start from this organisation instead of the top.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    as_of: AsOfOption = None,
    *,
    out: Output,
) -> None:
    """Show the hierarchy from departments down to offices, with the programmes each
    runs, funds or produces; with --as-of, as documents of that year or earlier name
    them, and of a body's committees only those of the newest list.

    A tree on a terminal; indented text (two spaces a level, programmes marked '*')
    when piped; nested JSON with --json.

    Example: tip tree DOJ
    """
    from tipcli.query import pictures
    from tipcli.query.index import open_index

    out.emit(pictures.tree(open_index(out.data), joined(query), as_of))


class MatrixBy(StrEnum):
    BODY = "body"
    TOPIC = "topic"
    PILLAR = "3p"


@app.command(short_help="Show organisations by bodies, topics or 3P pillars.")
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
    from tipcli.query import pictures
    from tipcli.query.index import open_index

    out.emit_listing(pictures.matrix(open_index(out.data), by.value, as_of))


class GraphFormat(StrEnum):
    DOT = "dot"
    MERMAID = "mermaid"


@app.command(short_help="Draw organisations, bodies and programmes as a graph.")
def graph(
    ctx: typer.Context,
    query: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[QUERY...]",
            help="Only this organisation, its components, its bodies and what they run.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        GraphFormat, typer.Option("--format", "-f", help="Graphviz DOT or Mermaid.")
    ] = GraphFormat.DOT,
    as_of: AsOfOption = None,
    data: DataOption = None,
) -> None:
    """Write organisations, bodies, programmes and hotlines as nodes, and parent-of,
    member-of, chairs, runs and partners-with as edges, for Graphviz or Mermaid.

    Memberships are the newest record's, or with --as-of those of that year. Render
    DOT with Graphviz, for example `tip graph PITF | dot -Tsvg > pitf.svg`; paste
    Mermaid into any Mermaid viewer.

    Example: tip graph --format mermaid HSTC
    """
    from tipcli.query import pictures
    from tipcli.query.index import open_index
    from tipcli.render import graph as draw

    view = pictures.graph(open_index(data_path(ctx, data)), joined(query), as_of)
    output.write(draw.dot(view) if fmt is GraphFormat.DOT else draw.mermaid(view))
