"""Questions over a Directory: lookups, name resolution, the as-of rules, scopes, cards,
listings, pictures and search. Each answer is a view from `tipcli.query.views`."""
