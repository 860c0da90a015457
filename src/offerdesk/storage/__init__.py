"""Persistence: SQLAlchemy tables, engine set-up, Alembic migrations and backups."""

# The schema is tables.py and the audit log beside it: whatever reads the metadata (the migrations, `db copy`, the
# schema checks) sees both, because every import of a storage module runs this first.
from offerdesk.storage import audit_table as audit_table
