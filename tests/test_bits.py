"""Sets of document numbers as bits answer as Python's sets do."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tipcli.query.search.bits import Bits

numbers = st.sets(st.integers(min_value=0, max_value=5000))


@given(numbers, numbers)
def test_bits_answer_as_sets_do(one: set[int], other: set[int]) -> None:
    a, b = Bits.of(one), Bits.of(other)
    assert list(a) == sorted(one)
    assert len(a) == len(one) and bool(a) == bool(one)
    assert list(a & b) == sorted(one & other)
    assert list(a | b) == sorted(one | other)
    assert list(a - b) == sorted(one - other)
    for number in [*one, *other, -1, 5001, 10**9]:
        assert (number in a) == (number in one)
    assert Bits.packed(bytes(a)) == a


def test_an_empty_set_has_no_number() -> None:
    empty = Bits()
    assert list(empty) == [] and len(empty) == 0 and not empty and 0 not in empty
    assert Bits.of([]) == empty and bytes(empty) == b""
