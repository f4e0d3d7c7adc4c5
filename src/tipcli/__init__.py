"""tip: an offline directory of U.S. federal anti-trafficking work."""

__version__ = "0.1.0"
