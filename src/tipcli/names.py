"""How names and acronyms are compared: case, punctuation and '&' do not matter."""

from __future__ import annotations

import re
import unicodedata

_NOT_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalize(term: str) -> str:
    """Fold a name so that `G/TIP`, `g/tip` and `GTIP` compare equal.

    Punctuation inside a word is removed (not turned into a space) so that acronyms
    written with dots or slashes meet their bare form: `U.S.` -> `us`, `G/TIP` -> `gtip`.
    """
    # NFKC first, so that full-width letters and ligatures meet their plain forms.
    folded = unicodedata.normalize("NFKC", term).casefold().replace("&", " and ")
    folded = _NOT_WORD.sub("", folded)
    return _SPACES.sub(" ", folded).strip()
