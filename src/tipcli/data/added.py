"""Files a user adds beside the directory: every `*.toml` in `$XDG_DATA_HOME/tip/`, and
each `--add FILE`, merged over the directory a run reads.

An added file has the schema of the directory. It may add sources, entities and dated
records of its own, and add statements (a responsibility, an alias, a number, an
operator...) to an entity of the directory by naming the entity's id. It never changes
or removes what the directory says: a correction is a newer statement, with a source
and a date of its own, so the newest view shows it and an earlier `--as-of` does not.
"""

import os
import stat
from datetime import date
from pathlib import Path
from typing import NamedTuple

from tipcli.errors import UsageError

ENV_NO_ADD = "TIP_NO_ADD"


class Selection(NamedTuple):
    """What a run was told about added files: files given with --add, and --no-add."""

    extra: tuple[str, ...] = ()
    off: bool = False


_selected = Selection()


def select(extra: tuple[str, ...], off: bool) -> None:
    """Set, once a run, what the command line said; `load` reads it."""
    global _selected
    if off and extra:
        raise UsageError("--add and --no-add contradict each other; give one")
    _selected = Selection(extra, off)


def folder() -> Path:
    """$XDG_DATA_HOME/tip; a relative XDG_DATA_HOME is ignored, as the XDG base
    directory rules ask."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "tip"


def paths() -> list[tuple[Path, str]]:
    """The added files of this run, in the order they merge: the folder's, by name,
    then each --add in the order given; each with how to name it to a user. The
    folder's files are read only where no one else can change them (see `refusals`)."""
    if _selected.off or os.environ.get(ENV_NO_ADD, "") not in ("", "0"):
        return []
    found = [(path, str(path)) for path in _folder_files() if not _refusal(path)]
    found += [(Path(given), given) for given in _selected.extra]
    return found


def refusals() -> list[str]:
    """Why a file of the folder is not read, one line each: another user who could
    change it, or the folder, could put a false hotline number in front of this user.
    A file named with --add is the user's own choice, and is read."""
    if _selected.off or os.environ.get(ENV_NO_ADD, "") not in ("", "0"):
        return []
    found = [_refusal(path) for path in _folder_files()]
    return [reason for reason in found if reason]


def _folder_files() -> list[Path]:
    try:
        return sorted(p for p in folder().glob("*.toml") if p.is_file())
    except OSError:
        return []


def _refusal(path: Path) -> str:
    """Why an added file of the folder is not read, or "" when it is: it, or the folder
    it is in, can be changed by someone else (owned by another user, or writable by
    the group or by others). Links are followed: a link to a file of one's own is fine."""
    for place in (path.parent, path):
        try:
            info = place.stat()
        except OSError:
            return f"not reading {path}: cannot look at {place}"
        if info.st_uid not in (os.geteuid(), 0):
            return f"not reading {path}: {place} belongs to another user"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return f"not reading {path}: others can change {place} (chmod go-w {place})"
    return ""


def template(today: date) -> str:
    """A commented starting file (a source, an organisation under one of the
    directory's, a hotline), valid as it is, its source dated `today`."""
    from importlib import resources

    text = resources.files(__package__).joinpath("template.toml").read_text(encoding="utf-8")
    return text.replace("{date}", today.isoformat()).replace("{year}", str(today.year))
