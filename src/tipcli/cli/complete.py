"""Shell completion of organisation acronyms and topic ids, from the bundled or
$TIP_DATA directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tipcli.errors import TipError

if TYPE_CHECKING:
    from tipcli.query.index import Index


def complete_organisations(incomplete: str) -> list[str]:
    """Acronyms and ids for `tip agency`, from the bundled or $TIP_DATA directory."""
    index = _quiet_index()
    if index is None:
        return []
    folded = incomplete.casefold()
    terms = [o.acronym or o.id for o in index.directory.organisations]
    return sorted({t for t in terms if t.casefold().startswith(folded)})


def complete_topics(incomplete: str) -> list[str]:
    index = _quiet_index()
    if index is None:
        return []
    return [t for t in index.topics if t.startswith(incomplete.casefold())]


def _quiet_index() -> Index | None:
    # Imported only when completing: every command that completes names declares these
    # functions, and `tip --help` loads them all.
    from tipcli.query.index import open_index

    # Completion must never print an error into the user's command line.
    try:
        return open_index(None)
    except TipError:
        return None
