"""Turning what a user types into one organisation.

In order of strength, a query matches: an id, acronym, full name or alias, folded
(`g/tip` is G/TIP); one of those with the spaces taken out ("g tip"); a department by
what follows "Department of" ("homeland security", "treasury"); every word of it among
a name's words; every word of it as the start of a name's words. The strongest level
with any match decides; several matches there are ambiguous.
"""

from typing import NamedTuple

from tipcli.data.model import Organisation
from tipcli.data.text import normalize, quoted
from tipcli.errors import AmbiguousQueryError, NotFoundError, UsageError
from tipcli.query.index import Index

# Words too common in names to tell organisations apart on their own.
_FILLER = frozenset({"of", "the", "and", "for", "on", "in", "us", "united", "states", "to"})
_DEPARTMENT_PREFIXES = ("department of the ", "department of ")


def require_words(text: str, hint: str, *, subject: str = "the query") -> None:
    """A query must have a letter or a digit; the message says what to give instead."""
    if not normalize(text):
        raise UsageError(f"{subject} has no letters or digits; {hint}")


def _label(org: Organisation) -> str:
    return f"{org.acronym}, {org.name}" if org.acronym else org.name


class _Names(NamedTuple):
    org: Organisation
    # Its exact terms (folded acronym, name, aliases and id) with spaces removed, so
    # that "g tip" meets "gtip"; the exact terms themselves are Resolver.by_term.
    compact: frozenset[str]
    words: tuple[frozenset[str], ...]  # the meaningful words of each name and alias
    core: str  # a department's name after "Department of (the)"


def _exact_terms(org: Organisation) -> tuple[list[str], set[str]]:
    """The folded names of an organisation (its name first) and all its exact terms."""
    folded = [normalize(name) for name in (org.name, *(alias.name for alias in org.aliases))]
    exact = {*folded, normalize(org.id)}
    if org.acronym:
        exact.add(normalize(org.acronym))
    return folded, exact


def _names(org: Organisation) -> _Names:
    folded, exact = _exact_terms(org)
    core = ""
    if org.kind == "department":
        for prefix in _DEPARTMENT_PREFIXES:
            if folded[0].startswith(prefix):
                core = folded[0].removeprefix(prefix)
                break
    words = tuple(frozenset(name.split()) - _FILLER for name in folded if name)
    return _Names(
        org=org,
        compact=frozenset(term.replace(" ", "") for term in exact),
        words=words,
        core=core,
    )


class Resolver:
    def __init__(self, index: Index) -> None:
        self.index = index
        # Built on first use: most queries are an acronym or a name, which the table of
        # exact terms answers without the word sets the weaker levels need.
        self._by_term: dict[str, list[Organisation]] | None = None
        self._names: list[_Names] | None = None

    @property
    def by_term(self) -> dict[str, list[Organisation]]:
        """Each exact term (folded id, acronym, name or alias), to its organisations."""
        if self._by_term is None:
            self._by_term = {}
            for org in self.index.directory.organisations:
                for term in _exact_terms(org)[1]:
                    self._by_term.setdefault(term, []).append(org)
        return self._by_term

    @property
    def names(self) -> list[_Names]:
        if self._names is None:
            self._names = [_names(org) for org in self.index.directory.organisations]
        return self._names

    def candidates(self, query: str, kinds: frozenset[str] | None = None) -> list[Organisation]:
        """The organisations at the strongest level that matches, in file order.

        `kinds` limits the search to organisations of those kinds (bodies, say).
        """
        folded = normalize(query)
        if not folded:
            return []
        exact = [o for o in self.by_term.get(folded, ()) if kinds is None or o.kind in kinds]
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
        names = [n for n in self.names if kinds is None or n.org.kind in kinds]
        for matches in levels:
            found = [n.org for n in names if matches(n)]
            if found:
                return found
        return []

    def resolve(self, query: str, kinds: frozenset[str] | None = None) -> Organisation:
        require_words(query, "give an acronym or a name, such as DHS")
        found = self.candidates(query, kinds)
        if len(found) == 1:
            return found[0]
        if found:
            raise AmbiguousQueryError(
                quoted(query), [org.id for org in found], [_label(org) for org in found]
            )
        raise NotFoundError(f"no organisation matches {quoted(query)}{self.suggestion(query)}")

    def suggestion(self, query: str) -> str:
        """'; did you mean DHS, Department of Homeland Security?' or nothing."""
        import difflib  # only on the error path

        folded = normalize(query)
        close = difflib.get_close_matches(folded, list(self.by_term), n=6, cutoff=0.6)
        picked = list(dict.fromkeys(self.by_term[term][0].id for term in close))[:3]
        if not picked:
            return ""
        labels = [_label(self.index.organisations[org_id]) for org_id in picked]
        return "; did you mean " + " or ".join(labels) + "?"
