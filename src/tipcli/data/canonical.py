"""The one canonical TOML form of a directory, writing a user's file in one step, and
`tip data fmt`."""

from typing import Any, NamedTuple

import tomli_w

from tipcli.data import files, schema, userfile
from tipcli.data.load import directory_from_text, report
from tipcli.data.model import Directory
from tipcli.data.schema import TableSpec
from tipcli.errors import (
    CheckFailedError,
    InvalidDataError,
    SyntaxProblemError,
    UsageError,
    WriteError,
    command_line,
)


def to_table(spec: TableSpec, obj: object) -> dict[str, Any]:
    """A plain dict in schema order, leaving out what is empty or false by default."""
    table: dict[str, Any] = {}
    for field in spec.fields:
        value = getattr(obj, field.name)
        if value in ("", (), None) or (value is False and not field.required):
            continue
        if field.type == schema.TABLES:
            assert field.table is not None
            inner = field.table
            value = [to_table(inner, item) for item in value]
        elif field.type == schema.TEXTS:
            value = list(value)
        table[field.name] = value
    return table


def dumps(directory: Directory) -> str:
    return tomli_w.dumps(to_table(schema.DIRECTORY, directory))


def in_order(spec: TableSpec, raw: dict[str, Any]) -> dict[str, Any]:
    """A checked file's own tables in schema order, leaving out what to_table leaves
    out: the canonical form of an added file, which holds only part of a directory (an
    entry may be no more than an id and the statements it adds) and so has no model."""
    table: dict[str, Any] = {}
    for field in spec.fields:
        value = raw.get(field.name)
        if value in ("", [], None) or (value is False and not field.required):
            continue
        if field.type == schema.TABLES:
            assert field.table is not None
            value = [in_order(field.table, item) for item in value]
        table[field.name] = value
    return table


def _canonical(located: files.DataFile, text: str) -> str:
    """The canonical text of a data file; of an added file, checked with the directory
    it is merged over."""
    if not _is_added(located):
        return dumps(directory_from_text(text, located.label))
    from tipcli.data.parse import parse_toml

    found = report(str(located.path))
    if not found.well_formed:
        raise SyntaxProblemError(found.label, found.problems[0])
    if found.directory is None:
        raise InvalidDataError(found.label, found.problems, found.total)
    return tomli_w.dumps(in_order(schema.DIRECTORY, parse_toml(text, located.label)))


def _is_added(located: files.DataFile) -> bool:
    from tipcli.data import added

    base = files.locate(None).path
    return any(files.same_file(path, located.path) for path, _ in added.paths(base))


def comments_in(text: str) -> int:
    """How many comments a TOML text has: a '#' outside every kind of string."""
    count = 0
    at = 0
    end = len(text)
    while at < end:
        char = text[at]
        if char == "#":
            count += 1
            at = text.find("\n", at)
            if at < 0:
                break
        elif char in "\"'":
            at = _string_end(text, at)
            continue
        at += 1
    return count


def _string_end(text: str, start: int) -> int:
    """Where the string opening at `start` ends, just past its closing quote(s)."""
    quote = text[start]
    multiline = text.startswith(quote * 3, start)
    at = start + (3 if multiline else 1)
    end = len(text)
    while at < end:
        char = text[at]
        if char == "\\" and quote == '"':
            at += 2  # only basic strings have escapes: the next character is escaped
            continue
        if char == quote and (not multiline or text.startswith(quote * 3, at)):
            if not multiline:
                return at + 1
            # A multi-line string may end in up to two quotes of its own before the
            # closing three: the string ends after the whole run, at most five.
            run = 3
            while run < 5 and text.startswith(quote, at + run):
                run += 1
            return at + run
        at += 1
    return end


class Reformatted(NamedTuple):
    label: str  # how to name the file to the user
    rewritten: bool  # False if it was canonical already
    comments_dropped: int


def reformat(explicit: str | None, *, check: bool, force: bool = False) -> Reformatted:
    """`tip data fmt`: put a data file in canonical form (only if it is valid), or with
    `check` only say whether it is (CheckFailedError if not).

    The canonical form has no comments: a file with some is refused unless `force`."""
    located = files.locate(explicit)
    if located.is_json:
        raise UsageError(
            f"{located.label} is JSON; the canonical form is TOML "
            "(tip export --format toml --data FILE)"
        )
    raw = files.read_bytes(located)
    text = files.decode(raw, located)
    canonical_text = _canonical(located, text)
    # Bytes, not text: a byte-order mark, which decoding drops, is no part of the form.
    if canonical_text.encode() == raw:
        return Reformatted(located.label, False, 0)
    if check:
        raise CheckFailedError(
            f"{located.label} is not in canonical form; "
            f"run: {command_line('tip', 'data', 'fmt', located.label)}"
        )
    comments = comments_in(text)
    if comments and not force:
        noun = "comment" if comments == 1 else "comments"
        raise WriteError(
            f"not rewriting {located.label}: its {comments} {noun} would be lost, as the "
            "canonical form has none (--force drops them)"
        )
    userfile.write(str(located.path), canonical_text.encode(), force=force, streams=False)
    return Reformatted(located.label, True, comments)
