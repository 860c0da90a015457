"""Roles (requisitions): the list the pay-band screen and `offerdesk roles list` show."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from offerdesk.storage.db import Database
from offerdesk.storage.tables import Role


@dataclass(frozen=True)
class RoleView:
    id: int
    title: str
    department: str
    location: str
    hiring_manager: str

    @property
    def display_name(self) -> str:
        return f"{self.title} ({self.location or 'any location'})"


class RoleService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def list(self, order_by_title: bool = False) -> list[RoleView]:
        with self._database.transaction(read_only=True) as session:
            order = (Role.title, Role.id) if order_by_title else (Role.id,)
            return [
                RoleView(role.id, role.title, role.department, role.location, role.hiring_manager)
                for role in session.scalars(select(Role).order_by(*order))
            ]
