"""Shipped call-prep content (scripts, objections) loaded into the database.

A later content release updates shipped items in place only where the user has not edited them: an edited item
keeps the user's text and simply stays on the older shipped hash.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.offers import OfferType
from offerdesk.resources import resource_path
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage.tables import AppMeta, Objection, Script

CONTENT_VERSION_KEY = "content_version"
_OBJECTION_FIELDS = ("title", "says", "probe", "levers", "avoid", "talk_track", "keywords")


@dataclass(frozen=True)
class ShippedContent:
    version: int
    objections: list[dict[str, Any]]
    scripts: list[dict[str, Any]]


def _fingerprint(item: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(item, sort_keys=True).encode()).hexdigest()


def load_shipped_content(content_dir: Path | None = None) -> ShippedContent:
    folder = content_dir or resource_path("content")
    objections = json.loads((folder / "objections.json").read_text(encoding="utf-8"))
    scripts = json.loads((folder / "scripts.json").read_text(encoding="utf-8"))
    return ShippedContent(
        version=max(int(objections["content_version"]), int(scripts["content_version"])),
        objections=list(objections["objections"]),
        scripts=list(scripts["scripts"]),
    )


def _apply_objection(row: Objection, item: dict[str, Any]) -> None:
    for field in _OBJECTION_FIELDS:
        setattr(row, field, item.get(field, [] if field not in ("title", "talk_track") else ""))


def _apply_script(row: Script, item: dict[str, Any]) -> None:
    row.offer_type = OfferType(item["offer_type"])
    row.title = item["title"]
    row.steps = item["steps"]


_Row = TypeVar("_Row", Objection, Script)


def _sync(
    session: Session,
    existing: dict[str, _Row],
    items: list[dict[str, Any]],
    key: str,
    make: Callable[[str], _Row],
    apply: Callable[[_Row, dict[str, Any]], None],
    version: int,
) -> bool:
    """Insert new shipped items and refresh unedited ones; returns whether anything changed."""
    changed = False
    for item in items:
        digest = _fingerprint(item)
        row = existing.get(item[key])
        if row is None:
            row = make(item[key])
            row.shipped_version, row.shipped_hash = version, digest
            apply(row, item)
            session.add(row)
            changed = True
        elif not row.user_modified and row.shipped_hash != digest:
            apply(row, item)
            row.shipped_version, row.shipped_hash = version, digest
            row.revision += 1
            changed = True
    return changed


def install_shipped_content(session: Session, content: ShippedContent) -> Changes:
    """Insert new shipped items, refresh unedited ones, leave user-edited ones alone."""
    objections = {row.code: row for row in session.scalars(select(Objection))}
    scripts = {row.key: row for row in session.scalars(select(Script))}
    changed_objections = _sync(
        session, objections, content.objections, "code", lambda code: Objection(code=code), _apply_objection,
        content.version,
    )  # fmt: skip
    changed_scripts = _sync(
        session, scripts, content.scripts, "key", lambda key: Script(key=key), _apply_script, content.version
    )
    meta = session.get(AppMeta, CONTENT_VERSION_KEY)
    if meta is None:
        session.add(AppMeta(key=CONTENT_VERSION_KEY, value=str(content.version)))
    else:
        meta.value = str(content.version)
    return Changes.of(Kind.CONTENT) if changed_objections or changed_scripts else Changes()


def installed_content_version(session: Session) -> int:
    meta = session.get(AppMeta, CONTENT_VERSION_KEY)
    return int(meta.value) if meta is not None and meta.value else 0
