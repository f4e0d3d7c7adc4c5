"""The lookup commands: an organisation's card, search, topics, hotlines, the bodies,
the list of organisations and the documents cited."""

from typing import TYPE_CHECKING, Annotated

import typer

from tipcli.cli import (
    AsOfOption,
    BodyFilterOption,
    Output,
    app,
    complete_organisations,
    complete_topics,
    listing_options,
    load_index,
    output_options,
    reports_errors,
)
from tipcli.text import quoted

if TYPE_CHECKING:
    from tipcli.index import Index
    from tipcli.model import Hotline, Organisation


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


@app.command(short_help="List the hotlines and their numbers.")
@reports_errors
@listing_options
def hotline(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="An organisation (its hotlines and its components') or a word.",
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
    from tipcli import views
    from tipcli.errors import NotFoundError
    from tipcli.render import machine

    index = load_index(out.data)
    then = [views.hotline_as_of(index, h, as_of) for h in _hotlines_for(index, query)]
    entries = [views.hotline_entry(index, h) for h in then if h is not None]
    if not entries:
        raise NotFoundError(f"no document of {as_of} or earlier describes such a hotline")

    out.emit_listing(
        records=lambda: [machine.hotline_record(index, e) for e in entries],
        as_plain=lambda: machine.hotlines_plain(index, entries),
        as_human=lambda render: render.hotlines(index, entries),
    )


def _hotlines_for(index: "Index", query: str | None) -> "list[Hotline]":
    from tipcli.errors import NotFoundError
    from tipcli.names import normalize
    from tipcli.resolve import Resolver

    everything = list(index.directory.hotlines)
    if query is None:
        return list(everything)
    if not normalize(query):
        from tipcli.errors import UsageError

        raise UsageError(
            "the query has no letters or digits; give an organisation or a word, or leave it out"
        )
    found = Resolver(index).candidates(query)
    if len(found) == 1:
        family = index.family(found[0])
        chosen = [h for h in everything if family & {op.organisation for op in h.operators}]
        if chosen:
            return list(chosen)
    words = normalize(query).split()
    chosen = []
    for item in everything:
        text = normalize(
            " ".join([item.name, item.purpose, item.audience, *(a.name for a in item.aliases)])
        )
        if all(word in text for word in words):
            chosen.append(item)
    if not chosen:
        raise NotFoundError(f"no hotline matches {quoted(query)}")
    return list(chosen)


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


@app.command("list")
@reports_errors
@listing_options
def list_organisations(
    ctx: typer.Context,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind", help="Only this kind, such as department or office.", show_default=False
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
    from tipcli import views
    from tipcli.errors import NotFoundError
    from tipcli.render import machine
    from tipcli.resolve import Resolver
    from tipcli.vocab import BODY_KINDS

    index = load_index(out.data)
    orgs = views.organisations_as_of(index, as_of)
    if kind is not None:
        wanted_kind = views.check_kind(kind)
        orgs = [o for o in orgs if o.kind == wanted_kind]
    resolver = Resolver(index)
    if parent is not None:
        top = resolver.resolve(parent)
        below = {o.id for o in index.descendants(top)}
        orgs = [o for o in orgs if o.id in below]
    if body is not None:
        chosen = resolver.resolve(body, frozenset(BODY_KINDS))
        seated = {m.member for m in views.body_members(index, chosen.id, as_of)}
        orgs = [o for o in orgs if o.id in seated]
    if not orgs:
        raise NotFoundError("no organisation fits those filters")

    out.emit_listing(
        records=lambda: machine.organisations_record(orgs),
        as_plain=lambda: machine.organisations_plain(orgs),
        as_human=lambda render: render.organisations(orgs),
    )


@app.command()
@reports_errors
@listing_options
def sources(
    ctx: typer.Context,
    *,
    out: Output,
) -> None:
    """List the source documents and their dates.

    Every fact in the directory cites one of these documents by its id.

    Example: tip sources --json | jq -r '.[].id'
    """
    from tipcli.load import load
    from tipcli.render import machine

    directory = load(out.data)

    out.emit_listing(
        records=lambda: [machine.source_record(s) for s in directory.sources],
        as_plain=lambda: machine.sources_plain(directory.sources),
        as_human=lambda render: render.sources_table(directory.sources),
    )
