"""The commands that work on data files and the cache: export, validate, data fmt,
cache clear and cache path."""

from enum import StrEnum
from typing import Annotated

import typer

from tipcli.cli import output
from tipcli.cli.apps import app, cache_app, data_app
from tipcli.cli.options import DataOption, data_path
from tipcli.errors import DataFileError, UsageError


class ExportFormat(StrEnum):
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    TOML = "toml"
    MARKDOWN = "markdown"
    HTML = "html"


class ExportTable(StrEnum):
    ORGANISATIONS = "organisations"
    RESPONSIBILITIES = "responsibilities"
    PROGRAMS = "programs"
    HOTLINES = "hotlines"
    MEMBERSHIPS = "memberships"


# The docstring's first sentence lists the formats, too long for `tip --help`'s list.
@app.command(short_help="Write the whole directory as data or as a document.")
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
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="With --output: replace FILE even if it is read-only or hard-linked."
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Write the whole directory as JSON, JSON Lines, CSV, TOML, Markdown or HTML.

    JSON and TOML keep the data file's structure and load back with --data; TOML is
    the canonical form, byte for byte. CSV gives one table, flattened: organisations,
    responsibilities, programs, hotlines or memberships. HTML is one self-contained page
    to open offline or mail: every card, the bodies year by year, and a search box that
    answers as tip search does. With --output the file is
    written to a temporary file beside it and renamed, so a failure leaves the old file
    as it was; it keeps its mode, owner and group, and a link stays a link. A device,
    FIFO or socket is written through, never replaced.

    Example: tip export --format csv --table hotlines --output hotlines.csv
    """
    from tipcli.data import userfile
    from tipcli.query.index import open_index
    from tipcli.render import export as exporter

    if table is not None and fmt is not ExportFormat.CSV:
        raise UsageError("--table goes with --format csv")
    chosen = (table or ExportTable.ORGANISATIONS).value
    text = exporter.render(open_index(data_path(ctx, data)), fmt.value, chosen)
    if force and to is None:
        raise UsageError("--force goes with --output")
    if to is None:
        output.write(text)
        return
    userfile.write(to, text.encode(), force=force, streams=True)
    output.note(f"wrote {to} ({len(text.encode())} bytes, {fmt.value})")


@app.command()
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
    from tipcli.data.load import report
    from tipcli.data.stats import counts

    found = report(path if path is not None else data_path(ctx, data))
    for problem in found.problems:
        output.write_line(problem.render(found.label))
    if not found.well_formed:
        raise DataFileError(f"{found.label} is not well-formed")
    if found.directory is None:
        count = found.total
        noun = "problem" if count == 1 else "problems"
        shown = f" (the first {len(found.problems)} shown)" if count > len(found.problems) else ""
        raise DataFileError(f"{count} {noun} in {found.checked}{shown}")
    summary = ", ".join(f"{n} {what}" for what, n in counts(found.directory).items())
    output.write(f"{found.checked}: valid ({summary})\n")


@data_app.command("fmt")
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
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rewrite even a file that has comments (dropped), is read-only or hard-linked.",
        ),
    ] = False,
    data: DataOption = None,
) -> None:
    """Rewrite a data file in canonical form.

    The canonical form is what the tool's own TOML writer produces: keys in schema
    order, one array item a line, no comments. The file is replaced in one step (a
    temporary file, then a rename) and only if it is valid, so it is never left
    half-written. It keeps its mode, owner and group; through a symbolic link, the
    file it points to is formatted. A file with comments, a read-only file and one with
    other hard links are left alone unless --force is given.

    Example: tip data fmt --check data/agencies.toml
    """
    from tipcli.data import canonical

    done = canonical.reformat(
        path if path is not None else data_path(ctx, data), check=check, force=force
    )
    if not done.rewritten:
        output.note(f"{done.label} is in canonical form")
        return
    dropped = done.comments_dropped
    lost = f" (dropped {dropped} comment{'s' if dropped != 1 else ''})" if dropped else ""
    output.note(f"reformatted {done.label}{lost}")


@data_app.command("new")
def data_new(
    file: Annotated[
        str,
        typer.Argument(metavar="FILE", help="Where to write it (a new file).", show_default=False),
    ],
    force: Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")] = False,
) -> None:
    """Write a starting file of your own entries, commented and valid as it is.

    It holds a source of yours dated today, an organisation under one of the
    directory's, and a hotline it runs: change them to what you know. In the folder
    $XDG_DATA_HOME/tip/ (~/.local/share/tip/, made if missing) a file is merged over the
    directory on every run; elsewhere, add it for one run with tip --add FILE.

    Example: tip data new ~/.local/share/tip/springfield.toml
    """
    from tipcli.data import added
    from tipcli.errors import command_line

    if added.start_file(file, force=force):
        output.note(f"wrote {file}: edit it; it is merged on every run; check: tip validate")
    else:
        adding = command_line("tip", "--add", file)
        output.note(f"wrote {file}: edit it, add it with: {adding} ..., check: {adding} validate")


@cache_app.command("clear")
def cache_clear() -> None:
    """Delete every cached data file; the next run of each rebuilds its own.

    Example: tip cache clear
    """
    from tipcli.data import cache

    removed = cache.clear()
    output.note(
        f"removed {removed} cached file{'s' if removed != 1 else ''} from {cache.directory()}"
    )


@cache_app.command("path", short_help="Print the cache directory.")
def cache_path() -> None:
    """Print the cache directory ($XDG_CACHE_HOME/tipcli; TIP_NO_CACHE=1 turns it off).

    Example: du -sh "$(tip cache path)"
    """
    from tipcli.data import cache

    output.write_line(str(cache.directory()))
