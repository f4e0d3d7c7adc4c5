"""A cache of parsed, validated data files, so that later runs skip TOML and validation.

Each data file has one cache file in the user's cache directory, named after its path.
It holds two lines: a header (what it was made from, and a checksum of the second
line) and the parsed file as JSON. JSON runs no code when read, and the standard
library parses it about ten times faster than TOML.

The cache is never required: it is skipped with TIP_NO_CACHE=1, read only when the
data file's path, size, modification time and CRC-32 and the tool's version all match,
ignored and rewritten when stale or damaged, and written (atomically) only if it can
be. Any error here means "no cache", never a failed run.
"""

from __future__ import annotations

import contextlib
import json
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tipcli import __version__

if TYPE_CHECKING:
    from tipcli.index import Index
    from tipcli.search import Searcher

DISABLE_ENV = "TIP_NO_CACHE"


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
    return directory() / f"{Path(full).name}-{zlib.crc32(full.encode()):08x}.{kind}.json"


def read(source_key: dict[str, object], kind: str = "data") -> dict[str, Any] | None:
    """The cached entry if a good, current one exists; otherwise None.

    `kind` is "data" for the parsed file, "search" for its search index.
    """
    try:
        text = _file_for(source_key, kind).read_text(encoding="utf-8")
        header_line, _, body = text.partition("\n")
        header = json.loads(header_line)
        if header.get("key") != source_key or header.get("crc32") != zlib.crc32(body.encode()):
            return None
        data = json.loads(body)
    except (OSError, ValueError, AttributeError):
        return None
    return data if isinstance(data, dict) else None


def write(source_key: dict[str, object], data: dict[str, Any], kind: str = "data") -> None:
    """Store an entry; silently does nothing if the cache directory is unusable."""
    import tempfile  # only when writing: a cache hit should not pay for it

    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    header = json.dumps({"key": source_key, "crc32": zlib.crc32(body.encode())})
    target = _file_for(source_key, kind)
    temp_name = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(prefix=".tmp-", dir=target.parent)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(header + "\n" + body)
        # A rename is atomic: a concurrent reader sees the old file or the new one.
        Path(temp_name).replace(target)
    except OSError:
        if temp_name:
            with contextlib.suppress(OSError):
                Path(temp_name).unlink()


def clear() -> int:
    """Remove every cache file; returns how many there were."""
    removed = 0
    try:
        entries = list(directory().iterdir())
    except OSError:
        return 0
    for entry in entries:
        if entry.suffix == ".json" or entry.name.startswith(".tmp-"):
            try:
                entry.unlink()
                removed += 1
            except OSError:
                continue
    return removed


def searcher(source_key: dict[str, object] | None) -> Searcher | None:
    """The cached search index of a data file, if there is a current one."""
    from tipcli.search import Searcher

    if source_key is None:
        return None
    store = read(source_key, "search")
    if store is None:
        return None
    try:
        return Searcher(store)
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # damaged: the caller rebuilds it


def build_searcher(index: Index, source_key: dict[str, object] | None) -> Searcher:
    """Index a directory for search, and cache the index beside its data."""
    from tipcli.search import Searcher, documents

    labels = {topic.id: topic.label for topic in index.directory.topics}
    built = Searcher.of(documents(index), labels)
    if source_key is not None:
        write(source_key, built.store, "search")
    return built
