"""Offer terms that could not reach the team server, kept on this computer until they can be sent (or are discarded).

When a save fails because the server cannot be reached, the terms typed are written to the config folder
(unsent-drafts/, one JSON file per server and offer) with the offer's row version they were based on and when.
Reopening that offer, or the next start on that server, offers them again. Nothing here is shared: it is the
person's own typing, kept as it was.
"""

from __future__ import annotations

import hashlib
import json
import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from sqlalchemy import make_url, select

from offerdesk.domain.offer_terms import OfferTerms
from offerdesk.files import atomic_write
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Offer

FOLDER = "unsent-drafts"
FORMAT = 1


@dataclass(frozen=True)
class UnsentDraft:
    server: str  # the database URL without its password
    offer_id: int
    candidate_name: str
    terms: OfferTerms
    row_version: int | None  # the offer's row version the terms were typed over
    saved_at: datetime  # UTC


# -- terms as JSON (a plain rendering of the dataclasses: enums as their codes, dates ISO, decimals as text) -------
def _plain(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {item.name: _plain(getattr(value, item.name)) for item in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _typed(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [option for option in typing.get_args(kind) if option is not type(None)]
        return _typed(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        item = typing.get_args(kind)[0]
        return tuple(_typed(item, element) for element in value)
    if isinstance(kind, type) and is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        return kind(**{name: _typed(hints[name], element) for name, element in value.items() if name in hints})
    if kind is date:
        return date.fromisoformat(value)
    if kind is Decimal:
        return Decimal(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value


def terms_to_json(terms: OfferTerms) -> dict[str, Any]:
    return typing.cast(dict[str, Any], _plain(terms))


def terms_from_json(data: dict[str, Any]) -> OfferTerms:
    return typing.cast(OfferTerms, _typed(OfferTerms, data))


# -- the folder --------------------------------------------------------------------------------------------------
def bare_url(url: str) -> str:
    return make_url(url)._replace(password=None).render_as_string(hide_password=False)


class LocalDrafts:
    """The unsent drafts of one server database, in `config_dir`/unsent-drafts/."""

    def __init__(self, config_dir: Path, server_url: str) -> None:
        self.folder = config_dir / FOLDER
        self.server = bare_url(server_url)
        self._prefix = hashlib.sha256(self.server.encode("utf-8")).hexdigest()[:16]

    def _file(self, offer_id: int) -> Path:
        return self.folder / f"{self._prefix}-offer-{offer_id}.json"

    def keep(self, offer_id: int, candidate_name: str, terms: OfferTerms, row_version: int | None) -> UnsentDraft:
        draft = UnsentDraft(self.server, offer_id, candidate_name, terms, row_version, datetime.now(UTC))
        document = {
            "format": FORMAT, "server": draft.server, "offer_id": offer_id, "candidate_name": candidate_name,
            "row_version": row_version, "saved_at": draft.saved_at.isoformat(), "terms": terms_to_json(terms),
        }  # fmt: skip
        with atomic_write(self._file(offer_id), "w", encoding="utf-8") as stream:
            stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        return draft

    def get(self, offer_id: int) -> UnsentDraft | None:
        return self._read(self._file(offer_id))

    def all(self) -> list[UnsentDraft]:
        found = (self._read(path) for path in sorted(self.folder.glob(f"{self._prefix}-offer-*.json")))
        return sorted((draft for draft in found if draft is not None), key=lambda draft: draft.saved_at)

    def discard(self, offer_id: int) -> None:
        self._file(offer_id).unlink(missing_ok=True)

    def _read(self, path: Path) -> UnsentDraft | None:
        """The draft in `path`; None when there is none or it cannot be read (it is left for the person to see)."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("server") != self.server:
                return None
            saved_at = datetime.fromisoformat(data["saved_at"])
            version = data.get("row_version")
            return UnsentDraft(
                self.server, int(data["offer_id"]), str(data.get("candidate_name") or ""),
                terms_from_json(data["terms"]), int(version) if version is not None else None, saved_at,
            )  # fmt: skip
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return None


def offer_row_version(database: Database, offer_id: int) -> int | None:
    """The offer's row version now (what a draft typed from here on is based on)."""
    with database.transaction(read_only=True) as session:
        version = session.execute(select(Offer.row_version).where(Offer.id == offer_id)).scalar()
    return int(version) if version is not None else None
