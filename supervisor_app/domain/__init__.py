"""Plain-Python rules and formulas: no Qt, no SQLAlchemy, so they test without I/O."""
