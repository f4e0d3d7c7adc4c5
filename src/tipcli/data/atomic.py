"""Replacing a file in one step, so that a reader sees the old file or the new, never half."""

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


class FolderNotWritableError(OSError):
    """No temporary file could be made in the folder; `filename` is that folder."""


def replace(path: Path, chunks: Iterable[bytes], *, durable: bool) -> None:
    """Write `chunks` to a temporary file beside `path`, then rename it over `path`.

    The temporary file sits in the same folder so that the rename stays on one file
    system; an existing file's permissions are kept. `durable` flushes the data to disk
    before the rename, for files a user keeps; a cache can be rebuilt and skips it.
    Raises FolderNotWritableError if the folder takes no new file, else OSError; the
    temporary file is removed whatever goes wrong (Ctrl-C too).
    """
    import tempfile  # only when writing: a run that reads its cache does not pay for it

    folder = path.parent if str(path.parent) else Path()
    try:
        mode: int | None = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as err:
        raise FolderNotWritableError(err.errno, err.strerror, str(folder)) from None
    try:
        with os.fdopen(handle, "wb") as out:
            # One write a chunk rather than one joined copy: a large directory's cache is
            # tens of megabytes.
            for chunk in chunks:
                out.write(chunk)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        if mode is not None:
            Path(temp_name).chmod(mode)
        # A rename is atomic: a concurrent reader sees the old file or the new one.
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise
