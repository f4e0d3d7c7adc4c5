"""How names and acronyms are compared: case, punctuation and '&' do not matter."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s]+")
# For ASCII text, the same deletion as _NOT_WORD as one C-level translate.
_ASCII_PUNCTUATION = str.maketrans(
    "", "", "".join(c for c in map(chr, range(128)) if not (c.isalnum() or c.isspace() or c == "_"))
)


def normalize(term: str) -> str:
    """Fold a name so that `G/TIP`, `g/tip` and `GTIP` compare equal.

    Punctuation inside a word is removed (not turned into a space) so that acronyms
    written with dots or slashes meet their bare form: `U.S.` -> `us`, `G/TIP` -> `gtip`.
    """
    if term.isascii():
        # The common case, several times faster: NFKC and casefold change nothing here.
        folded = term.lower().replace("&", " and ").translate(_ASCII_PUNCTUATION)
    else:
        # NFKC first, so that full-width letters and ligatures meet their plain forms.
        folded = unicodedata.normalize("NFKC", term).casefold().replace("&", " and ")
        folded = _NOT_WORD.sub("", folded)
    return " ".join(folded.split())
