"""Published telephone numbers and their dialable E.164 form."""

from __future__ import annotations

import re

# The letters on a telephone keypad (ITU E.161).
_KEYPAD = {
    letter: digit
    for digit, letters in {
        "2": "ABC",
        "3": "DEF",
        "4": "GHI",
        "5": "JKL",
        "6": "MNO",
        "7": "PQRS",
        "8": "TUV",
        "9": "WXYZ",
    }.items()
    for letter in letters
}
_E164 = re.compile(r"\+[1-9][0-9]{7,14}")


def is_e164(text: str) -> bool:
    return _E164.fullmatch(text) is not None


def e164_of(published: str) -> str | None:
    """The E.164 form of a number as a U.S. document prints it, or None if it has none.

    Vanity letters become keypad digits (1-866-DHS-2-ICE -> +18663472423). The
    documents print North American numbers, with or without the leading 1.
    """
    digits = []
    for char in published.upper():
        if char.isdigit():
            digits.append(char)
        elif char in _KEYPAD:
            digits.append(_KEYPAD[char])
        elif char not in " -.()+":
            return None
    number = "".join(digits)
    if len(number) == 10:
        number = "1" + number
    if len(number) != 11 or not number.startswith("1"):
        return None
    return "+" + number
