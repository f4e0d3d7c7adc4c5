"""Which data file a run reads, and its bytes and text.

Where the data comes from, first match wins: an explicit path (`--data`), the
`TIP_DATA` environment variable, then the directory bundled with the package.
"""

import os
import stat
from pathlib import Path
from typing import NamedTuple

from tipcli.errors import DataFileError, UsageError

ENV_VAR = "TIP_DATA"
# Generous: a directory of 50,000 organisations is 61 MB. A larger "data file" is a
# mistake (or /dev/zero), and is refused before it takes the machine's memory.
MAX_BYTES = 256 * 1024 * 1024


class DataFile(NamedTuple):
    path: Path
    # How to name the file to a user: the path as given, or "the bundled directory".
    label: str

    @property
    def is_regular(self) -> bool:
        """A file on disk, not a pipe, a terminal or a device: only such a file can be
        read twice, and cached."""
        try:
            return stat.S_ISREG(self.path.stat().st_mode)
        except OSError:
            return False

    @property
    def is_json(self) -> bool:
        """A directory exported as JSON (`tip export --format json`) reads back too."""
        return self.path.suffix.lower() == ".json"


def same_file(one: Path, other: Path) -> bool:
    """Whether two paths name one file (through links, or `./x` and `x`); where either
    cannot be looked at, whether they are written alike."""
    try:
        return one.samefile(other)
    except OSError:
        return one == other


def bundled_path() -> Path:
    """The directory that ships with `tip`.

    An installed wheel carries it inside the package; an editable install or a source
    checkout reads the repository's own `data/agencies.toml`.
    """
    package = Path(__file__).resolve().parent.parent
    packaged = package / "data" / "agencies.toml"
    if packaged.is_file():
        return packaged
    return package.parent.parent / "data" / "agencies.toml"


def locate(explicit: str | None, environ: dict[str, str] | None = None) -> DataFile:
    if explicit == "":
        # Most likely an unset shell variable (`--data "$FILE"`): reading the bundled
        # directory instead would answer a question the user did not ask.
        raise UsageError("the data file path is empty")
    env = os.environ if environ is None else environ
    # An empty TIP_DATA counts as unset, as empty environment variables usually do.
    chosen = explicit if explicit is not None else env.get(ENV_VAR) or None
    if chosen is None:
        return DataFile(bundled_path(), "the bundled directory")
    return DataFile(Path(chosen), chosen)


# What was read of each file that is not a regular one (standard input, a FIFO): it
# can be read once only, and a run may ask for it twice.
_STREAMS: dict[Path, bytes] = {}


def read_bytes(data: DataFile) -> bytes:
    """The file's bytes, or a DataFileError that says in one line what is wrong. A pipe
    or device is read once a run; a file over MAX_BYTES is refused."""
    if data.path in _STREAMS:
        return _STREAMS[data.path]
    where = data.label
    try:
        with data.path.open("rb") as stream:
            content = stream.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DataFileError(f"data file not found: {where}") from None
    except IsADirectoryError:
        raise DataFileError(f"data file is a folder, not a file: {where}") from None
    except PermissionError:
        raise DataFileError(f"cannot read data file (permission denied): {where}") from None
    except OSError as err:
        raise DataFileError(f"cannot read data file {where}: {err.strerror}") from None
    if len(content) > MAX_BYTES:
        raise DataFileError(f"data file is larger than {MAX_BYTES >> 20} MB: {where}")
    if not data.is_regular:
        _STREAMS[data.path] = content
    return content


def decode(raw: bytes, data: DataFile) -> str:
    """UTF-8 text; a byte-order mark, which some editors put first, is no part of it."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DataFileError(
            f"data file is not UTF-8 text: {data.label} (byte 0x{raw[err.start]:02x} at "
            f"offset {err.start})"
        ) from None


def read_text(data: DataFile) -> str:
    """The file's text, or a DataFileError that says in one line what is wrong."""
    return decode(read_bytes(data), data)
