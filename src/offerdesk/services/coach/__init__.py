"""The coach: closes the loop between the yes/no figures and practice."""

from offerdesk.services.coach.figures import (
    AskStyleRow,
    CoachReport,
    DrillView,
    ObjectionLoss,
    PracticeEffect,
    Rate,
)
from offerdesk.services.coach.service import CoachService

__all__ = ["AskStyleRow", "CoachReport", "CoachService", "DrillView", "ObjectionLoss", "PracticeEffect", "Rate"]
