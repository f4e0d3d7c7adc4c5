"""Files a user names for `tip` to write (`export --output`, `data fmt`): what was there
keeps its identity (link, mode, owner, the device it was), or the write is refused
with a reason, one line and exit 4."""

from __future__ import annotations

import os
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

import pytest

from tests.conftest import SMALL
from tipcli.data import atomic
from tipcli.data.canonical import comments_in

TIP = Path(sys.executable).with_name("tip")
AS_ROOT = os.geteuid() == 0


def _tip(*args: str, cwd: Path, **popen: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(TIP), *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        check=False,
        **popen,
    )


def _in_bash(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """For what only a shell sets up: a umask, `>>`, a descriptor of a deleted file."""
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=60, check=False
    )


def _export(to: str, *more: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _tip("export", "--data", str(SMALL), "--output", to, *more, cwd=cwd)


def _expected_export(tmp_path: Path) -> str:
    done = _tip("export", "--data", str(SMALL), cwd=tmp_path)
    assert done.returncode == 0
    return done.stdout


def _refused(done: subprocess.CompletedProcess[str], message: str) -> None:
    assert done.returncode == 4, done.stderr
    assert done.stderr == f"tip: {message}\n"


# --- a stream is written through, never replaced ---------------------------------------


def test_a_fifo_gets_the_output_and_stays_a_fifo(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    done = _export("pipe", cwd=tmp_path)
    reader.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert received == [_expected_export(tmp_path).encode()]
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.skipif(not AS_ROOT, reason="making a device node needs root")
def test_a_character_device_is_written_through(tmp_path: Path) -> None:
    """A look-alike of /dev/null stays the device it was, not a file of the output."""
    null = tmp_path / "null"
    os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    done = _export("null", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)
    assert null.lstat().st_rdev == os.makedev(1, 3)


def test_a_unix_socket_gets_the_output(tmp_path: Path) -> None:
    os.chdir(tmp_path)  # a socket's path must be short; a relative one is
    received = bytearray()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind("sock")
        server.listen(1)

        def serve() -> None:
            connection, _ = server.accept()
            with connection:
                while chunk := connection.recv(65536):
                    received.extend(chunk)

        thread = threading.Thread(target=serve)
        thread.start()
        done = _export("sock", cwd=tmp_path)
        thread.join(timeout=60)
    assert done.returncode == 0, done.stderr
    assert received.decode() == _expected_export(tmp_path)
    assert stat.S_ISSOCK((tmp_path / "sock").lstat().st_mode)


def test_data_fmt_refuses_a_stream(tmp_path: Path) -> None:
    text = "# a comment\n" + SMALL.read_text()
    done = _tip("data", "fmt", "--force", "/dev/stdin", cwd=tmp_path, input=text)
    _refused(done, "not writing /dev/stdin: it names an open descriptor, not a file")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(text))
    writer.start()
    done = _tip("data", "fmt", "--force", "pipe", cwd=tmp_path)
    writer.join(timeout=60)
    _refused(done, "not writing pipe: it is a device, FIFO or socket, not a regular file")


def test_dev_stdout_appends_to_the_file_the_shell_opened(tmp_path: Path) -> None:
    """`>> log` with `-o /dev/stdout` appends, as `cat > /dev/stdout` would; the file is
    not replaced by a copy holding the output alone."""
    log = tmp_path / "app.log"
    log.write_text("kept line\n")
    inode = log.stat().st_ino
    done = _in_bash(f"{TIP} export --data {SMALL} -f csv -o /dev/stdout >> app.log", tmp_path)
    assert done.returncode == 0, done.stderr
    expected = _tip("export", "--data", str(SMALL), "-f", "csv", cwd=tmp_path).stdout
    assert log.read_text() == "kept line\n" + expected
    assert log.stat().st_ino == inode


def test_an_open_descriptor_of_a_deleted_file_gets_the_output(tmp_path: Path) -> None:
    """/dev/fd/3 of a deleted file: the bytes go to the descriptor, and no file named
    'gone.log (deleted)' appears."""
    done = _in_bash(
        f"exec 3<>gone.log; rm gone.log; {TIP} export --data {SMALL} -f csv -o /dev/fd/3 "
        "&& wc -c < /proc/self/fd/3",
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    expected = _tip("export", "--data", str(SMALL), "-f", "csv", cwd=tmp_path).stdout
    assert int(done.stdout) == len(expected.encode())
    assert list(tmp_path.iterdir()) == []


def test_a_fifo_whose_reader_stops_early_ends_as_a_pipe_does(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)

    def read_a_little() -> None:
        with fifo.open("rb") as stream:
            stream.read(10)

    reader = threading.Thread(target=read_a_little)
    reader.start()
    done = _tip("export", "-o", "pipe", cwd=tmp_path)  # the bundled directory: 200 KB
    reader.join(timeout=60)
    assert (done.returncode, done.stderr) == (141, "")


# --- a regular file keeps its identity --------------------------------------------------


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path: Path) -> None:
    (tmp_path / "real.json").write_text("old\n")
    (tmp_path / "link.json").symlink_to("real.json")
    done = _export("link.json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "link.json").is_symlink()
    assert (tmp_path / "real.json").read_text() == _expected_export(tmp_path)


def test_data_fmt_formats_a_links_target(tmp_path: Path) -> None:
    target = tmp_path / "real.toml"
    target.write_text(SMALL.read_text().replace("format = 1\n", "format   =   1\n", 1))
    (tmp_path / "link.toml").symlink_to("real.toml")
    done = _tip("data", "fmt", "link.toml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "reformatted link.toml\n")
    assert (tmp_path / "link.toml").is_symlink()
    assert target.read_text() == SMALL.read_text()


@pytest.mark.skipif(not AS_ROOT, reason="a folder of another group needs root")
def test_a_set_group_id_folder_does_not_change_the_files_group(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    os.chown(folder, 0, 5678)
    folder.chmod(0o2775)
    path = folder / "f.json"
    path.write_text("old\n")
    os.chown(path, 0, 0)
    assert _export("shared/f.json", cwd=tmp_path).returncode == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (0, 0)


def test_a_read_only_file_system_is_named_as_such(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--force cannot help there, so the message does not offer it."""
    from tipcli.data import userfile
    from tipcli.errors import WriteError

    path = tmp_path / "f.json"
    path.write_text("old\n")
    real = os.statvfs(path)
    fields = list(real)
    fields[8] = real.f_flag | os.ST_RDONLY  # f_flag
    monkeypatch.setattr(os, "statvfs", lambda _path: os.statvfs_result(fields))
    with pytest.raises(WriteError) as caught:
        userfile.write(str(path), b"new\n", force=False, streams=True)
    assert caught.value.message == f"cannot write {path}: it is on a read-only file system"


def test_a_files_mode_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "out.json"
    path.write_text("old\n")
    path.chmod(0o640)
    assert _export("out.json", cwd=tmp_path).returncode == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


@pytest.mark.skipif(not AS_ROOT, reason="giving a file to another user needs root")
def test_root_writing_a_users_file_keeps_its_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "theirs.json"
    path.write_text("old\n")
    os.chown(path, 4242, 4343)
    assert _export("theirs.json", cwd=tmp_path).returncode == 0
    assert (path.stat().st_uid, path.stat().st_gid) == (4242, 4343)
    assert path.read_text() == _expected_export(tmp_path)


def test_an_owner_that_cannot_be_kept_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As a user who may not give files away: the old file stays, nothing is left."""
    from tipcli.data import userfile
    from tipcli.errors import WriteError

    path = tmp_path / "theirs.json"
    path.write_text("old\n")
    real_stat = Path.stat

    def theirs(self: Path, **kwargs: bool) -> os.stat_result:
        fields = list(real_stat(self, **kwargs))
        fields[stat.ST_UID] = os.getuid() + 1
        return os.stat_result(fields)

    def refuse(fd: int, uid: int, gid: int) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(Path, "stat", theirs)
    monkeypatch.setattr(os, "fchown", refuse)
    with pytest.raises(WriteError) as caught:
        userfile.write(str(path), b"new\n", force=False, streams=True)
    assert "--force writes it as yours" in caught.value.message
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["theirs.json"]
    userfile.write(str(path), b"new\n", force=True, streams=True)
    assert path.read_text() == "new\n"


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_a_new_file_follows_the_umask(tmp_path: Path, umask: int) -> None:
    done = _in_bash(f"umask {umask:03o} && {TIP} export --data {SMALL} -o new.json", tmp_path)
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o666 & ~umask


def test_a_read_only_file_is_refused_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "kept.json"
    path.write_text("old\n")
    path.chmod(0o444)
    _refused(
        _export("kept.json", cwd=tmp_path),
        "not writing kept.json: it is read-only (--force replaces it anyway)",
    )
    assert path.read_text() == "old\n"
    assert _export("kept.json", "--force", cwd=tmp_path).returncode == 0
    assert path.read_text() == _expected_export(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_hard_linked_file_is_refused_unless_forced(tmp_path: Path) -> None:
    first = tmp_path / "a.json"
    first.write_text("old\n")
    os.link(first, tmp_path / "b.json")
    _refused(
        _export("a.json", cwd=tmp_path),
        "not writing a.json: it has 2 hard links, and the others would keep the old text "
        "(--force replaces this name only)",
    )
    assert _export("a.json", "--force", cwd=tmp_path).returncode == 0
    assert first.read_text() == _expected_export(tmp_path)
    assert (tmp_path / "b.json").read_text() == "old\n"


def test_force_without_output_is_a_usage_error(tmp_path: Path) -> None:
    done = _tip("export", "--force", cwd=tmp_path)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        "tip: --force goes with --output\n",
    )


# --- comments ---------------------------------------------------------------------------


def test_data_fmt_keeps_a_file_with_comments_unless_forced(tmp_path: Path) -> None:
    path = tmp_path / "mine.toml"
    original = "# my notes\n" + SMALL.read_text() + "# the end\n"
    path.write_text(original)
    _refused(
        _tip("data", "fmt", "mine.toml", cwd=tmp_path),
        "not rewriting mine.toml: its 2 comments would be lost, as the canonical form has "
        "none (--force drops them)",
    )
    assert path.read_text() == original
    done = _tip("data", "fmt", "--force", "mine.toml", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "reformatted mine.toml (dropped 2 comments)\n")
    assert path.read_text() == SMALL.read_text()


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ('a = "#not"\n', 0),
        ("a = '#not'\n", 0),
        ('a = """\n# not\n"""\n', 0),
        ("a = '''\n# not\n'''\n", 0),
        ('a = "q\\"#not"\n', 0),
        ('a = "x" # yes\n# yes\n', 2),
        ('"#key" = 1 # yes', 1),
        ("a = ''\n# yes\n", 1),
        ('a = """say "hi""""  # yes\n', 1),
        ("a = '''x'''' # yes\nb = 'y' # yes\n", 2),
        ("a = '''x''''\nb = \"no #tags\"\n", 0),
        ('a = """"""  # yes\n', 1),
    ],
)
def test_comments_are_told_from_hashes_in_strings(text: str, count: int) -> None:
    assert comments_in(text) == count


# --- output paths that cannot be written ------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "to", "message"),
    [
        (lambda d: (d / "afile").write_text(""), "afile/out.json", "Not a directory"),
        (
            lambda d: ((d / "l1").symlink_to("l2"), (d / "l2").symlink_to("l1")),
            "l1",
            "Too many levels of symbolic links",
        ),
        (lambda d: None, "n" * 300, "File name too long"),
        (lambda d: (d / "folder").mkdir(), "folder", "it is a folder"),
    ],
    ids=["under-a-file", "link-loop", "too-long", "a-folder"],
)
def test_an_output_path_that_cannot_be_a_file_is_one_line(
    tmp_path: Path, setup: object, to: str, message: str
) -> None:
    setup(tmp_path)  # type: ignore[operator]
    before = sorted(p.name for p in tmp_path.iterdir())
    done = _export(to, cwd=tmp_path)
    _refused(done, f"cannot write {to}: {message}")
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_a_path_through_a_missing_folder_is_not_read_by_its_letters(tmp_path: Path) -> None:
    """`nodir/../x` does not exist for the system, so it is not written as `x`."""
    _refused(
        _export("nodir/../x.json", cwd=tmp_path),
        "cannot write nodir/../x.json: No such file or directory",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("length", [241, 250, 255])
def test_a_long_file_name_that_the_system_allows_is_written(tmp_path: Path, length: int) -> None:
    name = "e" * (length - 5) + ".json"
    done = _export(name, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in tmp_path.iterdir()] == [name]


def test_a_name_ending_in_a_slash_is_not_made_a_file(tmp_path: Path) -> None:
    _refused(
        _export("newdir/", cwd=tmp_path),
        "cannot write newdir/: a name ending in '/' is a folder, not a file",
    )
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(
    not AS_ROOT or shutil.which("setpriv") is None, reason="runs tip as a throwaway user"
)
def test_an_unsearchable_folder_is_one_line() -> None:
    for folder in [SMALL.parent, *SMALL.parents, TIP.parent, *TIP.parents]:
        if folder.stat().st_mode & 0o001 == 0:
            pytest.skip(f"{folder} is closed to other users")
    with tempfile.TemporaryDirectory() as name:
        place = Path(name)
        place.chmod(0o755)
        (place / "closed").mkdir(mode=0o700)
        cache = place / "cache"
        cache.mkdir()
        os.chown(cache, 4242, 4242)
        done = _as_another_user(place, cache)
    _refused(done, "cannot write closed/out.json: Permission denied")


def _as_another_user(place: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    as_someone_else = ["setpriv", "--reuid=4242", "--regid=4242", "--clear-groups"]
    return subprocess.run(
        [*as_someone_else, str(TIP), "export", "--data", str(SMALL), "-o", "closed/out.json"],
        capture_output=True,
        text=True,
        cwd=place,
        env={**os.environ, "XDG_CACHE_HOME": str(cache)},
        timeout=60,
        check=False,
    )


def test_the_temporary_file_is_removed_when_a_write_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(self: Path, target: Path) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", fail)
    with pytest.raises(OSError, match="No space"):
        atomic.replace(tmp_path / "x", [b"data"], durable=False)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("writev", [True, False])
def test_every_piece_is_written_whole_and_in_order_however_little_each_write_takes(
    writev: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write may take only part of what it is given (a pipe, a signal): the rest,
    across and within pieces, is written after it, and nothing twice."""
    from tipcli.data import streams

    pieces = [f"line {n} ".encode() * (n % 5) + b"\n" for n in range(3000)]
    pieces[7:7] = [b"", b""]
    real_write, real_writev = os.write, os.writev
    monkeypatch.setattr(streams, "_WRITEV", writev)
    # Each call takes at most 13 bytes, however many it is given.
    monkeypatch.setattr(os, "write", lambda fd, data: real_write(fd, bytes(data)[:13]))
    monkeypatch.setattr(os, "writev", lambda fd, views: real_writev(fd, [b"".join(views)[:13]]))
    target = tmp_path / "out"
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT)
    try:
        streams.write_all(descriptor, pieces, "the output")
    finally:
        os.close(descriptor)
    assert target.read_bytes() == b"".join(pieces)
