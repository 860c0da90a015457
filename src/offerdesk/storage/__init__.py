"""Persistence: SQLAlchemy tables, engine set-up, Alembic migrations and backups.

Nothing is imported here: the start-up reads the write counter (data_version.py) before SQLAlchemy is loaded.
"""
