"""Helpers every table and view in the console can use (copying, layout memory)."""
