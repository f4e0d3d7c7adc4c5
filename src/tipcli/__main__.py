"""Allows `python -m tipcli`."""

from tipcli.cli import main

main()
