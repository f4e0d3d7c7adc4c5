"""Many queries in one run: `tip agency -` and `tip search -` read one query a line from
standard input and answer each on a line of its own, in order, as soon as it is read,
so that a script that asks thousands of questions starts Python once.

Every line read gets one line out: the query, and its answer or why there is none
(the message and the exit code the same query would end with on its own). A blank
line is a query without words, and answered as one, so that the nth line out always
answers the nth line in.
"""

import sys
from collections.abc import Callable, Iterator
from typing import BinaryIO, NamedTuple

from tipcli.cli.output import Format, Output, encoded, output_is_utf8, write_encoded
from tipcli.errors import DataFileError, NotFoundError, TipError, UsageError, WriteError

# The bytes a query line may have: enough for any name, and a bound on what one line
# without an end (`tip agency - < /dev/zero`) can make the tool hold.
MAX_LINE_BYTES = 64 * 1024
READ_BYTES = 64 * 1024
# How many answers are kept to repeat without asking again: a list of agencies to look
# up often names the same ones many times.
MAX_REMEMBERED = 10_000

STDIN = "-"


class Line(NamedTuple):
    number: int  # from 1
    text: str
    problem: str  # why the line is not a query (not UTF-8, too long); "" when it is


def arrivals(read: Callable[[int], bytes]) -> Iterator[list[Line]]:
    """The lines of an input as they arrive, without their line ends: each read's whole
    lines together, so that a pipe of many is answered in large writes and a person
    typing one at a time is answered at once."""
    pending = b""
    number = 0
    skipping = False  # inside a line already reported as too long
    while chunk := read(READ_BYTES):
        *whole, pending = (pending + chunk).split(b"\n")
        arrived = []
        for raw in whole:
            if skipping:  # the end of the line too long to read
                skipping = False
                continue
            number += 1
            arrived.append(_line(number, raw))
        if skipping:
            pending = b""
        elif len(pending) > MAX_LINE_BYTES:
            number += 1
            arrived.append(_line(number, pending))
            pending, skipping = b"", True
        if arrived:
            yield arrived
    if pending and not skipping:
        yield [_line(number + 1, pending)]


def _line(number: int, raw: bytes) -> Line:
    if len(raw) > MAX_LINE_BYTES:
        return Line(number, "", f"line {number} is longer than {MAX_LINE_BYTES:,} bytes")
    body = raw.removesuffix(b"\r")
    try:
        return Line(number, body.decode("utf-8"), "")
    except UnicodeDecodeError:
        return Line(number, body.decode("utf-8", "replace"), f"line {number} is not UTF-8 text")


def require_jsonl(out: Output) -> None:
    """Answers to many queries are only written as JSON Lines, which keeps each answer
    on the line of its query."""
    if out.formats != (Format.JSONL,):
        raise UsageError("reading queries from standard input ('-') needs --jsonl")


def answer_each(
    ask: Callable[[str], object],
    ahead: Callable[[list[str]], None] | None = None,
    *,
    after: Callable[[], None] | None = None,
) -> None:
    """Answer every line of standard input with `ask`, which returns the JSON value of
    an answer or raises the error of a query without one. Raises NotFoundError at the
    end if any query had no answer: the run then exits 1, as one query would.

    `ahead`, if given, is told the queries of the lines that arrived together before
    any of them is asked, so that what their answers need can be read at once; `after`
    runs once every line is answered (not when the run is stopped)."""
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        raise UsageError("cannot read the queries: standard input is closed")
    # A query's pieces of its line out, and if it failed.
    remembered: dict[str, tuple[list[bytes], bool]] = {}
    utf8 = output_is_utf8()
    failed = asked = 0
    for arrived in _read(stream):
        if ahead is not None:
            ahead([line.text for line in arrived if not line.problem])
        answers: list[bytes] = []
        for line in arrived:
            # A line that is not a query is answered afresh: its text is not the query.
            answer = None if line.problem else remembered.get(line.text)
            if answer is None:
                try:
                    answer = _answer(line, ask, utf8), False
                except _Failed as failure:
                    answer = [failure.line], True
                if not line.problem and len(remembered) < MAX_REMEMBERED:
                    remembered[line.text] = answer
            asked += 1
            failed += answer[1]
            answers += answer[0]
        write_encoded(answers)
    if after is not None:
        after()
    if failed:
        raise NotFoundError(f"{failed:,} of {asked:,} queries had no answer; their lines say why")


def _answer(line: Line, ask: Callable[[str], object], utf8: bool) -> list[bytes]:
    """A line's answer as a line of JSON, in the pieces written out (an answer encoded
    before goes out as it is, where the output is UTF-8). Raises _Failed with the line
    of a query without an answer."""
    from tipcli.render.records import Encoded, answer_line, around_answer, failure_line

    if line.problem:
        raise _Failed(encoded(failure_line(line.text, line.problem, UsageError.exit_code)))
    try:
        answer = ask(line.text)
    except (DataFileError, WriteError):
        raise  # not the query's fault: the run stops
    except TipError as err:
        raise _Failed(encoded(failure_line(line.text, err.message, err.exit_code))) from None
    if not isinstance(answer, Encoded):
        return [encoded(answer_line(line.text, answer))]
    before, after = around_answer(line.text)
    if utf8:
        return [encoded(before), answer.data, encoded(after)]
    return [encoded(before + answer.data.decode("utf-8") + after)]


class _Failed(Exception):
    """A query without an answer, and the line that says why."""

    def __init__(self, line: bytes) -> None:
        self.line = line


def _read(stream: BinaryIO) -> Iterator[list[Line]]:
    # read1 returns what one read of the descriptor gives, without waiting for more.
    read: Callable[[int], bytes] = getattr(stream, "read1", stream.read)
    try:
        yield from arrivals(read)
    except OSError as err:
        raise UsageError(f"cannot read the queries: {err.strerror or err}") from None
