"""Shipped call-prep content (scripts, objections) loaded into the database.

A later content release updates shipped items in place only where the user has not edited them: an edited item
keeps the user's text and simply stays on the older shipped hash.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


def install_shipped_content(session: Session, content: ShippedContent) -> Changes:
    """Insert new shipped items, refresh unedited ones, leave user-edited ones alone."""
    changed = False
    objections = {row.code: row for row in session.scalars(select(Objection))}
    for item in content.objections:
        digest = _fingerprint(item)
        existing = objections.get(item["code"])
        if existing is None:
            row = Objection(code=item["code"], shipped_version=content.version, shipped_hash=digest)
            _apply_objection(row, item)
            session.add(row)
            changed = True
        elif not existing.user_modified and existing.shipped_hash != digest:
            _apply_objection(existing, item)
            existing.shipped_version, existing.shipped_hash = content.version, digest
            existing.revision += 1
            changed = True
    scripts = {row.key: row for row in session.scalars(select(Script))}
    for item in content.scripts:
        digest = _fingerprint(item)
        current = scripts.get(item["key"])
        if current is None:
            script = Script(key=item["key"], shipped_version=content.version, shipped_hash=digest)
            _apply_script(script, item)
            session.add(script)
            changed = True
        elif not current.user_modified and current.shipped_hash != digest:
            _apply_script(current, item)
            current.shipped_version, current.shipped_hash = content.version, digest
            current.revision += 1
            changed = True
    meta = session.get(AppMeta, CONTENT_VERSION_KEY)
    if meta is None:
        session.add(AppMeta(key=CONTENT_VERSION_KEY, value=str(content.version)))
    else:
        meta.value = str(content.version)
    return Changes.of(Kind.CONTENT) if changed else Changes()


def installed_content_version(session: Session) -> int:
    meta = session.get(AppMeta, CONTENT_VERSION_KEY)
    return int(meta.value) if meta is not None and meta.value else 0
