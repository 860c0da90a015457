"""Editing and sharing the call-prep library (scripts and objections).

Recruiters adapt the shipped wording to their company, add their own items and pass the result to colleagues as one
JSON file. Two promises hold throughout: an edit is never overwritten by a content upgrade (`user_modified`), and an
import never loses text (a clash with a local edit keeps both, the incoming one under a new key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.offers import OfferType
from offerdesk.domain.text_rules import check_text
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_write, read_json
from offerdesk.services.callprep.content import (
    _apply_objection,
    _apply_script,
    _fingerprint,
    load_shipped_content,
)
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.services.setup.backups import backup_before
from offerdesk.storage.db import Database
from offerdesk.storage.tables import Objection, Script

LIBRARY_FORMAT = "offerdesk-library"
LIBRARY_VERSION = 1

ItemKind = Literal["script", "objection"]
OBJECTION_LIST_FIELDS = ("says", "probe", "levers", "avoid", "keywords")
OBJECTION_FIELDS = ("title", *OBJECTION_LIST_FIELDS, "talk_track")
STEP_FIELDS = ("key", "title", "text", "variants", "tip")

_CODE = re.compile(r"[A-Z0-9_]+")
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE_LENGTH, _KEY_LENGTH, _TITLE_LENGTH = 32, 100, 200  # the column widths (PostgreSQL enforces them)
_FIELD_NAMES = {"talk_track": "talk track", "says": "“candidate says”", "offer_type": "offer type"}


@dataclass(frozen=True)
class ImportReport:
    """What an import did, item by item; conflicts are (kind, key, sentence) and each says where the copy went."""

    added: int
    updated: int
    unchanged: int
    conflicts: list[tuple[str, str, str]]

    def summary(self) -> str:
        """One line for the status bar or the console, followed by one line per conflict."""
        lines = [f"{self.added} added, {self.updated} updated, {self.unchanged} unchanged, "
                 f"{len(self.conflicts)} conflict(s)."]  # fmt: skip
        lines.extend(sentence for _kind, _key, sentence in self.conflicts)
        return "\n".join(lines)


# --- validation: every check raises one sentence that names the field ------------------------------------------


def _label(field: str) -> str:
    return _FIELD_NAMES.get(field, field)


def _title(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"The title of the {what} cannot be empty.")
    if len(value.strip()) > _TITLE_LENGTH:
        raise ValidationError(f"The title of the {what} is longer than {_TITLE_LENGTH} characters.")
    return value.strip()


def _text(value: Any, field: str, what: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"The {_label(field)} of the {what} must be text.")
    return value


def _strings(value: Any, field: str, what: str) -> list[str]:
    """A list of non-empty strings; a bare string is refused because it would silently become a list of letters."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValidationError(f"The {_label(field)} of the {what} must be a list of lines of text.")
    items: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"Line {position} of the {_label(field)} of the {what} must be non-empty text.")
        items.append(item.strip())
    return items


def _offer_type(value: Any, what: str) -> OfferType:
    try:
        return OfferType(value)
    except ValueError:
        choices = ", ".join(kind.value for kind in OfferType)
        raise ValidationError(f"The offer type “{value}” of the {what} is not one of {choices}.") from None


def _steps(value: Any, what: str) -> list[dict[str, Any]]:
    """Each step has a key and a title and either one text or one text per ask style (variants)."""
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise ValidationError(f"The steps of the {what} must be a non-empty list.")
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, step in enumerate(value, start=1):
        where, ref = f"Step {position} of the {what}", f"step {position} of the {what}"
        if not isinstance(step, Mapping):
            raise ValidationError(f"{where} must be a set of fields (key, title, text or variants).")
        unknown = sorted(set(step) - set(STEP_FIELDS))
        if unknown:
            raise ValidationError(f"{where} has the unknown field “{unknown[0]}”.")
        key = step.get("key")
        if not isinstance(key, str) or not key.strip():
            raise ValidationError(f"{where} needs a key.")
        if key in seen:
            raise ValidationError(f"{where} repeats the step key “{key}”.")
        seen.add(key)
        title = step.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValidationError(f"{where} needs a title.")
        clean: dict[str, Any] = {"key": key, "title": title.strip()}
        has_text, has_variants = "text" in step, "variants" in step
        if has_text and has_variants:
            raise ValidationError(f"{where} has both a text and variants; keep one of them.")
        if not has_text and not has_variants:
            raise ValidationError(f"{where} needs a text or variants (one text per ask style).")
        if has_text:
            if not isinstance(step["text"], str):
                raise ValidationError(f"The text of {ref} must be text.")
            clean["text"] = step["text"]
        else:
            variants = step["variants"]
            if not isinstance(variants, Mapping) or not variants:
                raise ValidationError(f"The variants of {ref} must map each ask style to its text.")
            for style, text in variants.items():
                if not isinstance(style, str) or not style or not isinstance(text, str):
                    raise ValidationError(f"The variant “{style}” of {ref} must be text.")
            clean["variants"] = dict(variants)
        if "tip" in step:
            if not isinstance(step["tip"], str):
                raise ValidationError(f"The tip of {ref} must be text.")
            clean["tip"] = step["tip"]
        steps.append(clean)
    return steps


def _check_code(code: Any) -> str:
    if not isinstance(code, str) or not _CODE.fullmatch(code) or len(code) > _CODE_LENGTH:
        raise ValidationError(
            f"The objection code “{code}” must be 1 to {_CODE_LENGTH} upper-case letters, digits and _ (like COMP_LOW)."
        )
    return code


def _check_key(key: Any) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key) or len(key) > _KEY_LENGTH:
        raise ValidationError(
            f"The script key “{key}” must be lower-case words joined by hyphens, at most {_KEY_LENGTH} characters "
            "(like verbal-offer)."
        )
    return key


