"""Persistence: SQLAlchemy models, repositories over a unit of work, the migration runner."""
