"""The command line, the only package that imports Typer: the app, the shared options,
the one place that turns errors into exit codes, and the commands."""
