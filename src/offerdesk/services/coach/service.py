"""The coach: which objections the recruiter loses on, which ask wins for which offer, drills on the weakest,
and whether real outcomes moved after practising."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from offerdesk.errors import ValidationError
from offerdesk.services.changes import Changes, Kind
from offerdesk.services.coach.drills import add_drills
from offerdesk.services.coach.figures import (
    DEFINITION,
    CoachReport,
    DrillView,
    ask_style_rows,
    objection_losses,
    practice_effects,
)
from offerdesk.services.coach.reading import (
    RECRUITER_SETTING,
    Recruiter,
    call_counts,
    practice_firsts,
    read_calls,
    read_drills,
    resolve_recruiter,
)
from offerdesk.storage import offer_facts
from offerdesk.storage.db import Database

MAX_DRILLS = 20


class CoachService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def _setting(self) -> str:
        from offerdesk.services.setup.settings import SettingsService

        return SettingsService(self._database).all().get(RECRUITER_SETTING, "")

    def _report(self, session: Session, chosen: str, setting: str) -> tuple[CoachReport, Recruiter]:
        calls = read_calls(session)
        who = resolve_recruiter(call_counts(calls), chosen, setting)
        facts = {f.offer_id: f for f in offer_facts.load_facts(session, None)}
        yours = [call for call in calls if who.owns(call.recruiter)]
        report = CoachReport(
            recruiter=who.name,
            whose=who.whose,
            team_sentence="" if who.alone else "Team figures count every recruiter's calls in this database.",
            losses=objection_losses(facts, yours, calls, alone=who.alone),
            ask_styles=ask_style_rows(facts, yours, calls),
            drills=read_drills(session, who.owner),
            practice=practice_effects(facts, yours, practice_firsts(session, who)),
            definition=DEFINITION,
        )
        return report, who

    def report(self, recruiter: str | None = None, today: date | None = None) -> CoachReport:
        """The coach's view for `recruiter` (None: the settings' recruiter name, else see resolve_recruiter)."""
        del today  # the figures are over all of time; kept so the report and the drills read alike
        setting = self._setting()
        with self._database.transaction(read_only=True) as session:
            return self._report(session, recruiter or "", setting)[0]

    def schedule_drills(self, recruiter: str | None, count: int, today: date) -> list[DrillView]:
        """Drills on the `count` weakest objections that have no open drill yet; returns the new ones."""
        if not 1 <= count <= MAX_DRILLS:
            raise ValidationError(f"Asked to schedule {count} drills; schedule between 1 and {MAX_DRILLS}.")
        setting = self._setting()
        with self._database.transaction() as session:
            report, who = self._report(session, recruiter or "", setting)
            rows = add_drills(session, report.losses, who.owner, count, today)
            ids = {row.id for row in rows}
            return [drill for drill in read_drills(session, who.owner) if drill.id in ids]

    @staticmethod
    def changes() -> Changes:
        """What scheduling drills changes, for the change bus."""
        return Changes.of(Kind.CONTENT)
