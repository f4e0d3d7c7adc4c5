"""Text from outside (data files, arguments, paths): how names compare, and how to print
it safely."""

# For ASCII text, the same deletion as the Unicode rule in `normalize` (whatever is
# neither a word character nor whitespace): the bytes to delete, in one translate of
# bytes, which a table of 256 makes several times faster than one of text.
_ASCII_PUNCTUATION = bytes(
    c for c in range(128) if not (chr(c).isalnum() or chr(c).isspace() or chr(c) == "_")
)


def normalize(term: str) -> str:
    """Fold a name so that `G/TIP`, `g/tip` and `GTIP` compare equal; case, punctuation
    and '&' do not matter.

    Punctuation inside a word is removed (not turned into a space) so that acronyms
    written with dots or slashes meet their bare form: `U.S.` -> `us`, `G/TIP` -> `gtip`.
    """
    if term.isascii():
        # The common case, several times faster: NFKC and casefold change nothing here.
        lowered = term.lower().replace("&", " and ").encode("ascii")
        folded = lowered.translate(None, _ASCII_PUNCTUATION).decode("ascii")
    else:
        # NFKC first, so that full-width letters and ligatures meet their plain forms.
        import re
        import unicodedata

        folded = unicodedata.normalize("NFKC", term).casefold().replace("&", " and ")
        folded = re.sub(r"[^\w\s]+", "", folded)
    return " ".join(folded.split())


def printable(text: str) -> str:
    """Replace control and format characters with visible escapes, one line guaranteed.

    Validation already refuses such characters in a data file; this guards what does
    not come from one (paths, queries, error messages), so that nothing printed can
    move the cursor, ring the bell, set a window title or reverse text direction.
    """
    if text.isprintable():
        return text
    import unicodedata  # only for text that needs escaping, which is rare

    out = []
    for char in text:
        if 0xDC80 <= ord(char) <= 0xDCFF:
            # A byte of a path that is not UTF-8, as Python decodes it: shown as the
            # byte it was, as a shell's `ls -b` would.
            out.append(f"\\x{ord(char) - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp"):
            out.append(f"\\u{ord(char):04x}" if ord(char) > 0xFF else f"\\x{ord(char):02x}")
        else:
            out.append(char)
    return "".join(out)


def quoted(text: str, limit: int = 60) -> str:
    """Outside text for an error message: escaped, and cut short if long.

    A message stays one readable line even when the query is 10,000 characters.
    """
    shown = printable(text)
    if len(shown) > limit:
        shown = f"{shown[:limit]}… ({len(text)} characters)"
    return f"'{shown}'"
