"""Each path loads only the modules it needs: start-up time is mostly imports.

These run `tip` in a fresh interpreter and list the modules loaded by the time it
exits. They guard the structure that keeps start-up fast (no timing is asserted here;
bench/startup.py measures it).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

# Runs tip's own entry point, then prints every module loaded, one a line, on stderr.
_PROBE = """
import atexit, sys
atexit.register(lambda: sys.stderr.write("\\n".join(sorted(sys.modules)) + "\\n"))
sys.argv = ["tip", *sys.argv[1:]]
from tipcli.main import main
main()
"""


def loaded(*args: str, cache: Path) -> set[str]:
    env = {**os.environ, "XDG_CACHE_HOME": str(cache)}
    result = subprocess.run(
        [sys.executable, "-c", _PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return set(result.stderr.split())


@pytest.fixture
def warm_cache(tmp_path: Path) -> Path:
    """A cache directory that already holds the bundled directory, as after a first run."""
    loaded("agency", "DHS", "--json", cache=tmp_path)
    return tmp_path


# What no lookup from a current cache should load: the TOML parsers and the validator
# (the cache has the parsed file), the schema, search, pictures, the declarations of
# other commands, and the database of large directories (the bundled one is cached whole).
NOT_ON_A_LOOKUP = {
    "sqlite3",
    "tipcli.data.store",
    "tomli",
    "tomllib",
    "tipcli.data.validate",
    "tipcli.data.schema",
    "tipcli.query.search.searcher",
    "tipcli.query.pictures",
    "tipcli.cli.commands.find",
    "tipcli.cli.commands.listings",
    "tipcli.cli.commands.bodies",
    "tipcli.cli.commands.history",
    "tipcli.cli.commands.data",
    "tipcli.render.markdown",
    "tipcli.render.html",
    "tipcli.query.page",
    "tipcli.query.handbook",
    "tipcli.cli.manpage",
}


def test_json_card_loads_no_rich_and_no_parser(warm_cache: Path) -> None:
    modules = loaded("agency", "DHS", "--json", cache=warm_cache)
    assert "tipcli.query.cards" in modules  # the probe saw the command run
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    assert not modules & NOT_ON_A_LOOKUP


def test_plain_card_loads_neither_rich_nor_json(warm_cache: Path) -> None:
    modules = loaded("agency", "DHS", cache=warm_cache)  # stdout is a pipe: plain
    assert "tipcli.query.cards" in modules
    assert "rich" not in modules and "json" not in modules
    assert not modules & NOT_ON_A_LOOKUP


def test_markdown_card_loads_its_renderer_and_no_rich(warm_cache: Path) -> None:
    modules = loaded("agency", "DHS", "--markdown", cache=warm_cache)
    assert "tipcli.render.markdown" in modules  # so the two tests above can fail
    assert "rich" not in modules and "json" not in modules
    assert not modules & (NOT_ON_A_LOOKUP - {"tipcli.render.markdown"})


def test_first_run_parses_and_validates(tmp_path: Path) -> None:
    """The converse, so that the tests above can fail: without a cache the file is read."""
    modules = loaded("agency", "DHS", "--json", cache=tmp_path / "empty")
    assert {"tomli", "tipcli.data.validate"} <= modules


def test_a_warm_search_loads_no_parser_and_no_directory(warm_cache: Path) -> None:
    loaded("search", "victim services", cache=warm_cache)  # builds the search index
    modules = loaded("search", "victim services", cache=warm_cache)
    assert "tipcli.query.search.searcher" in modules
    assert not modules & {"tomli", "tipcli.data.validate", "rich", "json", "tipcli.query.pictures"}
    assert not modules & {"sqlite3", "tipcli.data.store"}
