"""The template library: bundled templates plus the user's own, copied into the data folder when added."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.domain.offers import OfferType
from offerdesk.errors import NotFoundError, ValidationError
from offerdesk.files import atomic_copy, atomic_write
from offerdesk.letters.docx_file import read_package
from offerdesk.paths import AppPaths
from offerdesk.resources import templates_dir
from offerdesk.services.changes import Changes, Kind, Outcome
from offerdesk.storage.db import Database
from offerdesk.storage.row_versions import check_version
from offerdesk.storage.tables import LetterTemplate


@dataclass(frozen=True)
class TemplateInfo:
    id: int
    name: str
    source: str
    path: Path
    offer_type: OfferType | None
    locale: str
    is_default: bool
    archived: bool
    row_version: int = field(default=0, compare=False)  # as listed: a rename or default names it


def template_path(paths: AppPaths, row: LetterTemplate) -> Path:
    if row.source == "bundled":
        return templates_dir() / row.file_name
    return paths.templates_dir / row.file_name


def _info(paths: AppPaths, row: LetterTemplate) -> TemplateInfo:
    return TemplateInfo(row.id, row.name, row.source, template_path(paths, row), row.offer_type, row.locale,
                        row.is_default, row.archived, row.row_version)  # fmt: skip


def _safe_file_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.") or "template"


def template_file_name(name: str, data: bytes) -> str:
    """The file a user's template is kept in: its name made safe, and the start of its contents' digest."""
    return f"{_safe_file_name(name.strip())}-{hashlib.sha256(data).hexdigest()[:8]}.docx"


def resolve_row(session: Session, name_or_path: str | None, offer_type: OfferType, locale: str) -> LetterTemplate:
    """The template named, else the default for this offer type and locale, else for the type, else any default."""
    rows = list(session.scalars(select(LetterTemplate).where(~LetterTemplate.archived)))
    if name_or_path:
        for row in rows:
            if row.name.casefold() == name_or_path.casefold():
                return row
        raise NotFoundError(f"There is no template called “{name_or_path}”; `offerdesk templates list` shows them.")
    ranked = sorted(
        rows,
        key=lambda r: (
            not (r.offer_type == offer_type and r.is_default and r.locale == locale),
            not (r.offer_type == offer_type and r.is_default and not r.locale),
            r.offer_type != offer_type,
            not (r.offer_type == OfferType.WRITTEN and r.is_default),
            r.id,
        ),
    )
    if not ranked:
        raise NotFoundError("The template library is empty; add a template first.")
    return ranked[0]


class TemplateLibrary:
    def __init__(self, database: Database, paths: AppPaths) -> None:
        self._database = database
        self._paths = paths

    def list(self, include_archived: bool = False) -> list[TemplateInfo]:
        with self._database.transaction() as session:
            statement = select(LetterTemplate).order_by(LetterTemplate.offer_type, LetterTemplate.name)
            if not include_archived:
                statement = statement.where(~LetterTemplate.archived)
            return [_info(self._paths, row) for row in session.scalars(statement)]

    def add(self, source: Path, name: str | None = None, offer_type: OfferType | None = None,
            locale: str = "") -> Outcome[TemplateInfo]:  # fmt: skip
        """Copy a checked template into the data folder, so moving or deleting the original breaks nothing."""
        read_package(source)  # one clear sentence for a file that is not a usable .docx
        chosen = (name or source.stem).strip()
        if not chosen:
            raise ValidationError("A template needs a name.")
        data = source.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        with self._database.transaction() as session:
            if session.scalar(select(LetterTemplate.id).where(LetterTemplate.name == chosen)) is not None:
                raise ValidationError(f"A template called “{chosen}” already exists; choose another name.")
            file_name = f"{_safe_file_name(chosen)}-{digest[:8]}.docx"
            target = self._paths.templates_dir / file_name
            atomic_copy(source, target)
            row = LetterTemplate(name=chosen, source="user", file_name=file_name, offer_type=offer_type,
                                 locale=locale, sha256=digest)  # fmt: skip
            session.add(row)
            session.flush()
            return Outcome(_info(self._paths, row), Changes.of(Kind.TEMPLATES))

    def add_data(self, data: bytes, name: str, offer_type: OfferType | None = None, locale: str = "",
                 companions: Mapping[str, bytes] | None = None) -> Outcome[TemplateInfo]:  # fmt: skip
        """Add a template made in memory (an adopted letter's prepared copy) under `name`.

        `companions` are files kept beside it, each named by the template's file name with ".docx" replaced by
        its key (".original.docx", ".docx.mapping.json"). Every file is written atomically, and when anything
        fails neither the row nor any of the files stays.
        """
        chosen = name.strip()
        if not chosen:
            raise ValidationError("A template needs a name.")
        digest = hashlib.sha256(data).hexdigest()
        written: list[Path] = []
        try:
            with self._database.transaction() as session:
                if session.scalar(select(LetterTemplate.id).where(LetterTemplate.name == chosen)) is not None:
                    raise ValidationError(f"A template called “{chosen}” already exists; choose another name.")
                file_name = template_file_name(chosen, data)
                target = self._paths.templates_dir / file_name
                for suffix, content in [(".docx", data), *(companions or {}).items()]:
                    path = target.with_name(file_name.removesuffix(".docx") + suffix)
                    with atomic_write(path) as stream:
                        stream.write(content)
                    written.append(path)
                row = LetterTemplate(name=chosen, source="user", file_name=file_name, offer_type=offer_type,
                                     locale=locale, sha256=digest)  # fmt: skip
                session.add(row)
                session.flush()
                return Outcome(_info(self._paths, row), Changes.of(Kind.TEMPLATES))
        except BaseException:
            for path in written:
                path.unlink(missing_ok=True)
            raise

    def replace_data(self, name: str, data: bytes, companions: Mapping[str, bytes] | None = None) -> Changes:
        """Give a user's template new contents (an adopted letter mapped anew), under the same name and file."""
        with self._database.transaction() as session:
            row = self._get(session, name)
            if row.source != "user":
                raise ValidationError(f"“{name}” comes with OfferDesk and cannot be changed; add a copy of it instead.")
            target = template_path(self._paths, row)
            for suffix, content in [*(companions or {}).items(), (".docx", data)]:
                with atomic_write(target.with_name(row.file_name.removesuffix(".docx") + suffix)) as stream:
                    stream.write(content)
            row.sha256 = hashlib.sha256(data).hexdigest()
        return Changes.of(Kind.TEMPLATES)

    def path_of(self, name: str) -> Path:
        """Where the named template's file is (the GUI and the adoption read what is kept beside it)."""
        with self._database.transaction() as session:
            return template_path(self._paths, self._get(session, name))

    def _get(self, session: Session, name: str) -> LetterTemplate:
        row = session.scalar(select(LetterTemplate).where(LetterTemplate.name == name))
        if row is None:
            raise NotFoundError(f"There is no template called “{name}”.")
        return row

    def rename(self, name: str, new_name: str, *, expected_version: int | None = None) -> Changes:
        """`expected_version` is the template's row version as listed: a teammate's change since is refused."""
        new_name = new_name.strip()
        if not new_name:
            raise ValidationError("A template needs a name.")
        with self._database.transaction() as session:
            row = self._get(session, name)
            check_version(row, expected_version, f"the template “{name}”")
            if session.scalar(select(LetterTemplate.id).where(LetterTemplate.name == new_name)) is not None:
                raise ValidationError(f"A template called “{new_name}” already exists.")
            row.name = new_name
        return Changes.of(Kind.TEMPLATES)

    def archive(self, name: str, archived: bool = True) -> Changes:
        with self._database.transaction() as session:
            row = self._get(session, name)
            row.archived = archived
            if archived:
                row.is_default = False
        return Changes.of(Kind.TEMPLATES)

    def set_default(
        self, name: str, offer_type: OfferType, locale: str = "", *, expected_version: int | None = None
    ) -> Changes:
        """Make `name` the default for an offer type (and locale); the previous default stays, just not default."""
        with self._database.transaction() as session:
            row = self._get(session, name)
            check_version(row, expected_version, f"the template “{name}”")
            if row.archived:
                raise ValidationError(f"“{name}” is archived; restore it before making it a default.")
            for other in session.scalars(
                select(LetterTemplate).where(LetterTemplate.offer_type == offer_type, LetterTemplate.locale == locale)
            ):
                other.is_default = False
            row.offer_type, row.locale, row.is_default = offer_type, locale, True
        return Changes.of(Kind.TEMPLATES)
