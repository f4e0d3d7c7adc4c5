"""The one canonical TOML form of a directory, and writing files without tearing them."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

import tomli_w

from tipcli import schema
from tipcli.errors import WriteError
from tipcli.model import Directory
from tipcli.schema import TableSpec


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


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text` so that a reader sees the old file or the new, never half.

    The temporary file sits in the same folder so that the final rename stays on one
    file system; the original's permissions are kept.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise WriteError(f"cannot write to {folder}: {err.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            Path(temp_name).chmod(mode)
        Path(temp_name).replace(path)
    except OSError as err:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise WriteError(f"cannot write {path}: {err.strerror}") from None
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise
