"""Alembic environment: always given a connection by offerdesk.storage.schema (foreign keys already off)."""

from alembic import context

from offerdesk.storage.tables import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("Run migrations through `offerdesk db upgrade`, which prepares the connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
