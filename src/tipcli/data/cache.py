"""A cache of parsed, validated data files, so that later runs skip TOML and validation.

Each data file has one cache file per kind in the user's cache directory, named after
its path. A cache file is a fixed marker, the CRC-32 of the rest, and the rest: the key
it was made from and the value, in the standard library's `marshal` format. Reading
marshal data builds plain values (tuples, dicts, strings, numbers) and runs no code;
it is several times faster to read than JSON, and the loader turns its nested tuples
into the model's named tuples without looking up a single key. The checksum is
verified before a byte is unmarshalled, so a damaged file is never decoded.

The cache is never required: it is skipped with TIP_NO_CACHE=1, read only when the
data file's path, size, modification time and CRC-32, the tool's version and the shape
of the model all match, ignored and rewritten when stale or damaged, and written
(atomically) only if it can be. Any error here means "no cache", never a failed run.
"""

import contextlib
import marshal
import os
import stat
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tipcli import __version__
from tipcli.data import atomic

DISABLE_ENV = "TIP_NO_CACHE"
SUFFIX = ".cache"
# Names the format; a file that does not start with it is not one of ours (or is from
# an older, incompatible layout) and is ignored.
MARKER = b"tipcli cache 2\n"
_CRC_BYTES = 4
# The marshal format of each kind of entry, both read by every Python this tool
# supports, so that two interpreters sharing one cache directory understand each
# other's files. Measured on 5,000 and 50,000 organisations: for the parsed data,
# format 2 writes in time linear in the size, while format 4's table of
# back-references made writing the larger file 2.8 times slower (383 ms against
# 136 ms) and reading no faster; the search index, whose documents repeat the same
# titles and source ids, reads twice as fast in format 4, which shares them (234 ms
# against 442 ms), and writes as fast.
_MARSHAL_VERSIONS = {"data": 2, "search": 4}


# Bounds checked before a byte is decoded. The bundled directory's cache is 0.1 MB and
# one of 50,000 organisations about 60 MB.
MAX_FILE_BYTES = 512 * 1024 * 1024
# What the cache may hold in all: past either, the files used longest ago go first.
MAX_FILES = 32
# A cache file's name keeps these bytes of the data file's name, the rest become "_".
_SAFE_IN_NAME = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
MAX_TOTAL_BYTES = 1024 * 1024 * 1024


def directory() -> Path:
    """$XDG_CACHE_HOME/tipcli; a relative XDG_CACHE_HOME is ignored, as the XDG base
    directory specification asks, for ~/.cache."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not Path(base).is_absolute():
        base = str(Path.home() / ".cache")
    return Path(base) / "tipcli"


def _private(folder: Path) -> bool:
    """Whether the cache folder is one only this user controls: a real folder (not a
    link), owned by the user, that no one else can write. Anything else means no cache:
    another user who could write it could change every answer."""
    try:
        info = folder.lstat()
    except OSError:
        return False
    return (
        stat.S_ISDIR(info.st_mode)
        and info.st_uid == os.geteuid()
        and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)
    )


def usable_folder(create: bool) -> Path | None:
    """The cache folder if it is private, made private (0700) where it does not exist
    and `create` says to; else None."""
    folder = directory()
    if create and not os.path.lexists(folder):
        try:
            folder.parent.mkdir(parents=True, exist_ok=True)
            folder.mkdir(mode=0o700)
        except OSError:
            return None
    return folder if _private(folder) else None


def enabled() -> bool:
    return os.environ.get(DISABLE_ENV, "") in ("", "0")


def key(path: Path, content: bytes) -> dict[str, object]:
    """What a cached copy must have been made from to be used."""
    stat = path.stat()
    return {
        "tool": __version__,
        "path": str(path.resolve()),
        "size": len(content),
        "mtime_ns": stat.st_mtime_ns,
        "crc32": zlib.crc32(content),
    }


def file_for(source_key: dict[str, object], kind: str) -> Path:
    # One cache file per data file and kind: a readable name, and a checksum of the
    # full path so that two files of the same name do not share one.
    # The path as the bytes it is on disk: a name that is not UTF-8 is still a name.
    full = os.fsencode(str(source_key["path"]))
    base = os.fsencode(Path(str(source_key["path"])).name)
    name = "".join(chr(b) if b in _SAFE_IN_NAME else "_" for b in base)
    return directory() / f"{name}-{zlib.crc32(full):08x}.{kind}{SUFFIX}"


def read(source_key: dict[str, object], kind: str = "data") -> object | None:
    """The cached value if a good, current one exists; otherwise None.

    `kind` is "data" for the parsed file, "search" for its search index. The caller
    checks the value's shape: a file can be whole and current yet not what it expects
    only if someone wrote it by hand.
    """
    if usable_folder(create=False) is None:
        return None
    blob = _read_own(file_for(source_key, kind))
    if blob is None:
        return None
    body = len(MARKER) + _CRC_BYTES
    if len(blob) <= body or not blob.startswith(MARKER):
        return None
    payload = memoryview(blob)[body:]
    if zlib.crc32(payload) != int.from_bytes(blob[len(MARKER) : body], "big"):
        return None
    try:
        stored = marshal.loads(payload)
    except (ValueError, EOFError, TypeError):
        return None
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == source_key):
        return None
    value: object = stored[1]
    return value


def _read_own(path: Path) -> bytes | None:
    """A cache file's bytes, if it is a regular file (not a link) of this user's, of a
    size within the bound; else None."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(stream.fileno())
        if not (
            stat.S_ISREG(info.st_mode)
            and info.st_uid == os.geteuid()
            and info.st_size <= MAX_FILE_BYTES
        ):
            return None
        return stream.read(MAX_FILE_BYTES + 1)


