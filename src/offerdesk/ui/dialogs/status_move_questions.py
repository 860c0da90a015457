"""What a status move needs before it is made: a decline reason, why it is rescinded, who approved it, how the
letter was sent, and the confirmation of a move that loses the offer."""

from __future__ import annotations

from typing import Any

from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.domain.labels import reason_label
from offerdesk.domain.offers import (
    IRREVERSIBLE,
    NOTE_REQUIRED,
    REASON_REQUIRED,
    Approver,
    LetterSending,
    OfferRow,
    OfferStatus,
    missing_reason,
    move_question,
)
from offerdesk.services.setup.bootstrap import Services
from offerdesk.ui import format as fmt
from offerdesk.ui.dialogs.prompter import Prompter
from offerdesk.ui.session_undo import undo_keys

ANOTHER_WAY = "Sent another way…"


class StatusMoveQuestions:
    """Asks through the prompter; `ask` gives the move's arguments, or None once the recruiter cancels."""

    def __init__(self, prompter: Prompter, services: Services, offer_id: int) -> None:
        self._prompter, self._services, self.offer_id = prompter, services, offer_id

    def ask(self, target: OfferStatus, row: OfferRow) -> dict[str, Any] | None:
        """The reason, approver or letter the move needs, then the confirmation; None once the recruiter cancels."""
        name, role = row.candidate_name, row.role_title
        who = f"{name} ({role})" if role else name
        request: dict[str, Any] = {}
        reason = ""
        if target in REASON_REQUIRED:
            did = "decline the offer" if target is OfferStatus.DECLINED else "back out after accepting"
            reasons = {reason_label(code): code for code in DECLINE_REASONS}  # shown in words, stored as codes
            chosen = self._prompter.ask_choice("Decline reason", f"Why did {name} {did}?", list(reasons))
            if chosen is None:
                return None
            request["reason_code"], reason = reasons[chosen], chosen
        if target in NOTE_REQUIRED:
            text = self._prompter.ask_text(
                "Rescind the offer", f"Why is the offer to {who} rescinded? The reason is kept in the offer's history."
            )
            if text is None:
                return None
            problem = missing_reason(target, "", text)
            if problem is not None:
                self._prompter.error("Status not changed", problem)
                return None
            request["note"] = reason = text.strip()
        if target is OfferStatus.APPROVED and self._services.offers.approval_on_record(self.offer_id) is None:
            text = self._prompter.ask_text(
                "Who approved the offer?",
                f"The offer to {who} has no approval on record that still stands. Who approved it? (the name, "
                "then the role after a comma; it is recorded with the move)",
            )
            if text is None:
                return None
            request["approver"] = Approver.parse(text)
        if target is OfferStatus.LETTER_SENT:
            sending = self._how_sent(who)
            if sending is None:
                return None
            request["sending"] = sending
        question = move_question(target, name, role)
        if question is not None:
            if target not in IRREVERSIBLE:
                question += f" Undo ({undo_keys()}) takes it back until you close the window."
            if reason:
                question += f"\n\nReason: {reason}"
            title = "Rescind the offer" if target is OfferStatus.RESCINDED else f"Mark the offer {target.label.lower()}"
            if not self._prompter.confirm(title, question):
                return None
        return request

    def _how_sent(self, who: str) -> LetterSending | None:
        """Letter sent says a letter went out: which OfferDesk letter of this version, or how else it was sent."""
        letters = {
            f"Sent from OfferDesk letter {letter.file_name} ({fmt.moment(letter.exported_at)})": letter.export_id
            for letter in self._services.offers.letters(self.offer_id)
        }
        chosen = self._prompter.ask_choice("How was the letter sent?", f"The letter to {who}:", [*letters, ANOTHER_WAY])
        if chosen is None:
            return None
        if chosen in letters:
            return LetterSending(export_id=letters[chosen])
        text = self._prompter.ask_text(
            "Sent another way", f"How did the letter reach {who}? (an e-signature service, by post, by hand…)"
        )
        return None if text is None else LetterSending(other_way=text)
