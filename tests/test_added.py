"""Files a user adds beside the directory: merged over it on every run, validated as one
with it, never changing what it says, and left out on request."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO, app

TASK_FORCE = REPO / "tests" / "fixtures" / "added-task-force.toml"
# A national number that changed after the record: a newer statement with its own source.
NEW_NUMBER = """
format = 1

[[sources]]
id = "my-notes-2026"
title = "Hotline numbers checked by phone"
publisher = "Springfield Case Management Team"
kind = "notes"
date = "2026-11-20"

[[hotlines]]
id = "nhth"

[[hotlines.numbers]]
number = "1-888-373-7888"
dialable = "+18883737888"
sources = ["my-notes-2026"]
"""


def tip(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def added_folder() -> Path:
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tip"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_a_file_in_the_data_folder_is_found_by_every_command() -> None:
    (added_folder() / "task-force.toml").write_text(TASK_FORCE.read_text())
    code, out, _ = tip("agency", "springfield", "--json")
    assert code == 0
    card = json.loads(out)
    assert card["name"] == "Springfield Regional Human Trafficking Task Force"
    assert [a["id"] for a in card["ancestors"]][:1] == ["doj-bja"]
    code, out, _ = tip("search", "springfield tip line", "--json", "--limit", "1")
    assert json.loads(out)[0]["id"] == "springfield-line"
    code, out, _ = tip("sources", "--json")
    added = [s for s in json.loads(out) if s["id"] == "springfield-2026"]
    assert added[0]["added_from"].endswith("task-force.toml")
    assert added[0]["url"] == "https://example.org/springfield-task-force"


@pytest.mark.parametrize("off", [("--no-add",), ()])
def test_the_directory_alone_on_request(
    off: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    (added_folder() / "task-force.toml").write_text(TASK_FORCE.read_text())
    if not off:
        monkeypatch.setenv("TIP_NO_ADD", "1")
    code, _, err = tip(*off, "agency", "springfield")
    assert code == 1
    assert "no organisation matches 'springfield'" in err


def test_add_merges_a_file_for_one_run() -> None:
    code, _, _ = tip("--add", str(TASK_FORCE), "agency", "springfield")
    assert code == 0
    assert tip("agency", "springfield")[0] == 1


def test_add_and_no_add_together_is_a_usage_error() -> None:
    code, _, err = tip("--add", str(TASK_FORCE), "--no-add", "agency", "DHS")
    assert code == 2
    assert err.strip() == "tip: --add and --no-add contradict each other; give one"


def test_a_newer_number_shows_by_default_and_the_record_as_of_2018() -> None:
    (added_folder() / "numbers.toml").write_text(NEW_NUMBER)
    code, out, _ = tip("hotline", "nhth", "--json")
    assert code == 0
    (entry,) = json.loads(out)
    assert entry["number"] == "1-888-373-7888"
    code, out, _ = tip("hotline", "nhth", "--json", "--as-of", "2018")
    (entry,) = json.loads(out)
    assert entry["number"] == "1-888-3737-888"
    code, out, _ = tip("--no-add", "hotline", "nhth", "--json")
    assert json.loads(out)[0]["number"] == "1-888-3737-888"


def test_redefining_what_the_directory_says_names_both_files(tmp_path: Path) -> None:
    changed = tmp_path / "changed.toml"
    changed.write_text('format = 1\n\n[[organisations]]\nid = "dhs"\nparent = "doj"\n')
    code, out, err = tip("--add", str(changed), "agency", "DHS")
    assert (code, out) == (3, "")
    assert err.startswith(f"tip: invalid data file: {changed}:organisations[dhs].parent: ")
    assert "cannot change what the bundled directory says of organisations[dhs]" in err


def test_validate_names_the_added_file_and_place(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(TASK_FORCE.read_text().replace('parent = "doj-bja"', 'parent = "doj-nope"'))
    code, out, _ = tip("--add", str(broken), "validate")
    assert code == 3
    assert f"{broken}:organisations[springfield-task-force].parent: " in out
    code, out, _ = tip("--add", str(TASK_FORCE), "validate")
    assert code == 0


def test_the_cache_notices_a_changed_added_file() -> None:
    added = added_folder() / "task-force.toml"
    added.write_text(TASK_FORCE.read_text())
    assert tip("agency", "springfield", "--json")[0] == 0
    assert tip("agency", "springfield", "--json")[0] == 0  # from the cache
    later = TASK_FORCE.read_text().replace("A local task force", "A regional task force")
    added.write_text(later)
    os.utime(added, (time.time() + 5, time.time() + 5))
    _code, out, _ = tip("agency", "springfield", "--json")
    assert json.loads(out)["summary"].startswith("A regional task force")


def test_data_new_writes_a_file_that_is_valid_as_it_is(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    code, _, err = tip("data", "new", str(target))
    assert code == 0
    assert f"add it with: tip --add {target} ..., check: tip --add {target} validate" in err
    text = target.read_text()
    assert text.startswith("# Your own entries for tip")
    code, out, _ = tip("--add", str(target), "validate")
    assert code == 0
    assert out.startswith(f"the bundled directory with {target}: valid (")
    code, out, _ = tip("--add", str(target), "agency", "mine-task-force", "--json")
    assert json.loads(out)["ancestors"][0]["id"] == "task-forces"


def test_data_new_refuses_to_replace_a_file(tmp_path: Path) -> None:
    target = tmp_path / "mine.toml"
    target.write_text("mine\n")
    code, _, err = tip("data", "new", str(target))
    assert code == 4
    assert err == f"tip: {target} exists; give a new name, or --force to replace it\n"
    assert target.read_text() == "mine\n"
    assert tip("data", "new", "--force", str(target))[0] == 0
    assert target.read_text().startswith("# Your own entries for tip")


def test_data_new_in_the_data_folder_is_merged_on_every_run() -> None:
    target = Path(os.environ["XDG_DATA_HOME"]) / "tip" / "mine.toml"
    assert not target.parent.exists()
    code, _, err = tip("data", "new", str(target))
    assert code == 0
    assert "merged on every run" in err
    assert tip("agency", "mine-task-force")[0] == 0


def test_a_file_others_can_change_is_not_read() -> None:
    """Someone who could write it could put a false number in front of this user."""
    added = added_folder() / "task-force.toml"
    added.write_text(TASK_FORCE.read_text())
    added.chmod(0o666)
    code, _, err = tip("agency", "springfield")
    assert code == 1
    assert f"tip: not reading {added}: others can change {added} (chmod go-w {added})" in err
    added.chmod(0o644)
    assert tip("agency", "springfield")[0] == 0


def test_a_folder_others_can_change_is_not_read() -> None:
    folder = added_folder()
    (folder / "task-force.toml").write_text(TASK_FORCE.read_text())
    folder.chmod(0o777)
    try:
        code, _, err = tip("agency", "springfield")
        assert code == 1
        assert f"others can change {folder} (chmod go-w {folder})" in err
    finally:
        folder.chmod(0o755)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_file_of_another_user_is_not_read() -> None:
    added = added_folder() / "task-force.toml"
    added.write_text(TASK_FORCE.read_text())
    os.chown(added, 65534, 65534)
    code, _, err = tip("agency", "springfield")
    assert code == 1
    assert f"tip: not reading {added}: {added} belongs to another user" in err


def test_a_file_named_with_add_is_read_as_the_user_chose(tmp_path: Path) -> None:
    shared = tmp_path / "shared.toml"
    shared.write_text(TASK_FORCE.read_text())
    shared.chmod(0o666)
    code, _, err = tip("--add", str(shared), "agency", "springfield")
    assert (code, err) == (0, "")


def test_an_added_file_may_be_json_as_the_export_writes_it(tmp_path: Path) -> None:
    import tomllib

    as_json = tmp_path / "added.json"
    as_json.write_text(json.dumps(tomllib.loads(TASK_FORCE.read_text())))
    code, out, _ = tip("--add", str(as_json), "agency", "springfield", "--json")
    assert code == 0
    assert json.loads(out)["id"] == "springfield-task-force"


def test_an_added_file_with_a_syntax_error_names_itself(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = 1\n[[organisations]\n")
    code, _, err = tip("--add", str(broken), "agency", "DHS")
    assert code == 3
    assert err.startswith(f"tip: {broken}:2:16: malformed TOML")


def test_data_fmt_puts_an_added_file_in_canonical_form(tmp_path: Path) -> None:
    """An added file holds part of a directory (here, no topics, and an entry that is
    only an id and a number); fmt checks it over the directory and orders its keys."""
    messy = tmp_path / "mine.toml"
    shuffled = NEW_NUMBER.replace(
        'id = "my-notes-2026"\ntitle',
        'title = "Hotline numbers checked by phone"\nid = "my-notes-2026"\ntitle',
    ).replace('title = "Hotline numbers checked by phone"\npublisher', "publisher", 1)
    messy.write_text(shuffled)
    assert tip("--add", str(messy), "data", "fmt", "--check", str(messy))[0] == 1
    code, _, err = tip("--add", str(messy), "data", "fmt", str(messy))
    assert (code, err) == (0, f"reformatted {messy}\n")
    assert messy.read_text().index('id = "my-notes-2026"') < messy.read_text().index("title =")
    assert tip("--add", str(messy), "data", "fmt", "--check", str(messy))[0] == 0
    assert tip("--add", str(messy), "hotline", "nhth", "--json")[0] == 0


def test_data_fmt_refuses_an_added_file_that_breaks_a_rule(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text(TASK_FORCE.read_text().replace('parent = "doj-bja"', 'parent = "doj-nope"'))
    before = broken.read_text()
    code, _, err = tip("--add", str(broken), "data", "fmt", str(broken))
    assert code == 3
    assert f"{broken}:organisations[springfield-task-force].parent" in err
    assert broken.read_text() == before


STATEMENTS = """
format = 1

