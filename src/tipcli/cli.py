"""The command line: parse, call the domain, render, and map errors to exit codes.

Imports of the domain and renderers happen inside the commands, so that `tip --help`
and shell completion load only what they use, and the JSON and plain paths never load
Rich.
"""

import functools
import inspect
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from types import ModuleType
from typing import TYPE_CHECKING, Annotated, Any, NamedTuple, ParamSpec, TypeVar, cast

import typer
from typer.core import TyperGroup

from tipcli import __version__, output
from tipcli.errors import ExitCode, TipError
from tipcli.text import quoted

if TYPE_CHECKING:
    from rich.console import RenderableType

    from tipcli.index import Index
    from tipcli.model import Hotline, Organisation

# "\b" keeps Click from re-wrapping the paragraph that follows it.
EXIT_CODES_HELP = """Exit codes:

\b
  0    success
  1    nothing found, or a check failed
  2    usage error
  3    the data file is missing, unreadable, malformed or invalid
  4    an output file could not be written
  130  interrupted (Ctrl-C)
  141  the reader of the output stopped early (as head does)"""


class _OneLineErrors(TyperGroup):
    """Click's usage errors as one 'tip:' line on stderr, in tests as in real use."""

    def main(  # type: ignore[override]
        self,
        args: list[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        # Typer 0.28 vendors Click; its exceptions are not re-exported, and the version
        # bound in pyproject.toml keeps this import where it is.
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except (KeyboardInterrupt, typer.Abort):
            sys.exit(ExitCode.INTERRUPTED)
        except NoArgsIsHelpError as err:
            err.show()  # `tip` alone prints the help
            sys.exit(err.exit_code)
        except ClickException as err:
            message = " ".join(err.format_message().split())
            ctx = getattr(err, "ctx", None)
            if ctx is not None:
                message += f" (see '{ctx.command_path} --help')"
            output.error(message)
            sys.exit(err.exit_code)
        sys.exit(code if isinstance(code, int) else ExitCode.OK)


app = typer.Typer(
    cls=_OneLineErrors,
    name="tip",
    help="An offline directory of the U.S. federal government's work against human "
    "trafficking: agencies, offices, programmes, hotlines and interagency bodies, each "
    "fact cited to a public document and dated.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
data_app = typer.Typer(
    help="Work on data files: put them in canonical form.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(data_app, name="data")
cache_app = typer.Typer(
    help="The cache of parsed data files, which makes later runs faster.",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")

P = ParamSpec("P")
R = TypeVar("R")


def _complete_organisations(incomplete: str) -> list[str]:
    """Acronyms and ids for `tip agency`, from the bundled or $TIP_DATA directory."""
    index = _quiet_index()
    if index is None:
        return []
    folded = incomplete.casefold()
    terms = [o.acronym or o.id for o in index.directory.organisations]
    return sorted({t for t in terms if t.casefold().startswith(folded)})


def _complete_topics(incomplete: str) -> list[str]:
    index = _quiet_index()
    if index is None:
        return []
    return [t for t in index.topics if t.startswith(incomplete.casefold())]


def _quiet_index() -> "Index | None":
    # Completion must never print an error into the user's command line.
    try:
        from tipcli.index import Index
        from tipcli.load import load

        return Index.build(load(None))
    except TipError:
        return None


DataOption = Annotated[
    str | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Read this data file instead of the bundled directory (default: $TIP_DATA).",
        show_default=False,
    ),
]
FieldsOption = Annotated[
    str | None,
    typer.Option(
        "--fields",
        metavar="A,B,C",
        help="Only these fields, in this order (any machine format; see --json for names).",
        show_default=False,
    ),
]
NoColorOption = Annotated[
    bool, typer.Option("--no-color", help="No colour on a terminal (as NO_COLOR=1 or TERM=dumb).")
]
BodyFilterOption = Annotated[
    str | None,
    typer.Option(
        "--body",
        metavar="BODY",
        help="Only organisations with a part in this body, in any role (newest record).",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    int | None,
    typer.Option(
        "--as-of",
        metavar="YEAR",
        min=1900,
        max=2100,
        help="Show the record as documents of YEAR or earlier describe it (default: newest).",
        show_default=False,
    ),
]


def reports_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn a TipError into one line on stderr and its exit code."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except TipError as err:
            output.error(err.message)
            raise typer.Exit(err.exit_code) from None

    return run


def _data_path(ctx: typer.Context, data: str | None) -> str | None:
    """The command's --data, else the one given before the command."""
    if data:
        return data
    # `tip --data X data fmt`: the root's context holds the option given before the command.
    given: str | None = (ctx.find_root().obj or {}).get("data")
    return given


def _index(data: str | None) -> "Index":
    from tipcli.index import Index
    from tipcli.load import load

    return Index.build(load(data))


def _no_color(ctx: typer.Context, no_color: bool) -> bool:
    return no_color or bool((ctx.find_root().obj or {}).get("no_color"))


class Output(NamedTuple):
    """What a command was asked for: which data file, and which output form."""

    data: str | None
    formats: tuple[output.Format, ...]  # the format flags given (at most one is allowed)
    no_color: bool
    fields: tuple[str, ...] = ()

    def emit(
        self,
        *,
        as_json: Callable[[], object],
        as_plain: Callable[[], str],
        as_human: "Callable[[ModuleType], RenderableType]",
    ) -> None:
        """Print in the one form asked for; only that form's work is done.

        `as_human` receives the Rich renderer module, imported only on this path.
        """
        fmt = output.choose(list(self.formats))
        if fmt is output.Format.JSON:
            from tipcli.render.machine import to_json

            output.write(to_json(as_json(), pretty=output.stdout_is_terminal()))
        elif fmt is output.Format.PLAIN:
            output.write(as_plain())
        else:
            from tipcli.render import human

            output.show(as_human(human), no_color=self.no_color)

    def emit_listing(
        self,
        *,
        records: Callable[[], list[dict[str, object]]],
        as_plain: Callable[[], str],
        as_human: "Callable[[ModuleType], RenderableType]",
    ) -> None:
        """A listing in any format; --fields picks and orders the fields of each record."""
        from tipcli.render import machine

        fmt = output.choose(list(self.formats))
        if fmt is output.Format.TABLE and not self.fields:
            from tipcli.render import human

            output.show(as_human(human), no_color=self.no_color)
            return
        if fmt is output.Format.PLAIN and not self.fields:
            output.write(as_plain())
            return
        rows = records()
        available = list(rows[0]) if rows else []
        fields = list(self.fields) or available
        unknown = [f for f in fields if f not in available]
        if unknown:
            from tipcli.errors import UsageError

            raise UsageError(f"unknown field '{unknown[0]}' (fields: {', '.join(available)})")
        chosen = machine.pick(rows, fields) if self.fields else rows
        if fmt is output.Format.JSON:
            output.write(machine.to_json(chosen, pretty=output.stdout_is_terminal()))
        elif fmt is output.Format.JSONL:
            output.write(machine.jsonl(chosen))
        elif fmt is output.Format.TABLE:
            from tipcli.render import human

            output.show(human.records(chosen, fields), no_color=self.no_color)
        else:
            tabs = fmt is not output.Format.CSV
            header = fmt is not output.Format.PLAIN
            output.write(machine.delimited(chosen, fields, tabs=tabs, header=header))


FORMAT_FLAGS = {
    "json": (output.Format.JSON, "Print JSON (pretty on a terminal, one line in a pipe)."),
    "plain": (output.Format.PLAIN, "Print one tab-separated record a line, even on a terminal."),
}
LISTING_FLAGS = {
    "jsonl": (output.Format.JSONL, "Print JSON Lines: one object a line."),
    "csv": (output.Format.CSV, "Print CSV with a header row."),
    "tsv": (output.Format.TSV, "Print tab-separated values with a header row."),
}


# Built once, not once per command: each costs a typing.Annotated and a Typer option.
FLAG_OPTIONS = {
    name: Annotated[bool, typer.Option(f"--{name}", help=text)]
    for name, (_, text) in {**FORMAT_FLAGS, **LISTING_FLAGS}.items()
}


def _options(*, listing: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared output options, declared once for every command.

    Every data command gets --data, --json, --plain and --no-color; listing commands
    also get --jsonl, --csv, --tsv and --fields. The command declares `ctx` and
    `out: Output`; `out` is replaced in the signature Typer reads by these options.
    """
    flags = {**FORMAT_FLAGS, **(LISTING_FLAGS if listing else {})}

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        signature = inspect.signature(command, eval_str=True)
        kept = [p for name, p in signature.parameters.items() if name != "out"]
        keyword = inspect.Parameter.KEYWORD_ONLY
        shared = [inspect.Parameter("data", keyword, default=None, annotation=DataOption)]
        shared += [
            inspect.Parameter(name, keyword, default=False, annotation=FLAG_OPTIONS[name])
            for name in flags
        ]
        if listing:
            shared.append(
                inspect.Parameter("fields", keyword, default=None, annotation=FieldsOption)
            )
        shared.append(
            inspect.Parameter("no_color", keyword, default=False, annotation=NoColorOption)
        )

        @functools.wraps(command)
        def run(*args: object, **kwargs: object) -> None:
            # Typer hands over Click's own Context, which typer.Context only names.
            ctx = cast(typer.Context, kwargs["ctx"])
            asked = tuple(fmt for name, (fmt, _) in flags.items() if kwargs.pop(name))
            data = cast(str | None, kwargs.pop("data"))
            no_color = cast(bool, kwargs.pop("no_color"))
            fields = cast(str | None, kwargs.pop("fields", None))
            out = Output(
                data=_data_path(ctx, data),
                formats=asked,
                no_color=_no_color(ctx, no_color),
                fields=tuple(f.strip() for f in fields.split(",") if f.strip()) if fields else (),
            )
            command(*args, out=out, **kwargs)

        run.__signature__ = signature.replace(parameters=[*kept, *shared])  # type: ignore[attr-defined]
        return run

    return decorate


output_options = _options(listing=False)
listing_options = _options(listing=True)


def _print_version(value: bool) -> None:
    if value:
        output.write(f"tip {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    data: DataOption = None,
    no_color: NoColorOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data, "no_color": no_color}


@app.command()
@reports_errors
@output_options
def agency(
    ctx: typer.Context,
    query: Annotated[
        str,
        typer.Argument(
            help="An acronym, name, alias or part of a name, in any case.",
            autocompletion=_complete_organisations,
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

    index = _index(out.data)
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
            autocompletion=_complete_organisations,
            show_default=False,
        ),
    ] = None,
    topic: Annotated[
        str | None,
        typer.Option(
            "--topic",
            metavar="TOPIC",
            help="Only statements tagged with this topic (see 'tip topics').",
            autocompletion=_complete_topics,
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

    index = _index(out.data)
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

    index = _index(out.data)
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

    index = _index(out.data)
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

    index = _index(out.data)
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
            autocompletion=_complete_organisations,
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

    index = _index(out.data)
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

    index = _index(out.data)
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
            autocompletion=_complete_organisations,
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

    index = _index(out.data)
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

    index = _index(out.data)
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
            autocompletion=_complete_organisations,
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

    index = _index(_data_path(ctx, data))
    root = Resolver(index).resolve(query) if query is not None else None
    view = pictures.graph(index, root)
    output.write(draw.dot(view) if fmt is GraphFormat.DOT else draw.mermaid(view))


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TOML = "toml"
    MARKDOWN = "markdown"


class ExportTable(StrEnum):
    ORGANISATIONS = "organisations"
    RESPONSIBILITIES = "responsibilities"
    PROGRAMS = "programs"
    HOTLINES = "hotlines"
    MEMBERSHIPS = "memberships"


@app.command()
@reports_errors
def export(
    ctx: typer.Context,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="The file format.")
    ] = ExportFormat.JSON,
    table: Annotated[
        ExportTable | None,
        typer.Option(
            "--table",
            help="With --format csv: which table, one row each (default: organisations).",
            show_default=False,
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE (replaced in one step) instead of standard output.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Write the whole directory as JSON, JSON Lines, CSV, TOML or Markdown.

    JSON and TOML keep the data file's structure and load back with --data; TOML is
    the canonical form, byte for byte. CSV gives one table, flattened: organisations,
    responsibilities, programs, hotlines or memberships. With --output the file is
    written to a temporary file beside it and renamed, so a failure leaves the old file
    as it was.

    Example: tip export --format csv --table hotlines --output hotlines.csv
    """
    from pathlib import Path

    from tipcli import canonical
    from tipcli.errors import UsageError
    from tipcli.render import export as exporter

    if table is not None and fmt is not ExportFormat.CSV:
        raise UsageError("--table goes with --format csv")
    index = _index(_data_path(ctx, data))
    chosen = (table or ExportTable.ORGANISATIONS).value
    text = exporter.render(index, fmt.value, chosen)
    if to is None:
        output.write(text)
        return
    canonical.write_atomically(Path(to), text)
    output.note(f"wrote {to} ({len(text.encode())} bytes, {fmt.value})")


@app.command()
@reports_errors
def validate(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="The data file to check (default: --data, $TIP_DATA, or bundled)."
        ),
    ] = None,
    data: DataOption = None,
) -> None:
    """Check a data file and list every problem with its place.

    Problems print one a line as FILE:PLACE: MESSAGE, where PLACE is LINE:COLUMN for a
    TOML syntax error and the entity and field otherwise. Exits 3 if there are any.

    Example: tip validate my-directory.toml
    """
    from tipcli import load
    from tipcli.errors import DataFileError, InvalidDataError
    from tipcli.stats import counts

    located = load.locate(path or _data_path(ctx, data))
    text = load.read_text(located)
    try:
        directory = load.directory_from_text(text, located.label, json=load.is_json(located))
    except load.SyntaxProblemError as err:
        output.write_line(err.problem.render(located.label))
        raise DataFileError(f"{located.label} is not well-formed") from None
    except InvalidDataError as err:
        for problem in err.problems:
            output.write_line(problem.render(located.label))
        count = len(err.problems)
        noun = "problem" if count == 1 else "problems"
        raise DataFileError(f"{count} {noun} in {located.label}") from None
    summary = ", ".join(f"{n} {what}" for what, n in counts(directory).items())
    output.write(f"{located.label}: valid ({summary})\n")


@data_app.command("fmt")
@reports_errors
def data_fmt(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Argument(
            metavar="PATH", help="The data file to format (default: --data, $TIP_DATA, or bundled)."
        ),
    ] = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only say whether the file is canonical; exit 1 if not.")
    ] = False,
    data: DataOption = None,
) -> None:
    """Rewrite a data file in canonical form.

    The canonical form is what the tool's own TOML writer produces: keys in schema
    order, one array item a line. The file is replaced in one step (a temporary file,
    then a rename) and only if it is valid, so it is never left half-written.

    Example: tip data fmt --check data/agencies.toml
    """
    from pathlib import Path

    from tipcli import canonical, load
    from tipcli.errors import CheckFailedError

    located = load.locate(path or _data_path(ctx, data))
    if load.is_json(located):
        from tipcli.errors import UsageError

        raise UsageError(
            f"{located.label} is JSON; the canonical form is TOML "
            "(tip export --format toml --data FILE)"
        )
    text = load.read_text(located)
    canonical_text = canonical.dumps(load.directory_from_text(text, located.label))
    if canonical_text == text:
        output.note(f"{located.label} is in canonical form")
        return
    if check:
        raise CheckFailedError(
            f"{located.label} is not in canonical form; run 'tip data fmt {located.label}'"
        )
    canonical.write_atomically(Path(located.path), canonical_text)
    output.note(f"reformatted {located.label}")


@cache_app.command("clear")
@reports_errors
def cache_clear() -> None:
    """Delete every cached data file; the next run of each rebuilds its own.

    Example: tip cache clear
    """
    from tipcli import cache

    removed = cache.clear()
    output.note(
        f"removed {removed} cached file{'s' if removed != 1 else ''} from {cache.directory()}"
    )


@cache_app.command("path")
@reports_errors
def cache_path() -> None:
    """Print the cache directory ($XDG_CACHE_HOME/tipcli; TIP_NO_CACHE=1 turns it off).

    Example: du -sh "$(tip cache path)"
    """
    from tipcli import cache

    output.write_line(str(cache.directory()))


def run() -> None:
    """The `tip` program. `tipcli.entry.main` calls this once it has taken charge of
    Ctrl-C and closed pipes."""
    if sys.argv[1:] == ["--version"]:
        # Scripts ask this often; it needs none of the 15 commands Typer would build.
        output.write(f"tip {__version__}\n")
        return
    app_for(sys.argv[1:])()


# Root options that take a value, so that `tip --data X agency DHS` finds "agency".
_ROOT_VALUE_OPTIONS = {"--data"}
_ROOT_FLAGS = {"--no-color"}


def app_for(argv: list[str]) -> typer.Typer:
    """The app with only the command this run asks for, where that is clear.

    Typer builds the Click objects of every registered command at every start, though
    a run uses one; for `tip agency DHS` that is 14 commands' worth of work. Help,
    completion and anything unrecognised get the whole app.
    """
    import os

    if "_TIP_COMPLETE" in os.environ:
        # Completing: the words typed before the one being completed say which command
        # it is (bash passes them in COMP_WORDS, zsh and fish in _TYPER_COMPLETE_ARGS).
        typed = _typed_before_cursor(os.environ)
        name = _subcommand(typed) if typed is not None else None
    else:
        name = _subcommand(argv)
    if name is None:
        return app
    commands = [
        info
        for info in app.registered_commands
        if info.callback is not None
        and (info.name or info.callback.__name__.replace("_", "-")) == name
    ]
    groups = [info for info in app.registered_groups if info.name == name]
    if not commands and not groups:
        return app
    import copy

    narrow = copy.copy(app)
    narrow.registered_commands = commands
    narrow.registered_groups = groups
    return narrow


def _typed_before_cursor(env: os._Environ[str] | dict[str, str]) -> list[str] | None:
    """The finished words of a command line being completed, after `tip`."""
    if "COMP_WORDS" in env:
        words = env["COMP_WORDS"].split()
        try:
            cursor = int(env.get("COMP_CWORD", ""))
        except ValueError:
            return None
        return words[1:cursor]
    if "_TYPER_COMPLETE_ARGS" in env:
        args = env["_TYPER_COMPLETE_ARGS"]
        words = args.split()
        # A trailing space means the last word is finished; otherwise it is being typed.
        return words[1:] if args.endswith(" ") else words[1:-1]
    return None


def _subcommand(argv: list[str]) -> str | None:
    """The command named on a command line, or None when a root option comes first
    that might not be followed by one (--help, --version)."""
    skip_value = False
    for arg in argv:
        if skip_value:
            skip_value = False
        elif arg in _ROOT_VALUE_OPTIONS:
            skip_value = True
        elif arg in _ROOT_FLAGS or arg.startswith("--data="):
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg
    return None
