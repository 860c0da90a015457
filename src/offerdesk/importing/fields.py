"""The candidate fields an imported column can fill: the targets of the column mapping screen."""

from __future__ import annotations

from enum import StrEnum


class ImportField(StrEnum):
    """One candidate attribute; the value is the stable key saved with a mapping, the label is what users read."""

    FULL_NAME = "full_name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    PHONE = "phone"
    LOCATION = "location"
    ROLE = "role"  # the job title or requisition the candidate is considered for
    STAGE = "stage"
    SOURCE = "source"
    RECRUITER = "recruiter"
    TAGS = "tags"
    NOTES = "notes"
    LINKS = "links"
    CONSENT_DATE = "consent_date"
    RETAIN_UNTIL = "retain_until"
    EXTERNAL_ID = "external_id"

    @property
    def label(self) -> str:
        """The name shown on the mapping screen, in sentence case."""
        return _LABELS[self]


_LABELS: dict[ImportField, str] = {
    ImportField.FULL_NAME: "Full name",
    ImportField.FIRST_NAME: "First name",
    ImportField.LAST_NAME: "Last name",
    ImportField.EMAIL: "Email",
    ImportField.PHONE: "Phone",
    ImportField.LOCATION: "Location",
    ImportField.ROLE: "Role",
    ImportField.STAGE: "Stage",
    ImportField.SOURCE: "Source",
    ImportField.RECRUITER: "Recruiter",
    ImportField.TAGS: "Tags",
    ImportField.NOTES: "Notes",
    ImportField.LINKS: "Links",
    ImportField.CONSENT_DATE: "Consent date",
    ImportField.RETAIN_UNTIL: "Retain until",
    ImportField.EXTERNAL_ID: "External ID",
}
