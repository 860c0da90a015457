"""Persistence: SQLAlchemy tables, engine set-up, Alembic migrations and backups."""
