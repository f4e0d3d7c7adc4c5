"""Allows `python -m tipcli`."""

from tipcli.main import main

main()
