"""Start-up time of `tip` against the floor any Typer CLI pays, as medians and ratios.

    python bench/startup.py                       # this interpreter and its installed tip
    python bench/startup.py --runs 60
    python bench/startup.py --compare-typer 0.28.0 0.29.2

The floor is `python -c "import typer"` and a one-command Typer app that prints a word,
run by the same interpreter. `--compare-typer` builds a throwaway virtual environment
for each Typer version (from PyPI) and times the same one-command app in each: the
measurement behind the version bound in pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ONE_COMMAND_APP = """
import typer
app = typer.Typer()
@app.command()
def main(name: str = "x") -> None:
    print("word")
app()
"""


# Python must be free to cache bytecode, as it is for anyone who installed tip with pip;
# some shells set PYTHONDONTWRITEBYTECODE, which would time compilation instead.
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def median_ms(command: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    run_env = ENV if env is None else env
    # One untimed run first, so that bytecode and the file cache are warm for every
    # command alike.
    subprocess.run(command, capture_output=True, env=run_env, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, env=run_env, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def print_table(rows: list[tuple[str, float]], floor: float) -> None:
    width = max(len(name) for name, _ in rows)
    print(f"{'command':<{width}}  {'median ms':>9}  {'x import typer':>14}")
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:9.1f}  {ms / floor:14.2f}")


def own_commands(python: str, runs: int, app_file: Path) -> None:
    tip = str(Path(python).with_name("tip"))
    rows = [
        ("python -c pass", median_ms([python, "-c", "pass"], runs)),
        ("python -c 'import typer'", median_ms([python, "-c", "import typer"], runs)),
        ("one-command Typer app", median_ms([python, str(app_file)], runs)),
        ("tip --version", median_ms([tip, "--version"], runs)),
        ("tip --help", median_ms([tip, "--help"], runs)),
        ("tip agency DHS --json", median_ms([tip, "agency", "DHS", "--json"], runs)),
        ("tip agency DHS (piped)", median_ms([tip, "agency", "DHS"], runs)),
        ("tip hotline --json", median_ms([tip, "hotline", "--json"], runs)),
        ("tip search 'victim services'", median_ms([tip, "search", "victim services"], runs)),
        ("tip pitf --as-of 2005", median_ms([tip, "pitf", "--as-of", "2005"], runs)),
        ("tip validate", median_ms([tip, "validate"], runs)),
    ]
    print_table(rows, floor=rows[1][1])
    print(f"\ntip agency DHS --json / one-command Typer app: {rows[5][1] / rows[2][1]:.2f}")


def compare_typer(versions: list[str], runs: int, app_file: Path, work: Path) -> None:
    print(f"{'typer':<10}  {'import typer ms':>15}  {'one-command app ms':>18}  {'ratio':>6}")
    for version in versions:
        venv = work / f"typer-{version}"
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        python = str(venv / "bin" / "python")
        subprocess.run(
            [python, "-m", "pip", "install", "-q", f"typer=={version}"],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        floor = median_ms([python, "-c", "import typer"], runs)
        app = median_ms([python, str(app_file)], runs)
        print(f"{version:<10}  {floor:15.1f}  {app:18.1f}  {app / floor:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="timed runs per command")
    parser.add_argument("--compare-typer", nargs="+", metavar="VERSION", default=[])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        app_file = work / "one_command_app.py"
        app_file.write_text(ONE_COMMAND_APP)
        if args.compare_typer:
            compare_typer(args.compare_typer, args.runs, app_file, work)
        else:
            own_commands(sys.executable, args.runs, app_file)


if __name__ == "__main__":
    main()
