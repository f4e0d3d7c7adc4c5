"""Faults a user's system can throw at `tip`: a full disk, a closed or broken standard
output, and more; each ends with one line on stderr and a documented exit code."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

TIP = Path(sys.executable).with_name("tip")


def _run(args: list[str], **popen: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(TIP), *args], stderr=subprocess.PIPE, timeout=60, check=False, **popen
    )


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("args", [["list"], ["export"], ["agency", "DHS", "--json"]])
def test_a_full_disk_is_one_line_and_exit_4(args: list[str], unbuffered: str) -> None:
    """With or without PYTHONUNBUFFERED, nothing is reported as written that was not."""
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    with Path("/dev/full").open("wb") as full:
        done = _run(args, stdout=full, env=env)
    assert done.returncode == 4
    assert done.stderr == b"tip: cannot write the output: No space left on device\n"


def test_a_closed_standard_output_is_one_line() -> None:
    done = subprocess.run(
        f"{TIP} list >&-", shell=True, stderr=subprocess.PIPE, timeout=60, check=False
    )
    assert done.returncode == 4
    assert done.stderr == b"tip: cannot write the output: standard output is closed\n"


@pytest.mark.parametrize("args", [["--help"], ["agency", "--help"], ["list"], ["pitf"]])
def test_a_reader_gone_before_tip_writes_is_141(args: list[str]) -> None:
    """Help and usage are printed by Click itself; they end as data does."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = _run(args, stdout=writer)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, b"")
