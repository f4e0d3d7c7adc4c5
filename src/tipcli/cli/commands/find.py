"""Finding statements: `tip search`, and `tip topics` for what to search by."""

from typing import Annotated

import typer

from tipcli.cli.apps import app
from tipcli.cli.complete import complete_organisations, complete_topics
from tipcli.cli.options import BodyFilterOption, joined, listing_options
from tipcli.cli.output import Output


@app.command(short_help="Find statements by keyword, best first.")
@listing_options
def search(
    ctx: typer.Context,
    text: Annotated[
        list[str] | None,
        typer.Argument(
            help="Words to look for (none with --topic: everything tagged with it).",
            metavar="[TEXT...]",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most N hits.")] = 20,
    within: Annotated[
        str | None,
        typer.Option(
            "--agency",
            metavar="ORG",
            help="Only what this organisation and its components do.",
            autocompletion=complete_organisations,
            show_default=False,
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            metavar="TOPIC",
            help="Only statements tagged with this topic (see 'tip topics').",
            autocompletion=complete_topics,
            show_default=False,
        ),
    ] = None,
    body: BodyFilterOption = None,
    *,
    out: Output,
) -> None:
    """Find responsibilities, programmes, hotlines, laws and figures by keyword.

    Hits that contain the whole phrase come first, then those with every word, then
    those with some. Plurals and other word forms match (visa, visas), short words
    that carry meaning are kept (T visa), and names and acronyms count. --agency and
    --body keep what concerns those organisations and their components. Exits 1 when
    nothing matches.

    Example: tip search "victim services" --body spog --limit 5
    """
    from tipcli.query.search.find import find

    words = joined(text)
    out.emit_listing(find(out.data, words, limit=limit, agency=within, topic=topic, body=body))


@app.command(short_help="List the topics and how often each is used.")
@listing_options
def topics(
    ctx: typer.Context,
    *,
    out: Output,
) -> None:
    """List the topics statements are tagged with, and how often each is used.

    Example: tip topics --plain | sort -t$'\\t' -k3 -rn | head
    """
    from tipcli.query import listings
    from tipcli.query.index import open_index

    out.emit_listing(listings.topics(open_index(out.data)))
