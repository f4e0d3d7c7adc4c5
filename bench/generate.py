"""Synthetic directories in the real schema, for timing `tip` on large data files.

    python bench/generate.py 5000 > big.toml

A directory of N organisations has the bundled sources and topics, N/50 departments
with components beneath them, two or three responsibilities each, a hotline for every
twentieth, a programme for every tenth, and N/100 task forces with members. It passes
`tip validate`, and a test keeps it so.
"""

from __future__ import annotations

import random
import sys
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

REPO = Path(__file__).resolve().parent.parent
SOURCES = ["tipr-2005", "factsheet-2007", "about-2010", "federal-2013", "pitf-2019"]
WORDS = [
    "victim",
    "services",
    "shelter",
    "housing",
    "legal",
    "aid",
    "training",
    "outreach",
    "investigation",
    "labor",
    "forced",
    "child",
    "exploitation",
    "grants",
    "research",
    "data",
    "schools",
    "transport",
    "supply",
    "chains",
    "tribal",
    "health",
    "employment",
    "referral",
    "awareness",
    "prosecution",
    "immigration",
    "relief",
    "hotline",
    "case",
    "management",
    "coordination",
    "partners",
    "community",
    "county",
    "state",
    "local",
    "regional",
    "survivors",
    "advocates",
    "clinics",
    "courts",
    "police",
    "prosecutors",
    "youth",
    "families",
    "workers",
]
PILLARS = ["prevention", "protection", "prosecution", "partnership"]


def _sentence(rng: random.Random, words: int) -> str:
    chosen = [rng.choice(WORDS) for _ in range(words)]
    return " ".join(chosen).capitalize() + "."


def _cite(rng: random.Random) -> list[str]:
    return sorted(rng.sample(SOURCES, rng.randint(1, 2)), key=SOURCES.index)


def directory(size: int, seed: int = 7) -> dict[str, Any]:
    """The raw tables of a valid directory with `size` organisations."""
    rng = random.Random(seed)
    bundled = tomllib.loads((REPO / "data" / "agencies.toml").read_text(encoding="utf-8"))
    topics = [t["id"] for t in bundled["topics"]]
    departments = max(1, size // 50)
    orgs: list[dict[str, Any]] = []
    for n in range(size):
        org_id = f"org-{n}"
        is_department = n < departments
        org: dict[str, Any] = {
            "id": org_id,
            "acronym": f"O{n}",
            "name": f"{_sentence(rng, 3)[:-1]} Office {n}",
            "kind": "department" if is_department else rng.choice(["office", "bureau", "unit"]),
        }
        if not is_department:
            org["parent"] = f"org-{rng.randrange(departments)}"
        org["summary"] = _sentence(rng, 14)
        org["sources"] = _cite(rng)
        org["aliases"] = [{"name": f"Alias Office {n}", "type": "variant", "sources": _cite(rng)}]
        org["responsibilities"] = [
            {
                "text": _sentence(rng, rng.randint(8, 16)),
                "topics": rng.sample(topics, 2),
                "pillars": rng.sample(PILLARS, 1),
                "sources": _cite(rng),
            }
            for _ in range(rng.randint(2, 3))
        ]
        orgs.append(org)
    bodies = max(1, size // 100)
    for b in range(bodies):
        orgs.append(
            {
                "id": f"task-force-{b}",
                "name": f"Regional Task Force {b}",
                "kind": "task-force-network",
                "summary": _sentence(rng, 10),
                "sources": _cite(rng),
            }
        )
    programs = [
        {
            "id": f"program-{p}",
            "name": f"{_sentence(rng, 2)[:-1]} Program {p}",
            "kind": rng.choice(["program", "grant-program", "campaign"]),
            "summary": _sentence(rng, 12),
            "topics": rng.sample(topics, 2),
            "sources": _cite(rng),
            "operators": [{"organisation": f"org-{p * 10}", "role": "runs", "sources": _cite(rng)}],
        }
        for p in range(max(1, size // 10))
    ]
    hotlines = []
    for h in range(max(1, size // 20)):
        digits = f"{800 + h % 100:03d}{5550000 + h:07d}"
        hotlines.append(
            {
                "id": f"line-{h}",
                "name": f"Help Line {h}",
                "purpose": _sentence(rng, 8),
                "audience": _sentence(rng, 4),
                "sources": _cite(rng),
                "numbers": [
                    {
                        "number": f"1-{digits[:3]}-{digits[3:6]}-{digits[6:]}",
                        "dialable": f"+1{digits}",
                        "sources": _cite(rng),
                    }
                ],
                "operators": [
                    {"organisation": f"org-{h * 20}", "role": "runs", "sources": _cite(rng)}
                ],
            }
        )
    memberships = [
        {
            "body": f"task-force-{n % bodies}",
            "member": f"org-{n}",
            "role": "member",
            "sources": _cite(rng),
        }
        for n in range(0, size, 3)
    ]
    return {
        "format": 1,
        "sources": bundled["sources"],
        "topics": bundled["topics"],
        "organisations": orgs,
        "programs": programs,
        "hotlines": hotlines,
        "memberships": memberships,
    }


def write(size: int, path: Path) -> Path:
    path.write_text(tomli_w.dumps(directory(size)), encoding="utf-8")
    return path


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="Print a synthetic directory as TOML.")
    parser.add_argument("size", type=int, nargs="?", default=5000, help="organisations")
    size = parser.parse_args().size
    sys.stdout.write(tomli_w.dumps(directory(size)))


if __name__ == "__main__":
    main()
