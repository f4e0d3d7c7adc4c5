"""`tip search`: hits for a text, best first, from the cached index of the data file
when there is a current one, else from an index built now and cached."""

from tipcli.data import cache, verdict
from tipcli.data.cache import Damaged
from tipcli.data.load import CacheKey, Loaded, cache_key, in_database, load
from tipcli.data.text import quoted
from tipcli.errors import NotFoundError, UsageError
from tipcli.query import scopes
from tipcli.query.index import Index
from tipcli.query.resolve import require_words
from tipcli.query.search.indexes import Whole
from tipcli.query.search.searcher import Filters, Results, Searcher
from tipcli.query.views import SearchResults


def find(
    data: str | None,
    text: str | None,
    *,
    limit: int,
    agency: str | None = None,
    topic: str | None = None,
    body: str | None = None,
) -> SearchResults:
    """The best `limit` hits for `text` in the data file `data` (None: the default
    one), kept to what concerns an organisation and its components (`agency`), the
    organisations on a body and their components (`body`), or a topic. With no text,
    every statement of the topic, in the directory's order."""
    if text is None and topic is None:
        raise UsageError("give words to look for, or --topic to list what a topic tags")
    if text is not None:
        require_search_words(text)
    return finder(data, limit=limit, agency=agency, topic=topic, body=body).find(text)


def require_search_words(text: str) -> None:
    require_words(text, "give a word or phrase, such as 'T visa'", subject="the search text")


class Finder:
    """A directory's search index with the filters of one command line, to answer one
    text or many (`tip search -`) from one load. An index in a database found damaged
    while answering is made anew from the data file, which then gives the answer."""

    def __init__(
        self, data: str | None, searcher: Searcher, filters: Filters, limit: int, topic: str | None
    ) -> None:
        self.data = data
        self.searcher = searcher
        self.filters = filters
        self.limit = limit
        self.topic = topic  # as the user typed it, for a message

    def find(self, text: str | None) -> SearchResults:
        """The hits for a text, or with None every statement the topic tags; raises
        NotFoundError for none."""
        if text is not None:
            require_search_words(text)
        try:
            found = self._found(text)
        except Damaged:
            self.searcher = _remade(self.data)
            found = self._found(text)
        if not found.hits:
            if text:
                from tipcli.query.search.words import query_stems

                common = "" if query_stems(text) else ": its words are too common to look for"
                raise NotFoundError(f"nothing matches {quoted(text)}{common}")
            tagged = quoted(self.topic or "")
            raise NotFoundError(f"no statement tagged {tagged} fits those filters")
        labels = self.searcher.labels
        return SearchResults(tuple(found.hits), labels, found.total, found.corrected)

    def _found(self, text: str | None) -> Results:
        searcher, filters, limit = self.searcher, self.filters, self.limit
        return searcher.search(text, filters, limit) if text else searcher.tagged(filters, limit)


def finder(
    data: str | None,
    *,
    limit: int,
    agency: str | None = None,
    topic: str | None = None,
    body: str | None = None,
) -> Finder:
    """The search index of the data file `data` and the filters resolved against it."""
    # A current cached index answers a plain search without loading the directory;
    # --agency and --body need the directory to know who is who.
    loaded: Loaded | None = None
    if agency is not None or body is not None:
        loaded = load(data, behind=True, beside=True)
        searcher = cached_searcher(loaded.key)
    else:
        searcher = cached_searcher(cache_key(data))
    if searcher is None or loaded is not None:
        loaded = loaded or load(data, behind=True, beside=True)
        index = Index.build(loaded.directory)
        searcher = searcher or build_searcher(index, loaded.key)
        # Indexing needs no more than the types of what it reads; the filters walk
        # components, which only a file that keeps every rule makes an end to.
        verdict.settle()
        allowed = _allowed(index, agency, body)
    else:
        allowed = None
    topic_id = scopes.topic(searcher.labels, topic) if topic is not None else None
    return Finder(data, searcher, Filters(allowed, topic_id), limit, topic)


def _allowed(index: Index, agency: str | None, body: str | None) -> frozenset[str] | None:
    """The organisations whose statements a filtered search keeps, or None for all."""
    allowed: set[str] | None = None
    if agency is not None:
        allowed = scopes.family(index, agency)
    if body is not None:
        on_body = scopes.with_components(index, scopes.seated(index, body, None))
        allowed = on_body if allowed is None else allowed & on_body
    return frozenset(allowed) if allowed is not None else None


def cached_searcher(source_key: CacheKey | None) -> Searcher | None:
    """The kept search index of a data file, if there is a current one."""
    if source_key is None:
        return None
    if in_database(source_key):
        from tipcli.query.search.stored import open_index

        stored = open_index(source_key)
        return Searcher(stored) if stored is not None else None
    try:
        return Searcher(Whole.checked(cache.read(source_key, "search")))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None  # none, or damaged: the caller makes it anew


def build_searcher(index: Index, source_key: CacheKey | None) -> Searcher:
    """Index a directory for search, and keep the index beside its data (a large
    directory's in a database, written after the run)."""
    from tipcli.query.search.documents import documents
    from tipcli.query.search.indexing import built

    labels = {topic.id: topic.label for topic in index.directory.topics}
    made = built(documents(index), labels)
    if source_key is not None and in_database(source_key):
        from tipcli.data import database
        from tipcli.query.search import stored

        # This run answers from the index in memory; the next reads the database.
        database.behind(lambda: stored.write(source_key, made))
        return Searcher(Whole(made.whole(kept=False)))
    store = made.whole()
    if source_key is not None:
        cache.write(source_key, store, "search")
    return Searcher(Whole(store))


def _remade(data: str | None) -> Searcher:
    """The search index of a data file made anew, its damaged one dropped."""
    from tipcli.query.search import stored

    loaded = load(data)
    if loaded.key is not None and in_database(loaded.key):
        stored.discard(loaded.key)
    return build_searcher(Index.build(loaded.directory), loaded.key)
