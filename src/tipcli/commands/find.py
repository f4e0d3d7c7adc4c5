"""Finding statements: `tip search`, and `tip topics` for what to search by."""

from typing import TYPE_CHECKING, Annotated

import typer

from tipcli.cli import (
    BodyFilterOption,
    Output,
    app,
    complete_organisations,
    complete_topics,
    listing_options,
    load_index,
    reports_errors,
)
from tipcli.text import quoted

if TYPE_CHECKING:
    pass


@app.command(short_help="Find statements by keyword, best first.")
@reports_errors
@listing_options
def search(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(help="Words to look for.", show_default=False)],
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
    from tipcli import search as finder
    from tipcli import views
    from tipcli.errors import NotFoundError, UsageError
    from tipcli.names import normalize
    from tipcli.render import machine
    from tipcli.resolve import Resolver
    from tipcli.vocab import BODY_KINDS

    if not normalize(text):
        raise UsageError(
            "the search text has no letters or digits; give a word or phrase, such as 'T visa'"
        )
    from tipcli import cache
    from tipcli.index import Index
    from tipcli.load import cache_key, load_keyed

    # A current cached index answers a plain search without loading the directory;
    # --agency and --body need the directory to know who is who.
    searcher = cache.searcher(cache_key(out.data))
    index: Index | None = None
    if searcher is None or within is not None or body is not None:
        directory, source_key = load_keyed(out.data)
        index = Index.build(directory)
        if searcher is None:
            searcher = cache.build_searcher(index, source_key)
    allowed: set[str] | None = None
    if within is not None:
        assert index is not None
        org = Resolver(index).resolve(within)
        allowed = index.family(org)
    if body is not None:
        assert index is not None
        chosen = Resolver(index).resolve(body, frozenset(BODY_KINDS))
        seats = {m.member for m in views.body_members(index, chosen.id, None)}
        on_body = {o for org_id in seats for o in index.family(index.organisations[org_id])}
        allowed = on_body if allowed is None else allowed & on_body
    labels = searcher.labels
    topic_id = _topic_id(labels, topic) if topic is not None else None
    filters = finder.Filters(
        organisations=frozenset(allowed) if allowed is not None else None, topic=topic_id
    )
    hits = searcher.search(text, filters, limit)
    if not hits:
        raise NotFoundError(f"nothing matches {quoted(text)}")

    out.emit_listing(
        records=lambda: machine.hits_record(hits),
        as_plain=lambda: machine.hits_plain(hits),
        as_human=lambda render: render.hits(labels, hits),
    )


def _topic_id(labels: dict[str, str], topic: str) -> str:
    from tipcli.errors import UsageError
    from tipcli.names import normalize

    wanted = normalize(topic)
    for topic_id, label in labels.items():
        if wanted in (normalize(topic_id), normalize(label)):
            return topic_id
    known = ", ".join(labels)
    raise UsageError(f"unknown topic {quoted(topic)} (topics: {known})")


@app.command(short_help="List the topics and how often each is used.")
@reports_errors
@listing_options
def topics(
    ctx: typer.Context,
    *,
    out: Output,
) -> None:
    """List the topics statements are tagged with, and how often each is used.

    Example: tip topics --plain | sort -t$'\\t' -k3 -rn | head
    """
    from tipcli.render import machine
    from tipcli.search import topic_uses

    index = load_index(out.data)
    uses = topic_uses(index)
    items = index.directory.topics

    out.emit_listing(
        records=lambda: machine.topics_record(items, uses),
        as_plain=lambda: machine.topics_plain(items, uses),
        as_human=lambda render: render.topics(items, uses),
    )
