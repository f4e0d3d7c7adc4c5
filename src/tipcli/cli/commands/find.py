"""Finding statements: `tip search`, and `tip topics` for what to search by."""

from typing import Annotated

import typer

from tipcli.cli import batch
from tipcli.cli.apps import app
from tipcli.cli.complete import complete_organisations, complete_topics
from tipcli.cli.options import BodyFilterOption, joined, listing_options
from tipcli.cli.output import Output
from tipcli.errors import UsageError


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

    With '-' as the text, each line of standard input is a search, answered with
    --jsonl on a line of its own: {"query": ..., "answer": {"hits": [...], "total": N,
    "corrected": [...]}} or {"query": ..., "error": MESSAGE, "exit_code": N}; the
    options apply to each. The exit code is then 1 if any found nothing.

    Example: tip search "victim services" --body spog --limit 5
    """
    from tipcli.query.search.find import find

    words = joined(text)
    if words == batch.STDIN:
        _each_line(out, limit=limit, agency=within, topic=topic, body=body)
        return
    out.emit_listing(find(out.data, words, limit=limit, agency=within, topic=topic, body=body))


def _each_line(
    out: Output, *, limit: int, agency: str | None, topic: str | None, body: str | None
) -> None:
    """`tip search -`: a search for each line of standard input, with the same options."""
    from tipcli.query.search.find import finder
    from tipcli.render.records import search_answer

    batch.require_jsonl(out)
    if out.fields:
        raise UsageError("--fields does not go with '-'")
    found = finder(out.data, limit=limit, agency=agency, topic=topic, body=body)
    batch.answer_each(lambda line: search_answer(found.find(line)))


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
