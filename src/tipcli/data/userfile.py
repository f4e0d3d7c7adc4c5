"""Writing a file the user names (`export --output`, `data fmt`): what was there keeps
its identity, or the write is refused with the reason.

- A symbolic link stays a link: the file it points to is the one written.
- A regular file is replaced in one step (see `atomic.replace`) and keeps its mode,
  owner and group. A read-only file, or one with other hard links (which would keep
  the old text), is refused unless the caller forces it.
- A character device, FIFO or socket is a stream, not a file: the output is written
  through it (where streams are wanted at all) and it stays what it was.
- A new file gets the permissions the user's umask gives any new file.
"""

import os
import stat
from pathlib import Path

from tipcli.data import atomic
from tipcli.errors import WriteError


def write(given: str, data: bytes, *, force: bool, streams: bool) -> None:
    """Write `data` to the file the user named `given`, or raise a one-line WriteError.

    `force` overrides the refusals of read-only and hard-linked files and of a file
    whose owner cannot be kept; `streams` allows a device, FIFO or socket.
    """
    if given.endswith("/") and not Path(given).is_dir():
        raise WriteError(f"cannot write {given}: a name ending in '/' is a folder, not a file")
    try:
        found: os.stat_result | None = Path(given).stat()
    except FileNotFoundError:
        found = None
    except OSError as err:
        raise WriteError(f"cannot write {given}: {err.strerror}") from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        _write_through(given, found, data, streams=streams)
        return
    # The file itself: a link's target, so that the link stays a link (a dangling
    # link is written where it points).
    target = Path(os.path.realpath(given))
    if found is None:
        mode, owner = _new_file_mode(), None
    else:
        _refuse_unless_forced(given, found, force=force)
        mode = stat.S_IMODE(found.st_mode)
        owner = (found.st_uid, found.st_gid)
    try:
        atomic.replace(
            target, [data], durable=True, mode=mode, owner=owner, owner_required=not force
        )
    except atomic.FolderNotWritableError as err:
        raise WriteError(f"cannot write to {err.filename}: {err.strerror}") from None
    except atomic.OwnerNotKeptError:
        assert owner is not None
        raise WriteError(
            f"cannot write {given}: it belongs to user {owner[0]}, group {owner[1]}, and a "
            "new copy could not keep them (--force writes it as yours)"
        ) from None
    except OSError as err:
        raise WriteError(f"cannot write {given}: {err.strerror}") from None


def _refuse_unless_forced(given: str, found: os.stat_result, *, force: bool) -> None:
    if force:
        return
    if found.st_nlink > 1:
        raise WriteError(
            f"not writing {given}: it has {found.st_nlink} hard links, and the others would "
            "keep the old text (--force replaces this name only)"
        )
    # Root may write anything: a file with no write permission for anyone is read-only
    # by the owner's intent, whoever runs the tool.
    if not found.st_mode & 0o222 or not os.access(given, os.W_OK):
        raise WriteError(f"not writing {given}: it is read-only (--force replaces it anyway)")


def _write_through(given: str, found: os.stat_result, data: bytes, *, streams: bool) -> None:
    """A folder or a block device is refused; a stream gets the bytes and stays itself."""
    mode = found.st_mode
    if stat.S_ISDIR(mode):
        raise WriteError(f"cannot write {given}: it is a folder")
    if not streams or stat.S_ISBLK(mode):
        what = "block device" if stat.S_ISBLK(mode) else "device, FIFO or socket"
        raise WriteError(f"not writing {given}: it is a {what}, not a regular file")
    try:
        if stat.S_ISSOCK(mode):
            import socket  # only for this rare target

            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
                connection.connect(given)
                connection.sendall(data)
            return
        # No O_CREAT, no O_TRUNC: a device or FIFO is opened as it is, never replaced.
        descriptor = os.open(given, os.O_WRONLY | os.O_NOCTTY)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(descriptor, view) :]
        finally:
            os.close(descriptor)
    except OSError as err:
        raise WriteError(f"cannot write {given}: {err.strerror}") from None


def _new_file_mode() -> int:
    """What the umask leaves of rw-rw-rw-, as for a file any other program creates."""
    # The only portable way to read the umask is to set it; it is set back at once.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
