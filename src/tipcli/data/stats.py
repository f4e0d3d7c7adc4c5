"""Counts of what a directory holds."""

from tipcli.data.model import Directory


def counts(directory: Directory) -> dict[str, int]:
    return {
        "sources": len(directory.sources),
        "topics": len(directory.topics),
        "organisations": len(directory.organisations),
        "responsibilities": sum(len(o.responsibilities) for o in directory.organisations),
        "programs": len(directory.programs),
        "hotlines": len(directory.hotlines),
        "memberships": len(directory.memberships),
        "laws": len(directory.laws),
        "events": len(directory.events),
        "figures": len(directory.figures),
    }
