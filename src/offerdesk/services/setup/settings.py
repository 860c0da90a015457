"""Organisation settings stored in the database (shared by a team on one server): what letters sign with."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from offerdesk.domain.text_rules import check_text
from offerdesk.errors import EditConflict, ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.storage.db import Database
from offerdesk.storage.tables import AppMeta

SETTINGS: dict[str, str] = {
    "company.name": "Employer name on the letterhead",
    "company.address": "Employer postal address, one line",
    "signatory.name": "Who signs offer letters",
    "signatory.title": "The signatory's job title",
    "recruiter.name": "Recruiter name used when an offer names none",
    "recruiter.email": "Recruiter email address for letters",
    "email.from": "Address letter emails are sent from (empty: the recruiter email address)",
    "email.subject": "Subject of the email a letter is sent with (a template; empty: the default)",
    "email.body": "Text of the email a letter is sent with (a template; empty: the default)",
    "phone.region": "Country (two letters, e.g. DE) assumed for phone numbers typed without +",
    "privacy.retention.rejected_months": "Months after their last activity a candidate whose offers all ended "
    "without a hire is anonymised (empty: never)",
}
# What letters are signed with: the Letter settings window shows these and only these (the retention rule and the
# backup interval have windows of their own).
LETTER_SETTINGS: tuple[str, ...] = (
    "company.name",
    "company.address",
    "signatory.name",
    "signatory.title",
    "recruiter.name",
    "recruiter.email",
    "phone.region",
)
_PREFIX = "setting:"
BACKUP_ENCRYPT = "backup:encrypt"  # not a letter setting: `offerdesk backup encrypt on|off` turns it on and off
MAX_SETTING = 500
EMAIL_SETTINGS: tuple[str, ...] = ("email.from", "email.subject", "email.body")
"""The email a letter is sent with: edited in the Email template window, with a preview."""
MULTILINE_SETTINGS = {"email.body": 10_000}  # a text of several paragraphs, and how long it may be
BACKUP_INTERVAL = "backup.interval_hours"  # a start backs up when the newest backup is older than this
BACKUP_HOURS = range(1, 24 * 30 + 1)  # an hour to a month
DEFAULT_BACKUP_HOURS = 24


def setting_label(key: str) -> str:
    """“company.address” → “Company address”, for sentences about a setting."""
    return key.replace(".", " ").capitalize()


class SettingsService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def all(self) -> dict[str, str]:
        with self._database.transaction() as session:
            stored = {
                row.key.removeprefix(_PREFIX): row.value
                for row in session.scalars(select(AppMeta).where(AppMeta.key.startswith(_PREFIX)))
            }
        return {key: stored.get(key, "") for key in SETTINGS}

    def letter_settings(self) -> dict[str, str]:
        """The company, signatory, recruiter and phone settings letters use, in the order they are listed."""
        values = self.all()
        return {key: values[key] for key in LETTER_SETTINGS}

    def email_settings(self) -> dict[str, str]:
        """The sender and the subject and body templates of the email a letter is sent with."""
        values = self.all()
        return {key: values[key] for key in EMAIL_SETTINGS}

    def backup_hours(self) -> int:
        """How many hours old the newest backup may be before a start makes a new one."""
        with self._database.transaction() as session:
            row = session.get(AppMeta, _PREFIX + BACKUP_INTERVAL)
        hours = int(row.value) if row is not None and row.value.isdigit() else DEFAULT_BACKUP_HOURS
        return hours if hours in BACKUP_HOURS else DEFAULT_BACKUP_HOURS

    def backup_interval(self) -> timedelta:
        """How old the newest backup may be before a start makes a new one."""
        return timedelta(hours=self.backup_hours())

    def set(self, key: str, value: str, *, expected: str | None = None) -> Changes:
        """Store one setting; `expected` is its value when the editor showed it: a teammate's change since (to
        something else) is refused, not overwritten."""
        if key == BACKUP_INTERVAL:
            return self._store(key, _checked_hours(value), expected)
        if key not in SETTINGS:
            raise ValidationError(f"“{key}” is not a setting; settings are: {', '.join([*SETTINGS, BACKUP_INTERVAL])}.")
        limit = MULTILINE_SETTINGS.get(key, MAX_SETTING)
        value = check_text(value.strip(), setting_label(key), limit, multiline=key in MULTILINE_SETTINGS)
        if key == "privacy.retention.rejected_months":
            from offerdesk.services.privacy.retention import retention_months

            retention_months(value)  # a sentence naming the setting when it is not a number of months
        return self._store(key, value, expected)

    def _store(self, key: str, value: str, expected: str | None = None) -> Changes:
        with self._database.transaction() as session:
            row = session.get(AppMeta, _PREFIX + key)
            held = row.value if row is not None else ""
            if expected is not None and held != expected.strip() and held != value.strip():
                raise EditConflict.about(f"the setting “{setting_label(key)}”")
            if row is None:
                session.add(AppMeta(key=_PREFIX + key, value=value.strip()))
            else:
                row.value = value.strip()
        return Changes.of(Kind.SETTINGS)

    def backup_encrypted(self) -> bool:
        """Whether backups of this database are written encrypted (off until the user turns it on)."""
        with self._database.transaction(read_only=True) as session:
            row = session.get(AppMeta, BACKUP_ENCRYPT)
        return row is not None and row.value == "on"

    def set_backup_encrypted(self, on: bool) -> Changes:
        with self._database.transaction() as session:
            row = session.get(AppMeta, BACKUP_ENCRYPT)
            if row is None:
                session.add(AppMeta(key=BACKUP_ENCRYPT, value="on" if on else "off"))
            else:
                row.value = "on" if on else "off"
        return Changes.of(Kind.SETTINGS)


def _checked_hours(value: str) -> str:
    text = value.strip()
    if not (text.isascii() and text.isdigit() and int(text) in BACKUP_HOURS):
        raise ValidationError(
            f"{BACKUP_INTERVAL} is a whole number of hours from {BACKUP_HOURS.start} to {BACKUP_HOURS.stop - 1}, "
            f"not “{text}”."
        )
    return str(int(text))


def seed_demo_settings(session: object) -> None:
    """Letterhead values for the demo company, only where the user has set nothing."""
    from sqlalchemy.orm import Session

    assert isinstance(session, Session)
    demo = {
        "company.name": "Brightpath Software",
        "company.address": "Torstraße 140, 10119 Berlin",
        "signatory.name": "Dana Whitfield",
        "signatory.title": "VP People",
        "recruiter.name": "Sam Rivera",
        "recruiter.email": "sam.rivera@brightpath.example",
    }
    for key, value in demo.items():
        if session.get(AppMeta, _PREFIX + key) is None:
            session.add(AppMeta(key=_PREFIX + key, value=value))
