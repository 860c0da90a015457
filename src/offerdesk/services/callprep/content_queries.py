"""Read access to the call-prep library (scripts and objections) for the panels and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from offerdesk.domain.offers import OfferType
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Objection, Script


@dataclass(frozen=True)
class ScriptView:
    id: int
    key: str
    offer_type: OfferType
    title: str
    revision: int
    steps: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class ObjectionView:
    code: str
    title: str
    probe: tuple[str, ...]
    levers: tuple[str, ...]
    avoid: tuple[str, ...]
    talk_track: str


class ContentService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def scripts(self, offer_type: OfferType | None = None) -> list[ScriptView]:
        with self._database.transaction(read_only=True) as session:
            statement = select(Script).where(~Script.archived).order_by(Script.id)
            if offer_type is not None:
                statement = statement.where(Script.offer_type == offer_type)
            return [
                ScriptView(row.id, row.key, row.offer_type, row.title, row.revision, tuple(row.steps))
                for row in session.scalars(statement)
            ]

    def objections(self) -> dict[str, ObjectionView]:
        with self._database.transaction(read_only=True) as session:
            return {
                row.code: ObjectionView(
                    row.code, row.title, tuple(row.probe), tuple(row.levers), tuple(row.avoid), row.talk_track
                )
                for row in session.scalars(select(Objection).where(~Objection.archived).order_by(Objection.id))
            }
