"""What `tip agency` asks of a directory: who a query names, and the index around an
organisation. A directory held whole answers from its index; a large one from its
database, which reads the rows an answer needs and builds the index of those alone,
so that the same card code gives the same card either way."""

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from tipcli.data.load import Loaded, Stored, rebuilt, stored

if TYPE_CHECKING:
    from tipcli.data.store import Store
from tipcli.data.cache import Damaged
from tipcli.query import resolve
from tipcli.query.index import Index


class Lookups(NamedTuple):
    organisations: resolve.Resolver[Any]
    programs: resolve.Resolver[Any]
    laws: resolve.Resolver[Any]
    # The index that holds all a card of the organisation of this id needs.
    around: Callable[[str], Index]

    def elsewhere(self, query: str, asked: str) -> str:
        """Which other command shows what a query names, as `resolve.elsewhere` says."""
        kinds = (self.organisations, self.programs, self.laws)
        return resolve.named_elsewhere(kinds, query, asked)


def of_index(index: Index) -> Lookups:
    return Lookups(
        resolve.organisations(index), resolve.programs(index), resolve.laws(index), lambda _: index
    )


def of_store(store: "Store") -> Lookups:
    def resolver(part: str, noun: str, plural: str) -> resolve.Resolver[Any]:
        return resolve.Resolver(
            lambda: store.every(part), noun, plural, lambda term: store.by_term(term, part)
        )

    return Lookups(
        resolver("organisations", "organisation", "organisations"),
        resolver("programs", "programme", "programmes"),
        resolver("laws", "law", "laws"),
        lambda org_id: Index.build(store.around(org_id)),
    )


T = TypeVar("T")


class Asker:
    """Asks questions of the lookups of a data file (None: the default one). A database
    found damaged while answering is dropped, and that question and all after it are
    answered from the file read whole (which makes a new database)."""

    def __init__(self, data: str | None) -> None:
        self._data = data
        found: Stored | Loaded = stored(data)
        # The key of the directory's databases; None when it is not kept in them.
        self.key = found.key if isinstance(found, Stored) else None
        if isinstance(found, Stored):
            self._lookups = of_store(found.store)
        else:
            self._lookups = of_index(Index.build(found.directory))

    def ask(self, question: Callable[[Lookups], T]) -> T:
        try:
            return question(self._lookups)
        except Damaged:
            self._lookups = of_index(Index.build(rebuilt(self._data)))
            return question(self._lookups)
