"""The commands, declared by topic; `tipcli.cli.app` imports only the module a run needs."""
