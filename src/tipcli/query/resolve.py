"""Turning what a user types into one organisation, programme or law.

In order of strength, a query matches: an id, acronym, full name or alias, folded
(`g/tip` is G/TIP); one of those with the spaces taken out ("g tip"); a department by
what follows "Department of" ("homeland security", "treasury"); every word of it among
the words of a name; every word of it as the start of the words of a name. The
strongest level with any match decides; several matches there are ambiguous.

Acronyms match whole or not at all: the word levels read full names only, so that
`DOE` (the Department of Energy, which the record does not hold) is not taken for the
start of `DoEd` and answered with Education.
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Generic, Protocol, TypeVar

from tipcli.data import names
from tipcli.data.model import Law, Organisation, Program
from tipcli.data.names import exact_terms
from tipcli.data.text import normalize, quoted
from tipcli.errors import AmbiguousQueryError, NotFoundError, UsageError
from tipcli.query.index import Index

# Words too common in names to tell entities apart on their own.
_FILLER = frozenset({"of", "the", "and", "for", "on", "in", "us", "united", "states", "to"})
_DEPARTMENT_PREFIXES = ("department of the ", "department of ")
# Alias types that are short forms rather than names: matched whole only.
_SHORT_FORMS = frozenset({"acronym", "common"})


def require_words(text: str, hint: str, *, subject: str = "the query") -> None:
    """A query must have a letter or a digit; the message says what to give instead."""
    if not normalize(text):
        raise UsageError(f"{subject} has no letters or digits; {hint}")


class Named(names.Named, Protocol):
    """What the resolver reads of an entity: the terms it is known by, and its kind."""

    @property
    def kind(self) -> str: ...


E = TypeVar("E", bound=Named)


def label(entity: Named) -> str:
    """How a message names a candidate: "DHS, Department of Homeland Security"."""
    return f"{entity.acronym}, {entity.name}" if entity.acronym else entity.name


class _Names(Generic[E]):
    """The words an entity can be found by, below the exact terms."""

    __slots__ = ("compact", "core", "entity", "words")

    def __init__(self, entity: E) -> None:
        self.entity = entity
        # Its exact terms with spaces removed, so that "g tip" meets "gtip".
        self.compact = frozenset(term.replace(" ", "") for term in exact_terms(entity))
        full = [normalize(entity.name)]
        full += [normalize(a.name) for a in entity.aliases if a.type not in _SHORT_FORMS]
        # The meaningful words of each full name.
        self.words = tuple(frozenset(name.split()) - _FILLER for name in full if name)
        self.core = ""  # a department's name after "Department of (the)"
        if entity.kind == "department":
            for prefix in _DEPARTMENT_PREFIXES:
                if full[0].startswith(prefix):
                    self.core = full[0].removeprefix(prefix)
                    break


class Resolver(Generic[E]):
    """Finds entities of one table by what a user types; `noun` and `plural` name them
    in messages ("organisation", "organisations")."""

    def __init__(
        self,
        entities: Sequence[E] | Callable[[], Sequence[E]],
        noun: str,
        plural: str,
        exact: Callable[[str], list[E]] | None = None,
    ) -> None:
        # A large directory's resolver reads its entities only for a query that names
        # none exactly, and the entities a term names (`exact`) from its database.
        self._entities = entities
        self._exact = exact
        self.noun, self.plural = noun, plural
        # Built on first use: most queries are an acronym or a name, which the table of
        # exact terms answers without the word sets the weaker levels need.
        self._by_term: dict[str, list[E]] | None = None
        self._names: list[_Names[E]] | None = None

    @property
    def entities(self) -> Sequence[E]:
        if callable(self._entities):
            self._entities = self._entities()
        return self._entities

    @property
    def by_term(self) -> dict[str, list[E]]:
        """Each exact term (folded id, acronym, name or alias), to its entities."""
        if self._by_term is None:
            self._by_term = {}
            for entity in self.entities:
                for term in exact_terms(entity):
                    self._by_term.setdefault(term, []).append(entity)
        return self._by_term

    @property
    def names(self) -> list[_Names[E]]:
        if self._names is None:
            self._names = [_Names(entity) for entity in self.entities]
        return self._names

    def candidates(
        self, query: str, kinds: frozenset[str] | None = None, *, named: bool = False
    ) -> list[E]:
        """The entities at the strongest level that matches, in file order.

        `kinds` limits the search to entities of those kinds (bodies, say); `named` to
        the levels where the query names an entity rather than shares words with it
        (a term, the same term without spaces, a department's short name).
        """
        folded = normalize(query)
        if not folded:
            return []
        termed = self._exact(folded) if self._exact else self.by_term.get(folded, [])
        exact = [e for e in termed if kinds is None or e.kind in kinds]
        if exact:
            return exact
        compact = folded.replace(" ", "")
        wanted = [word for word in folded.split() if word not in _FILLER] or folded.split()
        levels = (
            lambda n: compact in n.compact,
            lambda n: n.core == folded,
            lambda n: any(set(wanted) <= words for words in n.words),
            lambda n: any(
                all(any(word.startswith(w) for word in words) for w in wanted) for words in n.words
            ),
        )
        names = [n for n in self.names if kinds is None or n.entity.kind in kinds]
        for matches in levels[:2] if named else levels:
            found = [n.entity for n in names if matches(n)]
            if found:
                return found
        return []

    def resolve(self, query: str, kinds: frozenset[str] | None = None) -> E:
        require_words(query, "give an acronym or a name, such as DHS")
        found = self.candidates(query, kinds)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousQueryError(
                quoted(query), [e.id for e in found], [label(e) for e in found], self.plural
            )
        raise NotFoundError(f"no {self.noun} matches {quoted(query)}{self.suggestion(query)}")

    def suggestion(self, query: str) -> str:
        """'; did you mean DHS, Department of Homeland Security?' or nothing."""
        import difflib  # only on the error path

        folded = normalize(query)
        close = difflib.get_close_matches(folded, list(self.by_term), n=6, cutoff=0.6)
        first = {self.by_term[term][0].id: self.by_term[term][0] for term in reversed(close)}
        picked = list(dict.fromkeys(self.by_term[term][0].id for term in close))[:3]
        if not picked:
            return ""
        return "; did you mean " + " or ".join(label(first[key]) for key in picked) + "?"


def organisations(index: Index) -> Resolver[Organisation]:
    """The resolver of organisations, the one most commands use."""
    return Resolver(index.directory.organisations, "organisation", "organisations")


def programs(index: Index) -> Resolver[Program]:
    return Resolver(index.directory.programs, "programme", "programmes")


def laws(index: Index) -> Resolver[Law]:
    return Resolver(index.directory.laws, "law", "laws")


def elsewhere(index: Index, query: str, asked: str) -> str:
    """'it is a programme: tip program 'T visa'' when a query names an entity of another
    kind than the command asked for, else nothing."""
    return named_elsewhere((organisations(index), programs(index), laws(index)), query, asked)


# The command that shows each kind of entity.
_COMMANDS = {"organisation": "agency", "programme": "program", "law": "law"}


def named_elsewhere(resolvers: Iterable["Resolver[Any]"], query: str, asked: str) -> str:
    """As `elsewhere`, with the resolvers of each kind given."""
    for resolver in resolvers:
        noun = resolver.noun
        if noun != asked and len(resolver.candidates(query, named=True)) == 1:
            article = "an" if noun[0] in "aeiou" else "a"
            return f"it is {article} {noun}: tip {_COMMANDS[noun]} {quoted(query)}"
    return ""
