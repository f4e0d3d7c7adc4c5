"""Writing a file the user names (`export --output`, `data fmt`): what was there keeps
its identity, or the write is refused with the reason.

- A symbolic link stays a link: the file it points to is the one written.
- A regular file is replaced in one step (see `atomic.replace`) and keeps its mode,
  owner and group. A read-only file, or one with other hard links (which would keep
  the old text), is refused unless the caller forces it.
- A character device, FIFO or socket is a stream, not a file: the output is written
  through it (where streams are wanted at all) and it stays what it was. So is a name
  of one of the run's open descriptors (/dev/stdout, /dev/fd/3): the output goes to
  that descriptor as it is open (appending under `>>`), not to a copy of its file.
- A new file gets the permissions the user's umask gives any new file.
"""

import os
import stat
from pathlib import Path

from tipcli.data import atomic
from tipcli.data.streams import write_all
from tipcli.errors import WriteError


def write(given: str, data: bytes, *, force: bool, streams: bool) -> None:
    """Write `data` to the file the user named `given`, or raise a one-line WriteError.

    `force` overrides the refusals of read-only and hard-linked files and of a file
    whose owner cannot be kept; `streams` allows a device, FIFO or socket.
    """
    if given.endswith("/") and not Path(given).is_dir():
        raise WriteError(f"cannot write {given}: a name ending in '/' is a folder, not a file")
    descriptor = _descriptor_named(given)
    if descriptor is not None:
        if not streams:
            raise WriteError(f"not writing {given}: it names an open descriptor, not a file")
        write_all(descriptor, [data], given)
        return
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
    # link is written where it points). Any other path is taken as it is: resolving
    # `nodir/../x` by its letters would write where the system says there is no path.
    target = Path(os.path.realpath(given)) if Path(given).is_symlink() else Path(given)
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
    if os.statvfs(given).f_flag & os.ST_RDONLY:
        raise WriteError(f"cannot write {given}: it is on a read-only file system")
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
        # A FIFO waits here for a reader, as a shell's `>` does.
        descriptor = os.open(given, os.O_WRONLY | os.O_NOCTTY)
    except OSError as err:
        raise WriteError(f"cannot write {given}: {err.strerror}") from None
    try:
        write_all(descriptor, [data], given)
    finally:
        os.close(descriptor)


# The names under which a process reaches its own open descriptors.
_DESCRIPTOR_FOLDERS = ("/dev/fd", "/proc/self/fd", f"/proc/{os.getpid()}/fd")


def _descriptor_named(given: str) -> int | None:
    """The open descriptor a path names (/dev/stdout, /dev/fd/3, a link to either), or
    None. Such a path must not be resolved: its last link points at whatever file the
    descriptor has open, which is not the descriptor (an append, a deleted file)."""
    path = Path(given)
    for _ in range(40):  # the kernel's own limit on links followed
        normal = Path(os.path.normpath(path))
        if str(normal.parent) in _DESCRIPTOR_FOLDERS and normal.name.isdigit():
            return int(normal.name)
        try:
            link = path.readlink()
        except OSError:
            return None
        path = path.parent / link
    return None


def _new_file_mode() -> int:
    """What the umask leaves of rw-rw-rw-, as for a file any other program creates."""
    # The only portable way to read the umask is to set it; it is set back at once.
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask
