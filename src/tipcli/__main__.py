"""Allows `python -m tipcli`."""

from tipcli.entry import main

main()
