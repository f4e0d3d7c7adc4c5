"""Shell completion of organisation acronyms and topic ids, from the bundled or
$TIP_DATA directory."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tipcli.errors import TipError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from tipcli.query.index import Index
    from tipcli.query.resolve import Named


def complete_organisations(incomplete: str) -> list[str]:
    """Acronyms and ids for `tip agency`, `--agency` and `--parent`."""
    index = _quiet_index()
    return _terms(index.directory.organisations if index else (), incomplete)


def complete_bodies(incomplete: str) -> list[str]:
    """The interagency bodies, for `tip body` and `--body`."""
    from tipcli.data.vocab import BODY_KINDS

    index = _quiet_index()
    orgs = index.directory.organisations if index else ()
    return _terms([o for o in orgs if o.kind in BODY_KINDS], incomplete)


def complete_programs(incomplete: str) -> list[str]:
    index = _quiet_index()
    return _terms(index.directory.programs if index else (), incomplete)


def complete_laws(incomplete: str) -> list[str]:
    index = _quiet_index()
    return _terms(index.directory.laws if index else (), incomplete)


def complete_hotlines(incomplete: str) -> list[str]:
    """Hotline ids and organisation acronyms, for `tip hotline`."""
    index = _quiet_index()
    if index is None:
        return []
    ids = {h.id for h in index.directory.hotlines if h.id.startswith(incomplete.casefold())}
    return sorted(ids | set(_terms(index.directory.organisations, incomplete)))


def complete_topics(incomplete: str) -> list[str]:
    index = _quiet_index()
    if index is None:
        return []
    return [t for t in index.topics if t.startswith(incomplete.casefold())]


def complete_kinds(incomplete: str) -> list[str]:
    from tipcli.data.vocab import ORGANISATION_KINDS

    return [k for k in ORGANISATION_KINDS if k.startswith(incomplete.casefold())]


def _terms(entities: Iterable[Named], incomplete: str) -> list[str]:
    """Each entity's acronym, or its id where it has none, that starts as typed; where
    none does, those that start so in another case, with the part typed kept as typed
    (the shell drops a completion that does not start with it, and lookups ignore
    case): `DH` offers `DHS`, and `dh` offers `dhs`."""
    terms = {e.acronym or e.id for e in entities}
    exact = sorted(t for t in terms if t.startswith(incomplete))
    if exact:
        return exact
    folded = incomplete.casefold()
    return sorted(_as_typed(t, incomplete) for t in terms if t.casefold().startswith(folded))


def _as_typed(term: str, incomplete: str) -> str:
    if incomplete.islower():
        return term.lower()
    return incomplete + term[len(incomplete) :]


def _quiet_index() -> Index | None:
    # Imported only when completing: every command that completes names declares these
    # functions, and `tip --help` loads them all.
    from tipcli.query.index import open_index

    # Completion must never print an error into the user's command line.
    try:
        return open_index(None)
    except TipError:
        return None
