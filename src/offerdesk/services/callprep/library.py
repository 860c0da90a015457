"""Editing and sharing the call-prep library (scripts and objections).

Recruiters adapt the shipped wording to their company, add their own items and pass the result to colleagues as one
JSON file. Two promises hold throughout: an edit is never overwritten by a content upgrade (`user_modified`), and an
import never loses text (a clash with a local edit keeps both, the incoming one under a new key).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.offers import OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_write
from offerdesk.services.callprep.content import (
    _apply_objection,
    _apply_script,
    _fingerprint,
    load_shipped_content,
)
from offerdesk.services.callprep.library_file import (
    _CODE_LENGTH,
    _KEY_LENGTH,
    LIBRARY_FORMAT,
    LIBRARY_VERSION,
    OBJECTION_FIELDS,
    OBJECTION_LIST_FIELDS,
    ItemKind,
    _check_code,
    _check_key,
    _check_kind,
    _Incoming,
    _objection_content,
    _offer_type,
    _script_content,
    read_library_file,
)
from offerdesk.services.callprep.library_imports import ImportedText
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.setup.backups import backup_before
from offerdesk.storage.db import Database
from offerdesk.storage.row_versions import check_version
from offerdesk.storage.tables import Objection, Script


@dataclass(frozen=True)
class ImportReport:
    """What an import did, item by item; conflicts are (kind, key, sentence) and each says where the copy went."""

    added: int
    updated: int
    unchanged: int
    conflicts: list[tuple[str, str, str]]
    replaced: list[str] = field(default_factory=list)  # text an earlier import brought, unedited, now replaced

    def summary(self) -> str:
        """One line for the status bar or the console, followed by one line per conflict and per replacement."""
        lines = [f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                 f"{len(self.conflicts)} conflict(s)."]  # fmt: skip
        lines.extend(sentence for _kind, _key, sentence in self.conflicts)
        lines.extend(self.replaced)
        return "\n".join(lines)


# --- rows <-> plain data ------------------------------------------------------------------------------------------


def _objection_data(row: Objection) -> dict[str, Any]:
    return {"code": row.code, "title": row.title, **{f: list(getattr(row, f)) for f in OBJECTION_LIST_FIELDS},
            "talk_track": row.talk_track}  # fmt: skip


def _script_data(row: Script) -> dict[str, Any]:
    return {"key": row.key, "offer_type": OfferType(row.offer_type).value, "title": row.title,
            "steps": [dict(step) for step in row.steps]}  # fmt: skip


def _flags(row: Objection | Script) -> dict[str, Any]:
    return {"user_modified": row.user_modified, "favourite": row.favourite, "shipped": row.shipped_version is not None}


def _store(row: Objection | Script, content: dict[str, Any]) -> bool:
    """Write new content into a row; returns whether anything changed (only then is it a new revision)."""
    current = _objection_data(row) if isinstance(row, Objection) else _script_data(row)
    if current == content:
        return False
    if isinstance(row, Objection):
        _apply_objection(row, content)
    else:
        _apply_script(row, content)
    row.revision = (row.revision or 0) + 1
    # Back at exactly the shipped text means a content upgrade may refresh it again; anything else is an edit.
    row.user_modified = row.shipped_version is None or _fingerprint(content) != row.shipped_hash
    return True


def _new_row(kind: ItemKind, content: dict[str, Any], favourite: bool) -> Objection | Script:
    """A user-added item: no shipped version, and user_modified so a later release with the same key skips it."""
    row: Objection | Script
    if kind == "objection":
        row = Objection(code=content["code"])
        _apply_objection(row, content)
    else:
        row = Script(key=content["key"])
        _apply_script(row, content)
    row.shipped_version, row.shipped_hash, row.user_modified = None, "", True
    row.favourite, row.archived, row.revision = favourite, False, 1
    return row


def _copy_key(kind: ItemKind, key: str, number: int) -> str:
    """KEY_IMPORTED / key-imported, then _2, _3 ...; the original is shortened to fit the column."""
    suffix = ("_IMPORTED" if kind == "objection" else "-imported") + (
        "" if number == 1 else ("_" if kind == "objection" else "-") + str(number)
    )
    limit = _CODE_LENGTH if kind == "objection" else _KEY_LENGTH
    return key[: limit - len(suffix)].rstrip("-_") + suffix


# The library as the user sees it: deleted items (archived) stay in the database for past calls, out of sight.
_LIVE_OBJECTIONS = select(Objection).where(~Objection.archived).order_by(Objection.id)
_LIVE_SCRIPTS = select(Script).where(~Script.archived).order_by(Script.id)


def _check_free(deleted: bool | None, what: str) -> None:
    """A new item's code or key must be unused; a deleted item keeps its code (past calls name it)."""
    if deleted is None:
        return
    if deleted:
        raise ValidationError(f"There is already {what}, which was deleted; choose another code or key.")
    raise ValidationError(f"There is already {what}; choose another {'code' if 'objection' in what else 'key'}.")


