"""Documents that rank alike, in groups: how a search takes its best hits from many
candidates without ranking each."""

from itertools import islice

from tipcli.query.search.bits import Bits

# A document's number, tier, cover and score.
Ranked = tuple[int, int, float, float]


def split(documents: Bits, by: list[Bits]) -> dict[tuple[bool, ...], Bits]:
    """Documents in groups by which of some sets each is in: the key says, set by set."""
    groups: dict[tuple[bool, ...], Bits] = {(): documents} if documents else {}
    for among in by:
        split: dict[tuple[bool, ...], Bits] = {}
        for pattern, group in groups.items():
            inside = group & among
            if inside:
                split[(*pattern, True)] = inside
            outside = group - inside if inside else group
            if outside:
                split[(*pattern, False)] = outside
        groups = split
    return groups


def in_order(group: Bits, hotlines: Bits, most: int | None) -> list[int]:
    """Of documents that rank alike, the first `most` (all, with None) in the order of
    the sort: a hotline to call first, then the directory's order."""
    calls = list(group & hotlines)
    others = group - hotlines if calls else group
    if most is None:
        return [*calls, *others]
    return [*calls, *islice(others, most)][:most]


def best_first(ranked: list[Ranked], hotlines: Bits) -> list[Ranked]:
    """Hits best first, as `Searcher._ranked` sorts them, with the directory's order
    written out where that sort has it from the order of its input."""
    return sorted(
        ranked, key=lambda hit: (-hit[1], -hit[2], -hit[3], hit[0] not in hotlines, hit[0])
    )
