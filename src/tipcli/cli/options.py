"""The options commands share, declared once: which data file, which output format,
which fields, colour, and the year of an as-of view."""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, cast

import typer

from tipcli.cli.complete import complete_bodies
from tipcli.cli.output import Format, Output

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
        autocompletion=complete_bodies,
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


def data_path(ctx: typer.Context, data: str | None) -> str | None:
    """The command's --data, else the one given before the command."""
    if data is not None:
        return data
    # `tip --data X data fmt`: the root's context holds the option given before the command.
    given: str | None = (ctx.find_root().obj or {}).get("data")
    return given


def _no_color(ctx: typer.Context, no_color: bool) -> bool:
    return no_color or bool((ctx.find_root().obj or {}).get("no_color"))


FORMAT_FLAGS = {
    "json": (Format.JSON, "Print JSON (pretty on a terminal, one line in a pipe)."),
    "plain": (Format.PLAIN, "Print one tab-separated record a line, even on a terminal."),
}
# Cards and the hotlines, which people hand on, also print as Markdown.
HANDOUT_FLAGS = {
    "markdown": (Format.MARKDOWN, "Print Markdown, with the sources cited, to paste or mail."),
}
LISTING_FLAGS = {
    "jsonl": (Format.JSONL, "Print JSON Lines: one object a line."),
    "csv": (Format.CSV, "Print CSV with a header row."),
    "tsv": (Format.TSV, "Print tab-separated values with a header row."),
}


# Built once, not once per command: each costs a typing.Annotated and a Typer option.
FLAG_OPTIONS = {
    name: Annotated[bool, typer.Option(f"--{name}", help=text)]
    for name, (_, text) in {**FORMAT_FLAGS, **HANDOUT_FLAGS, **LISTING_FLAGS}.items()
}


def _options(
    *, listing: bool, handout: bool = False, batch: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the shared output options, declared once for every command.

    Every data command gets --data, --json, --plain and --no-color; cards and the
    hotlines (`handout`) also get --markdown; listing commands also get --jsonl, --csv,
    --tsv and --fields; a command that answers queries read from standard input
    (`batch`) gets --jsonl, the form of those answers. The command declares `ctx` and
    `out: Output`; `out` is replaced in the signature Typer reads by these options.
    """
    flags = {
        **FORMAT_FLAGS,
        **(HANDOUT_FLAGS if handout else {}),
        **(LISTING_FLAGS if listing else {}),
        **({"jsonl": LISTING_FLAGS["jsonl"]} if batch else {}),
    }

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
                data=data_path(ctx, data),
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
card_options = _options(listing=False, handout=True)
lookup_options = _options(listing=False, handout=True, batch=True)
hotline_options = _options(listing=True, handout=True)


def joined(words: list[str] | None) -> str | None:
    """A query given as several words without quotes (`tip agency homeland security`)
    means the words together, as if quoted."""
    return " ".join(words) if words else None