class LibraryService:
    """Reads, edits, resets, exports and imports library items; each write is one transaction."""

    def __init__(self, database: Database, content_dir: Path | None = None, backup_dir: Path | None = None) -> None:
        self._database = database
        self._content_dir = content_dir  # where reset_to_shipped reads the shipped text (tests point elsewhere)
        self._backup_dir = backup_dir  # a copy of the database is made here before each import

    # --- reading ---------------------------------------------------------------------------------------------

    def objection(self, code: str) -> dict[str, Any]:
        """The editable fields as plain data, plus user_modified, favourite and shipped (has a shipped version)."""
        with self._database.transaction() as session:
            row = self._objection_row(session, code)
            return {**_objection_data(row), **_flags(row), "row_version": row.row_version}

    def script(self, key: str) -> dict[str, Any]:
        with self._database.transaction() as session:
            row = self._script_row(session, key)
            return {**_script_data(row), **_flags(row), "row_version": row.row_version}

    def objections(self) -> list[dict[str, Any]]:
        """Every objection not deleted, in library order, for lists and the command line."""
        with self._database.transaction() as session:
            return [{**_objection_data(row), **_flags(row)} for row in session.scalars(_LIVE_OBJECTIONS)]

    def scripts(self, offer_type: OfferType | str | None = None) -> list[dict[str, Any]]:
        with self._database.transaction() as session:
            statement = _LIVE_SCRIPTS
            if offer_type is not None:
                statement = statement.where(Script.offer_type == _offer_type(offer_type, "scripts filter"))
            return [{**_script_data(row), **_flags(row)} for row in session.scalars(statement)]

    # --- editing ---------------------------------------------------------------------------------------------

    def update_objection(self, code: str, /, *, expected_version: int | None = None, **fields: Any) -> Changes:
        """Change some fields of an objection; the item becomes user-modified so upgrades leave it alone.

        `expected_version` is the row_version objection() gave the editor: a teammate's save since is refused."""
        unknown = sorted(set(fields) - set(OBJECTION_FIELDS))
        if unknown:
            raise ValidationError(f"“{unknown[0]}” is not a field of an objection; use {', '.join(OBJECTION_FIELDS)}.")
        with self._database.transaction() as session:
            row = self._objection_row(session, code)
            check_version(row, expected_version, f"the objection {row.code}")
            content = _objection_content(row.code, {**_objection_data(row), **fields})
            return Changes.of(Kind.CONTENT) if _store(row, content) else Changes()

    def update_script(
        self,
        key: str,
        title: str | None = None,
        steps: list[dict[str, Any]] | None = None,
        offer_type: OfferType | str | None = None,
        *,
        expected_version: int | None = None,
    ) -> Changes:
        """Change a script's title, steps or offer type; None leaves a field as it is (`expected_version`: as in
        update_objection)."""
        with self._database.transaction() as session:
            row = self._script_row(session, key)
            check_version(row, expected_version, f"the script “{row.key}”")
            current = _script_data(row)
            content = _script_content(row.key, {
                "title": current["title"] if title is None else title,
                "steps": current["steps"] if steps is None else steps,
                "offer_type": current["offer_type"] if offer_type is None else offer_type,
            })  # fmt: skip
            return Changes.of(Kind.CONTENT) if _store(row, content) else Changes()

    def add_objection(
        self,
        code: str,
        title: str,
        *,
        says: Sequence[str] = (),
        probe: Sequence[str] = (),
        levers: Sequence[str] = (),
        avoid: Sequence[str] = (),
        talk_track: str = "",
        keywords: Sequence[str] = (),
    ) -> Changes:
        """A recruiter's own objection; the code is what call logs record, so it must be new and code-like."""
        content = _objection_content(_check_code(code), {
            "title": title, "says": says, "probe": probe, "levers": levers, "avoid": avoid,
            "talk_track": talk_track, "keywords": keywords,
        })  # fmt: skip
        with self._database.transaction() as session:
            _check_free(
                session.scalar(select(Objection.archived).where(Objection.code == code)), f"an objection {code}"
            )
            session.add(_new_row("objection", content, favourite=False))
        return Changes.of(Kind.CONTENT)

    def add_script(self, key: str, offer_type: OfferType | str, title: str, steps: list[dict[str, Any]]) -> Changes:
        content = _script_content(_check_key(key), {"offer_type": offer_type, "title": title, "steps": steps})
        with self._database.transaction() as session:
            _check_free(session.scalar(select(Script.archived).where(Script.key == key)), f"a script “{key}”")
            session.add(_new_row("script", content, favourite=False))
        return Changes.of(Kind.CONTENT)

    def delete(self, kind: ItemKind, key: str) -> Changes:
        """Take one of the user's own items out of the library (lists, call prep, practice, exports).

        Shipped content is never deleted: it can be edited, or reset to the shipped text. A deleted item is kept
        out of sight, not erased, so `undelete` brings it back whole and past calls still name it.
        """
        checked = _check_kind(kind)
        with self._database.transaction() as session:
            row = self._row(session, checked, key)
            if row.shipped_version is not None:
                raise ValidationError(
                    f"The {checked} {key} ships with OfferDesk, so it cannot be deleted; edit it, or reset it to "
                    "the shipped text."
                )
            if row.archived:
                return Changes()
            row.archived = True
        return Changes.of(Kind.CONTENT)

    def undelete(self, kind: ItemKind, key: str) -> Changes:
        """Undo `delete`: the item is back in the library as it was."""
        with self._database.transaction() as session:
            row = self._row(session, _check_kind(kind), key)
            if not row.archived:
                return Changes()
            row.archived = False
        return Changes.of(Kind.CONTENT)

    def set_favourite(self, kind: ItemKind, key: str, favourite: bool) -> Changes:
        """Favourites are a preference, not an edit: they change neither the revision nor user_modified."""
        with self._database.transaction() as session:
            row = self._row(session, _check_kind(kind), key)
            if row.favourite == favourite:
                return Changes()
            row.favourite = favourite
        return Changes.of(Kind.CONTENT)

    def reset_to_shipped(self, kind: ItemKind, key: str) -> Changes:
        """Put the shipped text back and let content upgrades refresh the item again."""
        checked = _check_kind(kind)
        shipped = load_shipped_content(self._content_dir)
        items, id_field = (shipped.objections, "code") if checked == "objection" else (shipped.scripts, "key")
        with self._database.transaction() as session:
            row = self._row(session, checked, key)
            item = next((i for i in items if i[id_field] == key), None)
            if row.shipped_version is None or item is None:
                raise ValidationError(
                    f"The {checked} {key} was never shipped with OfferDesk, so it has no shipped text to reset to."
                )
            before = _objection_data(row) if isinstance(row, Objection) else _script_data(row)
            if isinstance(row, Objection):
                _apply_objection(row, item)
            else:
                _apply_script(row, item)
            after = _objection_data(row) if isinstance(row, Objection) else _script_data(row)
            if after != before:
                row.revision = (row.revision or 0) + 1
            row.shipped_version, row.shipped_hash, row.user_modified = shipped.version, _fingerprint(item), False
        return Changes.of(Kind.CONTENT)

    # --- sharing ---------------------------------------------------------------------------------------------

    def export_library(self, path: Path) -> int:
        """Write every script and objection to one JSON file a colleague can import; returns the item count."""
        with self._database.transaction() as session:
            objections = [{**_objection_data(row), "favourite": row.favourite, "user_modified": row.user_modified}
                          for row in session.scalars(_LIVE_OBJECTIONS)]  # fmt: skip
            scripts = [{**_script_data(row), "favourite": row.favourite, "user_modified": row.user_modified}
                       for row in session.scalars(_LIVE_SCRIPTS)]  # fmt: skip
        document = {
            "format": LIBRARY_FORMAT,
            "version": LIBRARY_VERSION,
            "exported_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
            "objections": objections,
            "scripts": scripts,
        }
        if not path.parent.is_dir():
            raise ValidationError(f"Cannot write {path}: the folder {path.parent} does not exist.")
        try:
            with atomic_write(path, "w", encoding="utf-8") as stream:
                stream.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
        except OSError as error:
            raise ValidationError(f"Cannot write {path} ({error.strerror or error}).") from error
        return len(objections) + len(scripts)

    def import_library(self, path: Path) -> Outcome[ImportReport]:
        """Merge a colleague's library in one transaction; a clash with a local edit keeps both texts.

        Text an earlier import brought in and nobody has edited here since is the library's, not the user's: a
        later import (of the same file, corrected, or of the original the text replaced) replaces it, and the
        report names the file it came from. Only a hand edit is "your version", kept beside the incoming copy.
        """
        incoming = read_library_file(path)
        backup_before(self._database, self._backup_dir, "before-import")  # only once the file is sound
        added = updated = unchanged = 0
        conflicts: list[tuple[str, str, str]] = []
        replaced: list[str] = []
        with self._database.transaction() as session:
            rows: dict[tuple[ItemKind, str], Objection | Script] = {
                **{("objection", row.code): row for row in session.scalars(select(Objection))},
                **{("script", row.key): row for row in session.scalars(select(Script))},
            }
            brought = ImportedText(session)
            taken = set(rows) | {(item.kind, item.key) for item in incoming}
            for item in incoming:
                local = rows.get((item.kind, item.key))
                if local is None:
                    session.add(_new_row(item.kind, item.content, item.favourite))
                    brought.record(item.kind, item.key, item.content, path.name)
                    added += 1
                    continue
                current = self._data(local)
                if current == item.content:
                    local.favourite = local.favourite or item.favourite
                    unchanged += 1
                elif not local.user_modified or (source := brought.unedited_from(item.kind, item.key, current)):
                    if local.user_modified:
                        replaced.append(
                            f"The {item.kind} {item.key} came in with {source} and was not edited here since: "
                            f"replaced by the one in {path.name}."
                        )
                    _store(local, item.content)
                    brought.record(item.kind, item.key, item.content, path.name)
                    local.favourite = local.favourite or item.favourite
                    updated += 1
                else:
                    copy_key, existing = self._place_copy(item, rows, taken)
                    if existing:
                        unchanged += 1  # this very copy came in with an earlier import
                        continue
                    content = {**item.content, ("code" if item.kind == "objection" else "key"): copy_key}
                    copy = _new_row(item.kind, content, item.favourite)
                    session.add(copy)
                    brought.record(item.kind, copy_key, content, path.name)
                    rows[(item.kind, copy_key)] = copy
                    conflicts.append((item.kind, item.key, (
                        f"The {item.kind} {item.key} was edited here and differs in {path.name}: your version is "
                        f"kept and the imported one was added as {copy_key}."
                    )))  # fmt: skip
            brought.save()
        report = ImportReport(added, updated, unchanged, conflicts, replaced)
        return Outcome(report, Changes.of(Kind.CONTENT) if added or updated or conflicts else Changes())

    # --- helpers ---------------------------------------------------------------------------------------------

    @staticmethod
    def _data(row: Objection | Script) -> dict[str, Any]:
        return _objection_data(row) if isinstance(row, Objection) else _script_data(row)

    def _place_copy(
        self, item: _Incoming, rows: Mapping[tuple[ItemKind, str], Objection | Script], taken: set[tuple[ItemKind, str]]
    ) -> tuple[str, bool]:
        """The key for the incoming copy, and whether an identical copy is already there (re-importing a file)."""
        number = 1
        while True:
            candidate = _copy_key(item.kind, item.key, number)
            existing = rows.get((item.kind, candidate))
            if existing is not None:
                content = {**item.content, ("code" if item.kind == "objection" else "key"): candidate}
                if self._data(existing) == content:
                    return candidate, True
            elif (item.kind, candidate) not in taken:
                taken.add((item.kind, candidate))
                return candidate, False
            number += 1

    def _row(self, session: Session, kind: ItemKind, key: str) -> Objection | Script:
        return self._objection_row(session, key) if kind == "objection" else self._script_row(session, key)

    @staticmethod
    def _objection_row(session: Session, code: str) -> Objection:
        row = session.scalars(select(Objection).where(Objection.code == code)).one_or_none()
        if row is None:
            raise NotFoundError(f"There is no objection {code} in the library.")
        return row

    @staticmethod
    def _script_row(session: Session, key: str) -> Script:
        row = session.scalars(select(Script).where(Script.key == key)).one_or_none()
        if row is None:
            raise NotFoundError(f"There is no script “{key}” in the library.")
        return row


__all__ = ["LIBRARY_FORMAT", "LIBRARY_VERSION", "ImportReport", "ItemKind", "LibraryService"]
