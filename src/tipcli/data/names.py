"""The terms an entity is known by exactly, folded as a query is: written once for the
resolver, which matches queries against them, and for the database of a large
directory, which indexes them."""

from typing import Protocol

from tipcli.data.model import Alias
from tipcli.data.text import normalize


class Named(Protocol):
    """What an organisation, programme or law has to be found by."""

    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def acronym(self) -> str: ...
    @property
    def aliases(self) -> tuple[Alias, ...]: ...


def exact_terms(entity: Named) -> set[str]:
    """The folded id, acronym, name and aliases of an entity."""
    terms = {normalize(entity.name), normalize(entity.id)}
    terms.update(normalize(alias.name) for alias in entity.aliases)
    if entity.acronym:
        terms.add(normalize(entity.acronym))
    return terms - {""}
