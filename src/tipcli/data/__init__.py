"""A data file becomes a Directory: the model, its vocabularies and schema, reading,
parsing, validating and building, the canonical writer, the cache, atomic writes and
writing a user's file. No Typer, no Rich, no rendering."""
