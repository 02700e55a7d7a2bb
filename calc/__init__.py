"""Penalty and deadline calculator for county public security bureaus (公安局)."""

__version__ = "1.0.0"
