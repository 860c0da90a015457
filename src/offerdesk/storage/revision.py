"""The schema revision this code writes; a constant of its own, so the start-up can compare without SQLAlchemy."""

SCHEMA_HEAD = "0006"