def write(source_key: dict[str, object], value: object, kind: str = "data") -> None:
    """Store a value of plain types; silently does nothing if the cache directory is
    unusable."""
    from tipcli.data import verdict  # not for a warm run, which writes nothing

    verdict.settle()
    if not verdict.sound():
        return  # nothing is cached of a file found invalid
    # Typed loosely: marshal takes nested plain values, which the type system cannot say.
    entry: Any = (source_key, value)
    payload = marshal.dumps(entry, _MARSHAL_VERSIONS[kind])
    target = file_for(source_key, kind)
    checksum = zlib.crc32(payload).to_bytes(_CRC_BYTES, "big")
    if usable_folder(create=True) is None:
        return
    try:
        atomic.replace(target, [MARKER, checksum, payload], durable=False)
    except OSError:
        return
    evict(target.parent)


def evict(folder: Path) -> None:
    """Keep the cache within MAX_FILES and MAX_TOTAL_BYTES, dropping the files written
    longest ago: every temporary data file would otherwise leave its cache forever."""
    try:
        files = [(entry, entry.stat()) for entry in _own_files(folder)]
    except OSError:
        return
    files.sort(key=lambda pair: pair[1].st_mtime_ns, reverse=True)
    total = 0
    for number, (entry, info) in enumerate(files):
        total += info.st_size
        if number >= MAX_FILES or total > MAX_TOTAL_BYTES:
            with contextlib.suppress(OSError):
                entry.unlink()


# The suffixes of the cache's files: whole directories and search indexes, and the
# databases of large directories (`store`).
SUFFIXES = (SUFFIX, ".db")


def _own_files(folder: Path) -> list[Path]:
    """The cache's files in a private folder: regular files, not links."""
    found = []
    for entry in folder.iterdir():
        with contextlib.suppress(OSError):
            if entry.suffix in SUFFIXES and stat.S_ISREG(entry.lstat().st_mode):
                found.append(entry)
    return found


def clear() -> int:
    """Remove every cache file; returns how many there were. Only in a private folder,
    and only regular files: a folder that is a link to somewhere else is left alone."""
    removed = 0
    folder = usable_folder(create=False)
    if folder is None:
        return 0
    try:
        entries = [e for e in folder.iterdir() if stat.S_ISREG(e.lstat().st_mode)]
    except OSError:
        return 0
    for entry in entries:
        # .json files are the caches of earlier versions, which wrote JSON; a hidden
        # .tmp file is a write that was cut short.
        temporary = entry.name.startswith(".") and entry.suffix == ".tmp"
        if entry.suffix in (*SUFFIXES, ".json") or temporary:
            try:
                entry.unlink()
                removed += 1
            except OSError:
                continue
    return removed


# Large directories are kept in a database (`store`) rather than whole. Here, apart from
# the database, so that deciding which costs no import of sqlite3.
#
# A data file (with its added files) of at least this many bytes is cached in a
# database; a smaller one whole, which reads faster than any query (see the README).
LARGE_BYTES = 2 * 1024 * 1024
# The layout of the database; one of another layout is rebuilt.
DATABASE_LAYOUT = 1


class Damaged(Exception):
    """A database that is not what `store` wrote: the caller drops it."""


def is_large(size: int) -> bool:
    return size >= LARGE_BYTES


def identity(paths: Iterable[Path]) -> dict[str, object]:
    """What a database must have been made from: each file's path and what the system
    says of it, read without reading the file (which, at 60 MB, would cost a lookup
    more than the lookup). A change to a file changes its change time, which no
    program can set back."""
    files = []
    for path in paths:
        info = path.stat()
        files.append(
            [str(path.resolve()), info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        )
    # The paths joined also name the database's file (`cache.file_for`).
    joined = "+".join(str(f[0]) for f in files)
    return {"tool": __version__, "layout": DATABASE_LAYOUT, "path": joined, "files": files}
