"""Time `tip` against the floor any Typer CLI pays, and on large directories.

    python bench/startup.py                         # start-up table, 30 rounds
    python bench/startup.py --sizes 50,500,5000     # and directories of these sizes
    python bench/startup.py --compare-typer 0.28.0 0.29.2

Each command runs once per round, the commands in a shuffled order, and the table
gives the median wall time and the fastest: on a shared machine, load that comes and
goes can move a median by a fifth, while the fastest run shows the cost with the
least disturbance. Ratios are against `python -c "import typer"` with the same
interpreter (and on a pseudo-terminal for the terminal card). "cold" runs start
with an empty cache directory (the first run on a data file); "warm" ones reuse it.
`--compare-typer` builds a throwaway virtual environment for each Typer version and
times a one-command app in each: the measurement behind the bound in pyproject.toml.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import random
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate  # the sibling script, found through the line above

from tipcli.data import cache

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
BASE_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TIP_DATA")}
# No file of the user's own is merged into what is timed: an empty data folder.
BASE_ENV["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="tip-bench-data-")
ADDED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "added-task-force.toml"


class Case(NamedTuple):
    name: str
    command: list[str]
    env: Callable[[], dict[str, str]]  # makes the environment of each run
    terminal: bool = False  # output to an 80-column pseudo-terminal rather than a pipe
    stdin: Path | None = None  # a file to give the command on standard input
    # Files (globs in the run's cache folder) that a process of `tip`'s own writes after
    # the run: the next run waits for them, so that no run is timed beside that writer.
    leaves: tuple[str, ...] = ()
    until_left: bool = False  # the time includes that wait: until the cache is complete


def always(env: dict[str, str]) -> Callable[[], dict[str, str]]:
    """An environment maker that gives the same environment every run."""
    return lambda: env


def timed(case: Case) -> float:
    env = case.env()
    start = time.perf_counter()
    if case.terminal:
        on_terminal(case.command, env)
    elif case.stdin is not None:
        with case.stdin.open("rb") as given:
            subprocess.run(
                case.command, stdin=given, stdout=subprocess.DEVNULL, env=env, check=False
            )
    else:
        subprocess.run(case.command, capture_output=True, env=env, check=False)
    ended = time.perf_counter()
    folder = Path(env.get("XDG_CACHE_HOME", ""), "tipcli")
    while case.leaves and time.perf_counter() - ended < 300:
        if all(list(folder.glob(pattern)) for pattern in case.leaves):
            break
        time.sleep(0.01)
    return (time.perf_counter() if case.until_left else ended) - start


def on_terminal(command: list[str], env: dict[str, str]) -> None:
    """Run a command with its standard streams on a new 80-column pseudo-terminal, read
    what it prints as a terminal would, and wait for it. (Wrapping it in `script`
    would add a process of its own, about 13 ms here, to every run.)"""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    process = subprocess.Popen(
        command, stdin=follower, stdout=follower, stderr=follower, env=env, close_fds=True
    )
    os.close(follower)
    while True:
        try:
            if not os.read(leader, 65536):
                break
        except OSError:  # EIO: the last writer closed the terminal
            break
    process.wait()
    os.close(leader)


class Timing(NamedTuple):
    median: float  # milliseconds
    fastest: float  # milliseconds: the run least disturbed by the rest of the machine


def medians(cases: list[Case], rounds: int) -> dict[str, Timing]:
    """Median and fastest milliseconds per case. The cases take turns within each round,
    in an order shuffled afresh each round (the same orders every time the script
    runs), so that load on the machine, which comes and goes, falls on all alike."""
    for case in cases:  # warm bytecode and the file cache
        timed(case)
    samples: dict[str, list[float]] = {case.name: [] for case in cases}
    order = random.Random(0)
    for _ in range(rounds):
        for case in order.sample(cases, len(cases)):
            samples[case.name].append(timed(case))
    return {
        name: Timing(statistics.median(times) * 1000, min(times) * 1000)
        for name, times in samples.items()
    }


def print_table(title: str, results: dict[str, Timing], floor: Timing) -> None:
    width = max(len(name) for name in results)
    print(f"\n{title}")
    columns = f"{'median ms':>9}  {'x floor':>7}  {'fastest ms':>10}  {'x floor':>7}"
    print(f"{'command':<{width}}  {columns}")
    for name, ms in results.items():
        print(
            f"{name:<{width}}  {ms.median:9.1f}  {ms.median / floor.median:7.2f}"
            f"  {ms.fastest:10.1f}  {ms.fastest / floor.fastest:7.2f}"
        )


def print_ratio(label: str, over: Timing, under: Timing) -> None:
    median, fastest = over.median / under.median, over.fastest / under.fastest
    print(f"{label}: {median:.2f} (fastest runs: {fastest:.2f})")


def startup(tip: str, python: str, rounds: int, app_file: Path, cache_dir: str) -> None:
    warm = {**BASE_ENV, "XDG_CACHE_HOME": cache_dir}
    env = always(warm)

    # A data folder with one small file of one's own entries in it.
    added_home = tempfile.mkdtemp(prefix="tip-bench-added-")
    Path(added_home, "tip").mkdir()
    Path(added_home, "tip", "local.toml").write_text(ADDED.read_text(encoding="utf-8"))
    with_added = always({**warm, "XDG_DATA_HOME": added_home})
    complete = {**warm, "_TIP_COMPLETE": "complete_bash", "COMP_WORDS": "tip agency DH",
                "COMP_CWORD": "2"}  # fmt: skip
    cases: list[Case] = [
        Case("python -c pass", [python, "-c", "pass"], env),
        Case("python -c 'import typer'  (floor)", [python, "-c", "import typer"], env),
        Case("one-command Typer app", [python, str(app_file)], env),
        Case("tip --version", [tip, "--version"], env),
        Case("tip --help", [tip, "--help"], env),
        Case("tip completion (agency DH<TAB>)", [tip], always(complete)),
        Case("tip agency DHS --json", [tip, "agency", "DHS", "--json"], env),
        Case("tip agency DHS --json, 1 added file", [tip, "agency", "DHS", "--json"], with_added),
        Case("tip agency DHS (piped plain)", [tip, "agency", "DHS"], env),
        Case("python -c 'import typer'  (terminal)", [python, "-c", "import typer"], env, True),
        Case("tip agency DHS (terminal)", [tip, "agency", "DHS"], env, True),
        Case("tip hotline --json", [tip, "hotline", "--json"], env),
        Case("tip search 'victim services'", [tip, "search", "victim services"], env),
        Case("tip pitf --as-of 2005", [tip, "pitf", "--as-of", "2005"], env),
    ]
    results = medians(cases, rounds)
    floor = results["python -c 'import typer'  (floor)"]
    print_table(f"Start-up, bundled directory, warm cache ({rounds} rounds)", results, floor)
    app = results["one-command Typer app"]
    for name in ("tip agency DHS --json", "tip agency DHS (piped plain)"):
        print_ratio(f"{name} / one-command Typer app", results[name], app)
    print_ratio(
        "tip agency DHS --json, 1 added file / none",
        results["tip agency DHS --json, 1 added file"],
        results["tip agency DHS --json"],
    )
    terminal_floor = results["python -c 'import typer'  (terminal)"]
    print_ratio(
        "tip agency DHS (terminal) / floor on a terminal",
        results["tip agency DHS (terminal)"],
        terminal_floor,
    )


def sizes(
    tip: str, python: str, counts: list[int], rounds: int, work: Path, cache_dir: str
) -> None:
    """Each size's table, with the floor and the bundled directory's commands timed in
    the same rounds, so that their ratios compare runs made under the same load."""
    bundled_env = always({**BASE_ENV, "XDG_CACHE_HOME": cache_dir})
    floor = Case(
        "python -c 'import typer'  (floor)", [python, "-c", "import typer"], always(BASE_ENV)
    )
    bundled_search = Case(
        "tip search, bundled directory (warm)", [tip, "search", "victim services"], bundled_env
    )
    bundled_lookup = Case(
        "tip agency DHS --json, bundled directory (warm)",
        [tip, "agency", "DHS", "--json"],
        bundled_env,
    )
    for count in counts:
        path = generate.write(count, work / f"synthetic-{count}.toml")
        megabytes = path.stat().st_size / 1e6
        # A warm cache is made in full by the first run, before any run is timed.
        warm_cache = tempfile.mkdtemp(dir=work)
        warm = always({**BASE_ENV, "XDG_CACHE_HOME": warm_cache, "TIP_CACHE_WAIT": "1"})

        def cold() -> dict[str, str]:
            return {**BASE_ENV, "XDG_CACHE_HOME": tempfile.mkdtemp(dir=work)}

        data = ["--data", str(path)]
        search = [tip, "search", "victim services", *data]
        lookup = [tip, "agency", "O7", "--json", *data]
        # Ten thousand lookups in one process: of this directory's own organisations.
        queries = work / f"queries-{count}.txt"
        queries.write_text("".join(f"O{n % count}\n" for n in range(10_000)))
        # What a first search leaves written, after it, for a large directory.
        written = ("*.data.db", "*.search.db") if cache.is_large(path.stat().st_size) else ()
        parse = "import sys, tomli; tomli.loads(open(sys.argv[1], encoding='utf-8').read())"
        cases: list[Case] = [
            floor,
            bundled_search,
            bundled_lookup,
            Case("TOML parse alone (tomli)", [python, "-c", parse, str(path)], always(BASE_ENV)),
            Case("tip validate", [tip, "validate", str(path)], cold),
            Case("tip search, first run (cold)", search, cold, leaves=written),
            Case(
                "tip search, first run, until its cache is written (cold)",
                search,
                cold,
                leaves=written,
                until_left=True,
            ),
            Case("tip agency O7 --json, first run (cold)", lookup, cold),
            Case("tip search, later runs (warm)", search, warm),
            Case("tip agency O7 --json (warm)", lookup, warm),
            Case(
                "tip agency - --jsonl, 10,000 lookups (warm)",
                [tip, "agency", "-", "--jsonl", *data],
                warm,
                stdin=queries,
            ),
        ]
        results = medians(cases, rounds if count <= 5000 else max(3, rounds // 10))
        title = f"{count} organisations ({megabytes:.1f} MB of TOML)"
        print_table(title, results, results[floor.name])
        for label, over, under in (
            ("warm search / bundled search", "tip search, later runs (warm)", bundled_search.name),
            ("warm lookup / bundled lookup", "tip agency O7 --json (warm)", bundled_lookup.name),
            (
                "first search / TOML parse",
                "tip search, first run (cold)",
                "TOML parse alone (tomli)",
            ),
            (
                "first lookup / TOML parse",
                "tip agency O7 --json, first run (cold)",
                "TOML parse alone (tomli)",
            ),
            (
                "10,000 lookups / one lookup",
                "tip agency - --jsonl, 10,000 lookups (warm)",
                "tip agency O7 --json (warm)",
            ),
        ):
            print_ratio(label, results[over], results[under])


def batch(tip: str, rounds: int, work: Path, cache_dir: str) -> None:
    """Ten thousand lookups of the bundled directory's organisations, by id and acronym
    in turn, in one process, against one lookup."""
    from tipcli.data.load import load

    env = always({**BASE_ENV, "XDG_CACHE_HOME": cache_dir})
    # Read here without the cache: this process has the user's own cache folder.
    os.environ[cache.DISABLE_ENV] = "1"
    orgs = load(None).directory.organisations
    del os.environ[cache.DISABLE_ENV]
    names = [name for org in orgs for name in (org.id, org.acronym) if name]
    queries = work / "queries-bundled.txt"
    queries.write_text("".join(f"{names[n % len(names)]}\n" for n in range(10_000)))
    one = Case("tip agency DHS --json", [tip, "agency", "DHS", "--json"], env)
    many = Case(
        "tip agency - --jsonl, 10,000 lookups", [tip, "agency", "-", "--jsonl"], env, stdin=queries
    )
    results = medians([one, many], rounds)
    print(f"\nMany lookups in one process, bundled directory ({rounds} rounds)")
    for name, ms in results.items():
        print(f"{name:<40}  {ms.median:9.1f} ms  (fastest {ms.fastest:.1f})")
    print_ratio("10,000 lookups / one lookup", results[many.name], results[one.name])


def compare_typer(versions: list[str], rounds: int, app_file: Path, work: Path) -> None:
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
        results = medians(
            [
                Case("floor", [python, "-c", "import typer"], lambda: BASE_ENV),
                Case("app", [python, str(app_file)], lambda: BASE_ENV),
            ],
            rounds,
        )
        floor, app = results["floor"].median, results["app"].median
        print(f"{version:<10}  {floor:15.1f}  {app:18.1f}  {app / floor:6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=30, help="timed runs per command")
    parser.add_argument("--sizes", default="", help="comma-separated organisation counts")
    parser.add_argument("--compare-typer", nargs="+", metavar="VERSION", default=[])
    args = parser.parse_args()
    python = sys.executable
    tip = str(Path(python).with_name("tip"))
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        app_file = work / "one_command_app.py"
        app_file.write_text(ONE_COMMAND_APP)
        if args.compare_typer:
            compare_typer(args.compare_typer, args.rounds, app_file, work)
            return
        cache_dir = tempfile.mkdtemp(dir=work)
        startup(tip, python, args.rounds, app_file, cache_dir)
        batch(tip, args.rounds, work, cache_dir)
        counts = [int(c) for c in args.sizes.split(",") if c.strip()]
        if counts:
            sizes(tip, python, counts, args.rounds, work, cache_dir)


if __name__ == "__main__":
    main()
