"""Lookups that do what a user means: words without quotes, hotlines by organisation,
name or id, every body `tip body` can name."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.conftest import invoke


@pytest.mark.parametrize(
    ("unquoted", "quoted"),
    [
        (["agency", "homeland", "security"], ["agency", "homeland security"]),
        (["search", "T", "visa", "--limit", "3"], ["search", "T visa", "--limit", "3"]),
        (["body", "task", "forces"], ["body", "task forces"]),
        (["hotline", "Homeland", "Security"], ["hotline", "Homeland Security"]),
        (["timeline", "Senior", "Policy", "Operating", "Group"], ["timeline", "SPOG"]),
    ],
)
def test_words_without_quotes_are_one_query(
    runner: CliRunner, unquoted: list[str], quoted: list[str]
) -> None:
    as_words = invoke(runner, *unquoted)
    assert as_words.exit_code == 0, as_words.stderr
    assert as_words.stdout == invoke(runner, *quoted).stdout