def _check_kind(kind: str) -> ItemKind:
    if kind == "script":
        return "script"
    if kind == "objection":
        return "objection"
    raise ValidationError(f"“{kind}” is not a library item kind; use script or objection.")


def _objection_content(code: str, fields: Mapping[str, Any], what: str = "") -> dict[str, Any]:
    """The objection exactly as a shipped item looks, so its fingerprint compares with the shipped hash."""
    what = what or f"objection {code}"
    return {
        "code": code,
        "title": _title(fields.get("title"), what),
        **{field: _strings(fields.get(field, []), field, what) for field in OBJECTION_LIST_FIELDS},
        "talk_track": _text(fields.get("talk_track", ""), "talk_track", what),
    }


def _script_content(key: str, fields: Mapping[str, Any], what: str = "") -> dict[str, Any]:
    what = what or f"script {key}"
    return {
        "key": key,
        "offer_type": _offer_type(fields.get("offer_type"), what).value,
        "title": _title(fields.get("title"), what),
        "steps": _steps(fields.get("steps"), what),
    }


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


@dataclass(frozen=True)
class _Incoming:
    kind: ItemKind
    key: str
    content: dict[str, Any]
    favourite: bool


def _check_all_text(value: Any, where: str) -> None:
    """Every text in the file, keys too, by the one rule for stored text (domain.text_rules), named by its place."""
    if isinstance(value, str):
        check_text(value, where, multiline=True)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(str(key), where, multiline=False)
            _check_all_text(item, f"{where} › {key}")
    elif isinstance(value, list):
        for position, item in enumerate(value, start=1):
            _check_all_text(item, f"{where} › {position}")


def _read_library_file(path: Path) -> list[_Incoming]:
    """Parse and check the whole file before the database is touched, so a bad file changes nothing."""
    data = read_json(path, "library file")
    if not isinstance(data, dict) or data.get("format") != LIBRARY_FORMAT:
        raise ValidationError(f"{path} is not an OfferDesk library file (its format is not “{LIBRARY_FORMAT}”).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValidationError(f"{path} is damaged: its library version “{version}” is not a whole number.")
    if version != LIBRARY_VERSION:
        raise ValidationError(
            f"{path} is a library file of version {version}, but this OfferDesk reads version {LIBRARY_VERSION}."
        )
    _check_all_text(data, path.name)
    incoming: list[_Incoming] = []
    for kind, section, id_field in (("objection", "objections", "code"), ("script", "scripts", "key")):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise ValidationError(f"{path} is damaged: “{section}” is not a list.")
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise ValidationError(f"{path} is damaged: {kind} {position} is not a set of fields.")
            key = _check_code(item.get(id_field)) if kind == "objection" else _check_key(item.get(id_field))
            if key in seen:
                raise ValidationError(f"{path} holds the {kind} “{key}” twice.")
            seen.add(key)
            what = f"{kind} {key} in {path.name}"
            content = _objection_content(key, item, what) if kind == "objection" else _script_content(key, item, what)
            incoming.append(_Incoming(_check_kind(kind), key, content, item.get("favourite") is True))
    return incoming


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
            return {**_objection_data(row), **_flags(row)}

    def script(self, key: str) -> dict[str, Any]:
        with self._database.transaction() as session:
            row = self._script_row(session, key)
            return {**_script_data(row), **_flags(row)}

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

    def update_objection(self, code: str, /, **fields: Any) -> Changes:
        """Change some fields of an objection; the item becomes user-modified so upgrades leave it alone."""
        unknown = sorted(set(fields) - set(OBJECTION_FIELDS))
        if unknown:
            raise ValidationError(f"“{unknown[0]}” is not a field of an objection; use {', '.join(OBJECTION_FIELDS)}.")
        with self._database.transaction() as session:
            row = self._objection_row(session, code)
            content = _objection_content(row.code, {**_objection_data(row), **fields})
            return Changes.of(Kind.CONTENT) if _store(row, content) else Changes()

    def update_script(
        self,
        key: str,
        title: str | None = None,
        steps: list[dict[str, Any]] | None = None,
        offer_type: OfferType | str | None = None,
    ) -> Changes:
        """Change a script's title, steps or offer type; None leaves a field as it is."""
        with self._database.transaction() as session:
            row = self._script_row(session, key)
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
        """Merge a colleague's library in one transaction; a clash with a local edit keeps both texts."""
        incoming = _read_library_file(path)
        backup_before(self._database, self._backup_dir, "before-import")  # only once the file is sound
        added = updated = unchanged = 0
        conflicts: list[tuple[str, str, str]] = []
        with self._database.transaction() as session:
            rows: dict[tuple[ItemKind, str], Objection | Script] = {
                **{("objection", row.code): row for row in session.scalars(select(Objection))},
                **{("script", row.key): row for row in session.scalars(select(Script))},
            }
            taken = set(rows) | {(item.kind, item.key) for item in incoming}
            for item in incoming:
                local = rows.get((item.kind, item.key))
                if local is None:
                    session.add(_new_row(item.kind, item.content, item.favourite))
                    added += 1
                    continue
                if self._data(local) == item.content:
                    local.favourite = local.favourite or item.favourite
                    unchanged += 1
                elif not local.user_modified:
                    _store(local, item.content)
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
                    rows[(item.kind, copy_key)] = copy
                    conflicts.append((item.kind, item.key, (
                        f"The {item.kind} {item.key} was edited here and differs in {path.name}: your version is "
                        f"kept and the imported one was added as {copy_key}."
                    )))  # fmt: skip
        report = ImportReport(added=added, updated=updated, unchanged=unchanged, conflicts=conflicts)
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
