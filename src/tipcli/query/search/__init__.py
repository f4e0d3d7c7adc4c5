"""Keyword search: words and stems, the documents, the inverted index, and `find`, the
question `tip search` asks."""
