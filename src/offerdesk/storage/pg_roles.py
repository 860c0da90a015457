"""The app roles (recruiter, approver, admin) as PostgreSQL group roles with the grants each needs."""

from __future__ import annotations

from sqlalchemy import Connection


def install(connection: Connection) -> None:
    """Create or replace this module's server objects in the caller's transaction."""
