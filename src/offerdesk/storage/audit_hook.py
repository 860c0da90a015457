"""The audit log on SQLite, and what both engines share: which tables are audited and how a person is forgotten.

On a PostgreSQL server triggers write the log (pg_audit.py), so no login can change a row unrecorded; this flush
hook writes the same rows on a SQLite file, where the one user is the program's, and stays silent on a server.
The actor is the recruiter name in the settings, else the computer's user name.
"""

from __future__ import annotations

import enum
import getpass
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, delete, event, insert, inspect, or_, select, text
from sqlalchemy.orm import Session, object_session

from offerdesk.domain.clock import utc_now
from offerdesk.storage.audit_table import AuditEntry
from offerdesk.storage.tables import AppMeta, Base, Offer, OfferVersion

# Audited table -> the column naming its row.
AUDITED: dict[str, str] = {
    "offers": "id",
    "offer_versions": "id",
    "offer_components": "id",
    "equity_grants": "id",
    "contingencies": "id",
    "approvals": "id",
    "offer_status_events": "id",
    "pay_bands": "id",
    "candidates": "id",
    "preclose_profiles": "candidate_id",
    "competing_offers": "id",
    "letter_exports": "id",
    "roles": "id",
}
BOOKKEEPING = frozenset({"row_version", "updated_at", "search_text"})  # not a change anyone made
FORGET = "forget"  # the entry that says a person's history was removed (naming no one)
FORGOTTEN_BY_KEY = ("offer_components", "equity_grants")  # their entries may lack the offer when deleted with it
PLACEHOLDER_PREFIX = "Anonymised candidate #"  # services/privacy/anonymise.py PLACEHOLDER
_ACTOR_SETTING = "setting:recruiter.name"


def json_value(value: Any) -> Any:
    """A column value as the server's to_jsonb writes it, so both engines' entries read alike."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float | bool | list | dict):
        return value
    return str(value)


def local_actor(connection: Connection) -> str:
    """Who the one user of a SQLite file is: the recruiter name set in the settings, else the computer's user."""
    named = connection.execute(select(AppMeta.value).where(AppMeta.key == _ACTOR_SETTING)).scalar()
    if named and named.strip():
        return named.strip()
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def _columns(record: Any) -> list[str]:
    return [attribute.key for attribute in inspect(record).mapper.column_attrs]


def _changes(record: Any, action: str) -> dict[str, list[Any]]:
    state = inspect(record)
    found: dict[str, list[Any]] = {}
    for key in _columns(record):
        if action == "insert":
            value = json_value(state.dict.get(key))
            if value is not None and key not in BOOKKEEPING:
                found[key] = [None, value]
        elif action == "delete":
            found[key] = [json_value(state.committed_state.get(key, state.dict.get(key))), None]
        else:
            history = state.attrs[key].history
            if key in BOOKKEEPING or not history.has_changes():
                continue
            old = json_value(history.deleted[0]) if history.deleted else None
            new = json_value(history.added[0]) if history.added else None
            if old != new:
                found[key] = [old, new]
    return found


class _Owners:
    """The offer and candidate a row belongs to, from this flush's own records first, else from the database."""

    def __init__(self, connection: Connection, records: Iterable[Any]) -> None:
        self._connection = connection
        self._versions: dict[int, int] = {}
        self._offers: dict[int, int] = {}
        for record in records:
            if isinstance(record, OfferVersion) and record.id is not None:
                self._versions[record.id] = record.offer_id
            elif isinstance(record, Offer) and record.id is not None:
                self._offers[record.id] = record.candidate_id

    def of(self, table: str, row: dict[str, Any]) -> tuple[int | None, int | None]:
        offer = row.get("id") if table == "offers" else row.get("offer_id")
        if offer is None and row.get("version_id") is not None:
            version = int(row["version_id"])
            if version not in self._versions:
                found = self._connection.execute(select(OfferVersion.offer_id).where(OfferVersion.id == version))
                self._versions[version] = found.scalar() or 0
            offer = self._versions[version] or None
        candidate = row.get("id") if table == "candidates" else row.get("candidate_id")
        if candidate is None and offer is not None:
            if offer not in self._offers:
                found = self._connection.execute(select(Offer.candidate_id).where(Offer.id == offer))
                self._offers[offer] = found.scalar() or 0
            candidate = self._offers[offer] or None
        return offer, candidate


_PENDING = "audit_pending"


def _note(action: str) -> Any:
    def noted(_mapper: Any, connection: Connection, record: Any) -> None:
        if connection.dialect.name != "sqlite" or record.__tablename__ not in AUDITED:
            return  # on a server the triggers record it
        session = object_session(record)
        if session is not None:
            session.info.setdefault(_PENDING, []).append((action, record))

    return noted


# Mapper events see every row a flush writes, orphans deleted by a cascade too (session.deleted does not list them).
for _action, _event in (("insert", "after_insert"), ("update", "after_update"), ("delete", "after_delete")):
    event.listen(Base, _event, _note(_action), propagate=True)


@event.listens_for(Session, "after_flush")
def _record_changes(session: Session, _context: Any) -> None:
    """Write an audit entry for each audited row this flush added, changed or deleted (SQLite only)."""
    touched: list[tuple[str, Any]] = session.info.pop(_PENDING, [])
    if not touched:
        return
    connection = session.connection()
    owners = _Owners(connection, (record for _action, record in touched))
    entries: list[dict[str, Any]] = []
    for action, record in touched:
        changes = _changes(record, action)
        if not changes:
            continue
        table = record.__tablename__
        values = inspect(record).dict
        row = {key: json_value(values.get(key)) for key in _columns(record)}
        offer, candidate = owners.of(table, row)
        key = row.get(AUDITED[table])
        entries.append(
            {
                "table_name": table,
                "row_key": "" if key is None else str(key),
                "action": action,
                "offer_id": offer,
                "candidate_id": candidate,
                "changes": changes,
            }
        )
    if entries:
        moment, actor = utc_now(), local_actor(connection)
        connection.execute(insert(AuditEntry), [{**entry, "at": moment, "actor": actor} for entry in entries])


def forget_person(session: Session, candidate_id: int, offer_ids: list[int], rows: list[str]) -> None:
    """Remove every audit entry about an erased or anonymised candidate (else the log keeps their name), and note
    that their history was removed. `rows` are "table:id" of their pay lines and equity grants."""
    session.flush()  # the entries of what this transaction changed are written before they are removed
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        present = connection.exec_driver_sql(
            "SELECT to_regprocedure('offerdesk_forget_person(integer,integer[],text[])')"
        )
        if present.scalar() is not None:
            connection.execute(
                text("SELECT offerdesk_forget_person(:person, CAST(:offers AS integer[]), CAST(:rows AS text[]))"),
                {"person": candidate_id, "offers": offer_ids, "rows": rows},
            )
            return
    keyed = AuditEntry.table_name.in_(FORGOTTEN_BY_KEY) & ((AuditEntry.table_name + ":" + AuditEntry.row_key).in_(rows))
    connection.execute(
        delete(AuditEntry).where(
            or_(AuditEntry.candidate_id == candidate_id, AuditEntry.offer_id.in_(offer_ids), keyed)
        )
    )
    actor = local_actor(connection) if connection.dialect.name == "sqlite" else ""
    connection.execute(
        insert(AuditEntry).values(
            at=utc_now(), actor=actor, table_name="candidates", row_key=str(candidate_id), action=FORGET, changes={}
        )
    )
