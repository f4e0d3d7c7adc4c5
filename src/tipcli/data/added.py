"""Files a user adds beside the directory: every `*.toml` in `$XDG_DATA_HOME/tip/`, and
each `--add FILE`, merged over the directory a run reads.

An added file has the schema of the directory. It may add sources, entities and dated
records of its own, and add statements (a responsibility, an alias, a number, an
operator...) to an entity of the directory by naming the entity's id. It never changes
or removes what the directory says: a correction is a newer statement, with a source
and a date of its own, so the newest view shows it and an earlier `--as-of` does not.
"""

import os
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
    then each --add in the order given; each with how to name it to a user."""
    if _selected.off or os.environ.get(ENV_NO_ADD, "") not in ("", "0"):
        return []
    found: list[tuple[Path, str]] = []
    try:
        listed = sorted(folder().glob("*.toml"))
    except OSError:
        listed = []
    found += [(path, str(path)) for path in listed if path.is_file()]
    found += [(Path(given), given) for given in _selected.extra]
    return found


def template(today: date) -> str:
    """A commented starting file (a source, an organisation under one of the
    directory's, a hotline), valid as it is, its source dated `today`."""
    from importlib import resources

    text = resources.files(__package__).joinpath("template.toml").read_text(encoding="utf-8")
    return text.replace("{date}", today.isoformat()).replace("{year}", str(today.year))
