"""How names and acronyms are compared: case, punctuation and '&' do not matter."""

from __future__ import annotations

# For ASCII text, the same deletion as the Unicode rule below (whatever is neither a
# word character nor whitespace), as one C-level translate.
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
        import re
        import unicodedata

        folded = unicodedata.normalize("NFKC", term).casefold().replace("&", " and ")
        folded = re.sub(r"[^\w\s]+", "", folded)
    return " ".join(folded.split())
