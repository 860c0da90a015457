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
    shipped = bundled_templates()
    shipped_names = {template.name for template in shipped}
    for name, stale in known.items():
        if name not in shipped_names and not stale.archived:  # no longer shipped: keep the record, hide it
            stale.archived, stale.is_default = True, False
            changed = True
    for template in shipped:
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
