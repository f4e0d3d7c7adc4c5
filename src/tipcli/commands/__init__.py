"""The commands, declared by topic; cli.py loads only the module a run needs."""
