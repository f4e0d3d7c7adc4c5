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

import marshal
import os
import zlib
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


def directory() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tipcli"


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


def _file_for(source_key: dict[str, object], kind: str) -> Path:
    # One cache file per data file and kind: a readable name, and a checksum of the
    # full path so that two files of the same name do not share one.
    full = str(source_key["path"])
    return directory() / f"{Path(full).name}-{zlib.crc32(full.encode()):08x}.{kind}{SUFFIX}"


def read(source_key: dict[str, object], kind: str = "data") -> object | None:
    """The cached value if a good, current one exists; otherwise None.

    `kind` is "data" for the parsed file, "search" for its search index. The caller
    checks the value's shape: a file can be whole and current yet not what it expects
    only if someone wrote it by hand.
    """
    try:
        blob = _file_for(source_key, kind).read_bytes()
    except OSError:
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


def write(source_key: dict[str, object], value: object, kind: str = "data") -> None:
    """Store a value of plain types; silently does nothing if the cache directory is
    unusable."""
    # Typed loosely: marshal takes nested plain values, which the type system cannot say.
    entry: Any = (source_key, value)
    payload = marshal.dumps(entry, _MARSHAL_VERSIONS[kind])
    target = _file_for(source_key, kind)
    checksum = zlib.crc32(payload).to_bytes(_CRC_BYTES, "big")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.replace(target, [MARKER, checksum, payload], durable=False)
    except OSError:
        return


def clear() -> int:
    """Remove every cache file; returns how many there were."""
    removed = 0
    try:
        entries = list(directory().iterdir())
    except OSError:
        return 0
    for entry in entries:
        # .json files are the caches of earlier versions, which wrote JSON; a hidden
        # .tmp file is a write that was cut short.
        temporary = entry.name.startswith(".") and entry.suffix == ".tmp"
        if entry.suffix in (SUFFIX, ".json") or temporary:
            try:
                entry.unlink()
                removed += 1
            except OSError:
                continue
    return removed
