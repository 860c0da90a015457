"""Handlers of `offerdesk offers diff` and `offerdesk offers set-status` (the parser is wired in cli/parser.py).

Reads args.id, args.v1, args.v2 (diff) or args.id, args.status, args.reason, args.approver, args.sent_another_way
(set-status) and, through `services_for`, args.data_dir, args.db_url and args.no_demo. Errors are OfferDeskErrors:
the normal error path prints their one sentence and exits non-zero.
"""

from __future__ import annotations

import argparse
import sys

from offerdesk.cli.output import interface_locale
from offerdesk.cli.session import services_for
from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.domain.offers import NOTE_REQUIRED, REASON_REQUIRED, Approver, LetterSending, OfferType
from offerdesk.errors import ValidationError
from offerdesk.services.offers.status import parse_status


def offers_new(args: argparse.Namespace) -> int:
    """`offerdesk offers new`: prints only the new id (for scripts); where the currency and locale came from goes
    to stderr. Reads args.candidate, args.type, args.currency, args.locale and args.role."""
    offer_type = OfferType(args.type)
    with services_for(args) as services:
        editing = services.offer_editing
        chosen = editing.defaults(args.candidate, args.role, args.currency, args.locale)
        offer_id = editing.create(args.candidate, offer_type, chosen.currency, chosen.locale, args.role).value
    print(offer_id)
    print(f"Draft {offer_type.label.lower()} {offer_id}: {chosen.explanation}.", file=sys.stderr)
    return 0


def offers_diff(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        changes = services.offer_editing.diff(args.id, args.v1, args.v2, interface_locale())
    if not changes:
        print("No differences.")
    for change in changes:
        print(f"{change.label}: {change.before} → {change.after}")
    return 0


def offers_set_status(args: argparse.Namespace) -> int:
    """Declined and reneged take --reason as a decline reason code, rescinded as words; any other move keeps the
    reason as a note. Approved takes --approver, letter sent --sent-another-way when no OfferDesk letter was made."""
    target = parse_status(args.status)
    reason = (getattr(args, "reason", None) or "").strip()
    code, note = "", reason
    if target in REASON_REQUIRED:
        code, note = reason.upper(), ""
        if code not in DECLINE_REASONS:
            given = f" (“{reason}” is not one)" if reason else ""
            raise ValidationError(
                f"Marking offer {args.id} {target.value} needs --reason with a decline reason code: one of "
                f"{', '.join(DECLINE_REASONS)}{given}."
            )
    elif target in NOTE_REQUIRED and not reason:
        raise ValidationError(
            f"Marking offer {args.id} {target.value} needs --reason “why, in words”; it is kept in the offer's history."
        )
    approver_text = (getattr(args, "approver", None) or "").strip()
    another_way = (getattr(args, "sent_another_way", None) or "").strip()
    with services_for(args) as services:
        moved = services.offers.move(
            args.id,
            target,
            reason_code=code,
            note=note,
            approver=Approver.parse(approver_text) if approver_text else None,
            sending=LetterSending(other_way=another_way) if another_way else None,
            expected_version=getattr(args, "if_version", None),
        )
    print(moved.value.sentence)
    return 0


def roles_list(args: argparse.Namespace) -> int:
    """Roles with their pay bands, the numbers the editor checks offers against."""
    with services_for(args) as services:
        for role in services.roles.list():
            print(f"{role.id}  {role.display_name}")
            for band in services.compensation.bands(role.id):
                print(f"    {band.currency} {band.location or 'any location'}: {band.band_min.format()} – "
                      f"{band.band_mid.format()} – {band.band_max.format()}")  # fmt: skip
    return 0


def roles_set_band(args: argparse.Namespace) -> int:
    from offerdesk.domain.money import Money

    amounts = [Money.parse(text, args.currency, "en_US").minor for text in (args.min, args.mid, args.max)]
    with services_for(args) as services:
        services.compensation.set_band(args.role, args.currency, args.location, *amounts)
    print(f"Band saved for role {args.role}: {args.currency} {args.min} – {args.mid} – {args.max}.")
    return 0


def offers_key_fields(args: argparse.Namespace) -> int:
    """Show or set which fields void the approvals when they change."""
    with services_for(args) as services:
        editing = services.offer_editing
        if args.set is not None:
            editing.set_key_fields([name.strip() for name in args.set.split(",") if name.strip()])
        print(", ".join(editing.key_fields()) or "(none)")
    return 0
