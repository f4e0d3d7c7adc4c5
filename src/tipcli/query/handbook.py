"""The whole directory as cards: every organisation, body, programme, law and hotline
as its own command shows it, for one document to read."""

from tipcli.data.vocab import BODY_KINDS
from tipcli.query.asof import Names, Rosters, newest_source
from tipcli.query.cards import body_view, card, hotline_entry
from tipcli.query.index import Index
from tipcli.query.programs import law_view, program_view
from tipcli.query.views import Handbook, HotlineList


def handbook(index: Index) -> Handbook:
    """Every entry's card from the newest record; the memberships of every year, since
    a body's card shows only who sits on it now. Each card names its parent alone: the
    parent's own card names the next, and a chain thousands deep stays linear."""
    directory = index.directory
    names = Names(index, None)
    rosters = Rosters(index, None)
    return Handbook(
        organisations=tuple(
            card(index, org, rosters=rosters, above=1) for org in directory.organisations
        ),
        bodies=tuple(
            body_view(index, org, None)
            for org in directory.organisations
            if org.kind in BODY_KINDS and org.id in index.members_of
        ),
        programs=tuple(program_view(index, p, None) for p in directory.programs),
        laws=tuple(law_view(index, law, None) for law in directory.laws),
        hotlines=HotlineList(tuple(hotline_entry(index, h) for h in directory.hotlines), names),
        memberships=directory.memberships,
        events=tuple(sorted(directory.events, key=lambda e: e.date[:4])),
        figures=directory.figures,
        sources=directory.sources,
        names=names,
        data_as_of=newest_source(index, None),
    )
