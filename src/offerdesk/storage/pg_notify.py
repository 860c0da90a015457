"""Change notices: a trigger per table sends NOTIFY with the Changes kind it touches, so open windows refresh."""

from __future__ import annotations

from sqlalchemy import Connection


def install(connection: Connection) -> None:
    """Create or replace this module's server objects in the caller's transaction."""
