"""Alembic migrations; run through offerdesk.storage.schema, never by hand-editing the database."""