[[sources]]
id = "our-visit-2026"
title = "Notes of a visit to the task force"
publisher = "Springfield Case Management Team"
kind = "notes"
date = "2026-10-02"

[[organisations]]
id = "doj-bja"

[[organisations.aliases]]
name = "The BJA grants office"
type = "variant"
sources = ["our-visit-2026"]

[[organisations.responsibilities]]
text = "Answers questions from local task forces about their grants."
topics = ["grants"]
pillars = ["partnership"]
sources = ["our-visit-2026"]

[[memberships]]
body = "task-forces"
member = "springfield-task-force"
role = "member"
sources = ["our-visit-2026"]
"""


def test_statements_join_the_directory_s_own_entries(tmp_path: Path) -> None:
    """A responsibility and an alias added to the Bureau of Justice Assistance, and a
    membership of an organisation another added file makes: the record's own statements
    stay, the added ones join them, each citing its own source."""
    statements = tmp_path / "statements.toml"
    statements.write_text(STATEMENTS)
    before = json.loads(tip("agency", "BJA", "--json")[1])
    code, out, _ = tip(
        "--add", str(TASK_FORCE), "--add", str(statements), "agency", "BJA", "--json"
    )
    assert code == 0
    after = json.loads(out)
    assert (
        after["responsibilities"][: len(before["responsibilities"])] == before["responsibilities"]
    )
    assert after["responsibilities"][-1]["sources"] == ["our-visit-2026"]
    assert any(a["name"] == "The BJA grants office" for a in after["aliases"])
    code, out, _ = tip(
        "--add", str(TASK_FORCE), "--add", str(statements), "agency", "springfield", "--json"
    )
    assert [s["body"] for s in json.loads(out)["bodies"]] == ["task-forces"]
    code, out, _ = tip(
        "--add",
        str(TASK_FORCE),
        "--add",
        str(statements),
        "agency",
        "BJA",
        "--as-of",
        "2019",
        "--json",
    )
    assert json.loads(out)["responsibilities"] == before["responsibilities"]


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ('format = 1\n[organisations]\nid = "x"\n', "organisations", "expected an array of tables"),
        ('format = 1\n[[organisation]]\nid = "x"\n', "organisation", "unknown key 'organisation'"),
        ("format = 2\n", "format", "format 2 is not supported"),
        ("format = 1\norganisations = [1]\n", "organisations[1]", "expected a table"),
    ],
)
def test_what_an_added_file_gets_wrong_is_said_not_ignored(
    tmp_path: Path, text: str, place: str, message: str
) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(text)
    code, out, _ = tip("--add", str(wrong), "validate")
    assert code == 3
    assert f"{wrong}:{place}: {message}" in out


def test_two_starting_files_in_the_folder_do_not_clash_even_with_a_loose_umask() -> None:
    folder = Path(os.environ["XDG_DATA_HOME"]) / "tip"
    old = os.umask(0o002)
    try:
        for name in ("one.toml", "two.toml"):
            assert tip("data", "new", str(folder / name))[0] == 0
    finally:
        os.umask(old)
    assert (folder.stat().st_mode & 0o777, (folder / "one.toml").stat().st_mode & 0o777) == (
        0o700,
        0o600,
    )
    code, out, err = tip("list", "--json")
    assert (code, err) == (0, "")
    ids = {org["id"] for org in json.loads(out)}
    assert {"one-task-force", "two-task-force"} <= ids


def test_a_starting_file_the_folder_does_not_read_is_not_promised_to_merge() -> None:
    target = Path(os.environ["XDG_DATA_HOME"]) / "tip" / "notes.txt"
    code, _, err = tip("data", "new", str(target))
    assert code == 0
    assert "merged on every run" not in err


def test_an_added_statement_must_cite_a_source_of_an_added_file(tmp_path: Path) -> None:
    """Else it would pass for the record itself: a number 'from' the 2019 page."""
    posing = tmp_path / "posing.toml"
    posing.write_text(
        'format = 1\n\n[[hotlines]]\nid = "nhth"\n\n[[hotlines.numbers]]\n'
        'number = "202-555-0100"\ndialable = "+12025550100"\nsources = ["pitf-2019"]\n'
    )
    code, out, err = tip("--add", str(posing), "hotline", "nhth", "--json")
    assert (code, out) == (3, "")
    assert f"{posing}:hotlines[nhth].numbers[" in err
    assert "cites no source of an added file" in err


def test_the_folder_is_not_merged_over_another_whole_directory(tmp_path: Path) -> None:
    """A directory exported with the added files in it reads back whole."""
    (added_folder() / "task-force.toml").write_text(TASK_FORCE.read_text())
    exported = tmp_path / "mine.toml"
    assert tip("export", "--format", "toml", "--output", str(exported))[0] == 0
    code, out, _ = tip("--data", str(exported), "agency", "springfield", "--json")
    assert code == 0
    assert json.loads(out)["id"] == "springfield-task-force"


def test_the_same_file_twice_is_merged_once(tmp_path: Path) -> None:
    (added_folder() / "task-force.toml").write_text(TASK_FORCE.read_text())
    again = str(added_folder() / "task-force.toml")
    assert tip("--add", again, "--add", again, "agency", "springfield")[0] == 0


def test_a_file_name_cannot_reach_the_terminal_raw(tmp_path: Path) -> None:
    strange = tmp_path / "a\x1b]0;title\x07.toml"
    strange.write_text(TASK_FORCE.read_text())
    code, out, _ = tip("--add", str(strange), "agency", "springfield", "--markdown")
    assert code == 0
    assert "\x1b" not in out and "\x07" not in out
    assert "(added by a\\\\x1b\\]0;title\\\\x07.toml)" in out


def test_version_counts_the_added_files_and_no_add_leaves_them_out() -> None:
    folder = added_folder()
    (folder / "task-force.toml").write_text(TASK_FORCE.read_text())
    code, out, _ = tip("--version")
    assert "the bundled directory with 1 added file, as of 2026-11-01" in out
    (folder / "broken.toml").write_text("broken [\n")
    assert tip("--version")[0] == 3
    code, out, _ = tip("--no-add", "--version")
    assert code == 0
    assert "data: the bundled directory, as of 2019-11 (inferred)" in out


def test_an_empty_add_is_a_usage_error() -> None:
    code, _, err = tip("--add", "", "agency", "DHS")
    assert (code, err) == (2, "tip: the path given with --add is empty\n")


@pytest.mark.parametrize("value", ["true", "1.0"])
def test_format_must_be_the_integer_one(tmp_path: Path, value: str) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(f"format = {value}\n")
    code, out, _ = tip("--add", str(wrong), "validate")
    assert code == 3
    assert f"{wrong}:format: format " in out


def test_a_statement_list_of_the_wrong_shape_is_a_problem_even_for_fmt(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('format = 1\n\n[[organisations]]\nid = "dhs"\nresponsibilities = "x"\n')
    for args in (("validate",), ("data", "fmt", str(wrong))):
        code, out, err = tip("--add", str(wrong), *args)
        assert code == 3
        assert f"{wrong}:organisations[dhs].responsibilities: expected an array of tables" in (
            out + err
        )


def test_tip_no_add_leaves_out_the_folder_but_not_add(monkeypatch: pytest.MonkeyPatch) -> None:
    (added_folder() / "numbers.toml").write_text(NEW_NUMBER)
    monkeypatch.setenv("TIP_NO_ADD", "1")
    _, out, _ = tip("--add", str(TASK_FORCE), "hotline", "--json")
    ids = [h["id"] for h in json.loads(out)]
    assert "springfield-line" in ids
    assert json.loads(out)[0]["number"] == "1-888-3737-888"
