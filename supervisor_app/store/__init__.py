"""Persistence: typed SQLAlchemy models, engines, migrations and the change feed."""
