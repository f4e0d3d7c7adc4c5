"""The commands, declared by topic; `tipcli.cli.app` imports only the module a run needs.

Each command imports the query and renderer it uses inside its own body: `tip --help`
and shell completion declare every command, and must not pay for what none of them runs.
"""
