"""The wheel's build step: the manual page, generated from the commands' own definitions
and installed as share/man/man1/tip.1, where `man tip` finds it beside the `tip` on PATH.

The page is made by `python -m tipcli.cli.manpage` from this source tree, run with the
build environment's Python, which has Typer (see [build-system] in pyproject.toml).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

_RUN = (
    "import runpy, sys; sys.path.insert(0, sys.argv.pop(1)); "
    "runpy.run_module('tipcli.cli.manpage', run_name='__main__')"
)


class ManPage(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="tip-man-")
        page = Path(self._folder.name) / "tip.1"
        # The build environment's own start-up code sets sys.path, so PYTHONPATH would
        # not reach the source tree: the child puts it first itself.
        made = subprocess.run(
            [sys.executable, "-c", _RUN, str(Path(self.root) / "src")],
            capture_output=True,
            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},  # no __pycache__ in src
            cwd=self.root,
            check=False,
        )
        if made.returncode != 0:
            raise RuntimeError("could not make the man page:\n" + made.stderr.decode())
        page.write_bytes(made.stdout)
        build_data["shared_data"][str(page)] = "share/man/man1/tip.1"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        self._folder.cleanup()
