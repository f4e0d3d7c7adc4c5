"""Dialable numbers from published ones, and how names are folded for comparison."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tipcli.data.phone import e164_of, is_e164
from tipcli.data.text import normalize


@pytest.mark.parametrize(
    ("published", "dialable"),
    [
        ("1-866-DHS-2-ICE", "+18663472423"),
        ("1-888-3737-888", "+18883737888"),
        ("888-3737-888", "+18883737888"),
        ("(802) 527-4888", "+18025274888"),
        ("+1 888 428 7581", "+18884287581"),
        ("1-800-FLOWERS", "+18003569377"),
    ],
)
def test_dialable(published: str, dialable: str) -> None:
    assert e164_of(published) == dialable
    assert is_e164(dialable)


@pytest.mark.parametrize("published", ["911", "ext. 42", "44 20 7946 0000 00", "2-888-428-7581"])
def test_not_dialable(published: str) -> None:
    assert e164_of(published) is None


@pytest.mark.parametrize("text", ["18663472423", "+0123456789", "+1", "+1866347242x"])
def test_not_e164(text: str) -> None:
    assert not is_e164(text)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("G/TIP", "gtip"),
        ("U.S. Attorneys' Offices", "us attorneys offices"),
        ("Research & Data", "research and data"),
        ("  Homeland   Security ", "homeland security"),
        ("DoEd", "DOED"),
    ],
)
def test_normalize_folds_case_punctuation_and_ampersands(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_ascii_names_fold_as_the_rule_for_any_text_folds_them(term: str) -> None:
    """ASCII names take a faster way; it gives what the rule for all text gives."""
    folded = unicodedata.normalize("NFKC", term).casefold().replace("&", " and ")
    assert normalize(term) == " ".join(re.sub(r"[^\w\s]+", "", folded).split())
