"""The audit log: who changed which record, when, and from what to what (shown in an offer's history)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from offerdesk.domain.clock import utc_now
from offerdesk.storage.tables import Base


class AuditEntry(Base):
    """One change to one row. On a PostgreSQL server a trigger writes it, so no login can change a record
    unrecorded; `actor` is then the server login that made the change."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, default=utc_now, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    table_name: Mapped[str] = mapped_column(String(64))
    row_key: Mapped[str] = mapped_column(String(200), default="")  # the primary key, as text
    action: Mapped[str] = mapped_column(String(10))  # insert, update or delete
    offer_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no foreign key: the log outlives the row
    candidate_id: Mapped[int | None] = mapped_column(Integer, index=True)
    changes: Mapped[dict[str, Any]] = mapped_column(default=dict)  # field -> [old, new]
