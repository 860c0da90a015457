"""Keeps the database's template library in step with the templates that ship with the app."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from offerdesk.letters.library import bundled_templates
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage.tables import LetterTemplate


def register_bundled_templates(session: Session) -> Changes:
    known = {row.name: row for row in session.scalars(select(LetterTemplate).where(LetterTemplate.source == "bundled"))}
    changed = False
    for template in bundled_templates():
        digest = template.sha256()
        row = known.get(template.name)
        if row is None:
            session.add(
                LetterTemplate(
                    name=template.name,
                    source="bundled",
                    file_name=template.path.name,
                    offer_type=template.offer_type,
                    locale=template.locale,
                    sha256=digest,
                    is_default=template.is_default,
                )
            )
            changed = True
        elif row.sha256 != digest:
            row.sha256, row.file_name = digest, template.path.name
            changed = True
    return Changes.of(Kind.TEMPLATES) if changed else Changes()


def template_names(session: Session) -> list[str]:
    return list(
        session.scalars(select(LetterTemplate.name).where(~LetterTemplate.archived).order_by(LetterTemplate.name))
    )
