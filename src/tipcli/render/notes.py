"""What a person should be told beside a view's data, on stderr so that stdout stays
data: a search that corrected a word or that the limit cut short."""

from tipcli.query.views import Listing, SearchResults, View


def notes(view: View | Listing) -> list[str]:
    if not isinstance(view, SearchResults):
        return []
    told = [
        f"no document has the word '{typed}'; searched for '{used}' instead"
        for typed, used in view.corrected
    ]
    shown = len(view.hits)
    if view.total > shown:
        told.append(f"showing {shown} of {view.total} hits; --limit {view.total} shows them all")
    return told
