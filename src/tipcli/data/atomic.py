"""Replacing a file in one step, so that a reader sees the old file or the new, never half."""

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path


class FolderNotWritableError(OSError):
    """No temporary file could be made in the folder; `filename` is that folder."""


class OwnerNotKeptError(OSError):
    """The new file could not be given the old one's owner and group."""


def replace(
    path: Path,
    chunks: Iterable[bytes],
    *,
    durable: bool,
    mode: int | None = None,
    owner: tuple[int, int] | None = None,
    owner_required: bool = True,
) -> None:
    """Write `chunks` to a temporary file beside `path`, then rename it over `path`.

    The temporary file sits in the same folder so that the rename stays on one file
    system. It gets `mode` (else the private 0600 of a temporary file) and `owner`
    (user, group) if given; OwnerNotKeptError if that fails and `owner_required`.
    `durable` flushes the data to disk before the rename, for files a user keeps; a
    cache can be rebuilt and skips it. Raises FolderNotWritableError if the folder
    takes no new file, else OSError; the temporary file is removed whatever goes wrong
    (Ctrl-C and the signals `tip` stops on too).
    """
    import tempfile  # only when writing: a run that reads its cache does not pay for it

    # The folder as the system finds it: `tempfile` would read `link/..` by its letters.
    folder = Path(os.path.realpath(path.parent))
    try:
        # The name cut short, so that the temporary name fits where the file's own does.
        prefix = f".{path.name[:40]}."
        handle, temp_name = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=folder)
    except OSError as err:
        raise FolderNotWritableError(err.errno, err.strerror, str(folder)) from None
    try:
        # Even where the owner is the user: in a set-group-ID folder a new file takes the
        # folder's group, not the old file's.
        if owner is not None:
            try:
                os.fchown(handle, *owner)
            except PermissionError:
                if owner_required:
                    raise OwnerNotKeptError(path) from None
        if mode is not None:
            # After the change of owner, which clears set-user-ID and set-group-ID bits.
            os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as out:
            # One write a chunk rather than one joined copy: a large directory's cache is
            # tens of megabytes.
            for chunk in chunks:
                out.write(chunk)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        # A rename is atomic: a concurrent reader sees the old file or the new one.
        Path(temp_name).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temp_name).unlink()
        raise
