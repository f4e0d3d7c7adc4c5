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

from tipcli.data.files import bundled_path, same_file
from tipcli.errors import UsageError

ENV_NO_ADD = "TIP_NO_ADD"


class Selection(NamedTuple):
    """What a run was told about added files: files given with --add, and --no-add."""

    extra: tuple[str, ...] = ()
    off: bool = False


_selected = Selection()


def selected() -> Selection:
    return _selected


def select(extra: tuple[str, ...], off: bool) -> None:
    """Set, once a run, what the command line said; `load` reads it."""
    global _selected
    if off and extra:
        raise UsageError("--add and --no-add contradict each other; give one")
    if "" in extra:
        # Most likely an unset shell variable (`--add "$FILE"`), as with --data.
        raise UsageError("the path given with --add is empty")
    _selected = Selection(extra, off)


def folder() -> Path:
    """$XDG_DATA_HOME/tip; a relative XDG_DATA_HOME is ignored, as the XDG base
    directory rules ask."""
    base = os.environ.get("XDG_DATA_HOME", "")
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".local" / "share"
    return root / "tip"


def paths(base: Path) -> list[tuple[Path, str]]:
    """The added files of this run, in the order they merge: the folder's, by name,
    then each --add in the order given; each with how to name it to a user, and each
    file once. The folder's files are merged over the bundled directory only (a file
    given with --data or TIP_DATA is a whole directory of its own, perhaps one exported
    with them in it), and only where no one else can change them (see `refusals`);
    TIP_NO_ADD leaves them out; --no-add leaves out every added file."""
    if _selected.off:
        return []
    over_bundled = same_file(base, bundled_path())
    found = [(path, str(path)) for path in _folder_files(over_bundled) if not _refusal(path)]
    found += [(Path(given), given) for given in _selected.extra]
    once: list[tuple[Path, str]] = []
    for path, label in found:
        if not any(same_file(path, earlier) for earlier, _ in once):
            once.append((path, label))
    return once


def refusals() -> list[str]:
    """Why a file of the folder is not read, one line each: another user who could
    change it, or the folder, could put a false hotline number in front of this user.
    A file named with --add is the user's own choice, and is read."""
    if _selected.off:
        return []
    found = [_refusal(path) for path in _folder_files(True)]
    return [reason for reason in found if reason]


def _folder_files(over_bundled: bool) -> list[Path]:
    """The folder's `*.toml` files by name, hidden ones (an editor's) left out."""
    if not over_bundled or os.environ.get(ENV_NO_ADD, "") not in ("", "0"):
        return []
    try:
        listed = sorted(folder().glob("*.toml"))
    except OSError:
        return []
    return [path for path in listed if not path.name.startswith(".") and path.is_file()]


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


def template(today: date, name: str) -> str:
    """A commented starting file (a source, an organisation under one of the
    directory's, a hotline), valid as it is, its source dated `today`. Its ids begin
    with the file's `name`, so that two such files do not claim the same ids."""
    import re
    from importlib import resources

    prefix = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:40].strip("-") or "my"
    text = resources.files(__package__).joinpath("template.toml").read_text(encoding="utf-8")
    for field, value in (("{date}", today.isoformat()), ("{year}", str(today.year))):
        text = text.replace(field, value)
    return text.replace("{prefix}", prefix)


def start_file(given: str, *, force: bool) -> bool:
    """Write a starting file (see `template`) to `given`, never over a file unless
    `force`; whether it is one the folder's merge reads. Written into the folder, which
    is made (0700) if missing, it is the user's alone (0600), so that it is read even
    where the umask would let the group write it."""
    from tipcli.data import userfile
    from tipcli.errors import WriteError

    target = Path(given)
    existed = target.exists() or target.is_symlink()
    if existed and not force:
        raise WriteError(f"{given} exists; give a new name, or --force to replace it")
    in_folder = target.parent.resolve() == folder().resolve()
    if in_folder:
        try:
            target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        except OSError as err:
            raise WriteError(f"cannot make {target.parent}: {err.strerror}") from None
    userfile.write(given, template(date.today(), target.stem).encode(), force=force, streams=False)
    if in_folder and not existed:
        target.chmod(0o600)
    return in_folder and target.suffix == ".toml" and not target.name.startswith(".")
