"""The listings: hotlines, organisations and the documents cited."""

from typing import TYPE_CHECKING, Annotated

import typer

from tipcli.cli import (
    AsOfOption,
    BodyFilterOption,
    Output,
    app,
    complete_organisations,
    listing_options,
    load_index,
    reports_errors,
)
from tipcli.text import quoted

if TYPE_CHECKING:
    from tipcli.index import Index
    from tipcli.model import Hotline


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
