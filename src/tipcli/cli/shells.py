"""The completion scripts `tip` prints for bash, zsh and fish, and which shell is meant.

`tip` prints a script and leaves loading it to the user (the README and `man tip` say
how); it never edits a shell's start-up files. The scripts are Typer's own: each asks
`tip` itself for the words to offer, with _TIP_COMPLETE set.
"""

from collections.abc import Mapping

from tipcli.errors import UsageError

SHELLS = ("bash", "zsh", "fish")
SHELL_LIST = "bash, zsh or fish"


def shell_named(name: str | None, environ: Mapping[str, str]) -> str:
    """The shell `name` says, or where it is empty or None, the one $SHELL names; a
    UsageError where that is none of SHELLS."""
    if name:
        if name not in SHELLS:
            raise UsageError(f"no completion for the shell {name!r}; choose {SHELL_LIST}")
        return name
    login = environ.get("SHELL", "")
    guessed = login.rpartition("/")[2]
    if guessed in SHELLS:
        return guessed
    said = f"$SHELL is {login!r}" if login else "$SHELL is not set"
    raise UsageError(f"cannot tell which shell to complete for ({said}); name {SHELL_LIST}")


# Saved as _tip in a folder on $fpath, the zsh script is the body of a function that
# compinit loads at the first Tab: Typer's script would only register its completer
# then, and that Tab would offer nothing. It completes at once when so loaded.
_ZSH_FIRST_TAB = """
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _tip_completion "$@"
fi"""


def script(shell: str) -> str:
    """The completion script for `shell`, one of SHELLS."""
    # Loaded only here: no other run of tip needs it.
    from typer._completion_shared import get_completion_script

    text = get_completion_script(prog_name="tip", complete_var="_TIP_COMPLETE", shell=shell)
    if shell == "zsh":
        text += _ZSH_FIRST_TAB
    return text + "\n"


def complete_shells(incomplete: str) -> list[str]:
    return [shell for shell in SHELLS if shell.startswith(incomplete)]
