"""The whole directory as one page: every card as its own command shows it, each body
with a whole membership as of every year, the tree of departments and offices, and the
index that `tip search` answers from."""

from tipcli.data.model import Organisation
from tipcli.query import pictures
from tipcli.query.asof import in_view, newest_source
from tipcli.query.cards import body_view
from tipcli.query.handbook import handbook
from tipcli.query.index import Index
from tipcli.query.search.find import build_searcher
from tipcli.query.views import BodyYears, Page


def directory_page(index: Index) -> Page:
    return Page(
        handbook=handbook(index),
        bodies=tuple(_by_year(index, org) for org in index.directory.organisations if org.rosters),
        tree=pictures.tree(index, None),
        search=build_searcher(index, None).portable(),
    )


def _by_year(index: Index, body: Organisation) -> BodyYears:
    """The body's newest record, then the body as each earlier year's documents show it:
    one view a year in which some document names it."""
    newest = newest_source(index, None).year
    years = sorted({s.year for s in index.directory.sources}, reverse=True)
    earlier = [y for y in years if y < newest and in_view(body.sources, index, y)]
    views = [body_view(index, body, None), *(body_view(index, body, y) for y in earlier)]
    return BodyYears(body, tuple(views))
