"""The one canonical TOML form of a directory, writing a user's file in one step, and
`tip data fmt`."""

from pathlib import Path
from typing import Any

import tomli_w

from tipcli.data import atomic, files, schema
from tipcli.data.load import directory_from_text
from tipcli.data.model import Directory
from tipcli.data.schema import TableSpec
from tipcli.errors import CheckFailedError, UsageError, WriteError


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


def write_file(path: Path, text: str) -> None:
    """Replace a user's file with `text` in one step (see `atomic.replace`), or raise a
    WriteError that says why not."""
    try:
        atomic.replace(path, [text.encode("utf-8")], durable=True)
    except atomic.FolderNotWritableError as err:
        raise WriteError(f"cannot write to {err.filename}: {err.strerror}") from None
    except OSError as err:
        raise WriteError(f"cannot write {path}: {err.strerror}") from None


def reformat(explicit: str | None, *, check: bool) -> tuple[str, bool]:
    """`tip data fmt`: put a data file in canonical form (only if it is valid), or with
    `check` only say whether it is (CheckFailedError if not). Returns the file's label
    and whether it was rewritten."""
    located = files.locate(explicit)
    if located.is_json:
        raise UsageError(
            f"{located.label} is JSON; the canonical form is TOML "
            "(tip export --format toml --data FILE)"
        )
    text = files.read_text(located)
    canonical_text = dumps(directory_from_text(text, located.label))
    if canonical_text == text:
        return located.label, False
    if check:
        raise CheckFailedError(
            f"{located.label} is not in canonical form; run 'tip data fmt {located.label}'"
        )
    write_file(located.path, canonical_text)
    return located.label, True
