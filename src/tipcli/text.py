"""Making text from outside (data files, arguments, paths) safe to print."""

from __future__ import annotations


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
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp"):
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
