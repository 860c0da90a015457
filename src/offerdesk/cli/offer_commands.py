"""Handlers of `offerdesk offers diff` and `offerdesk offers set-status` (the parser is wired in cli/parser.py).

Reads args.id, args.v1, args.v2 (diff) or args.id, args.status, args.reason (set-status) and, through
`services_for`, args.data_dir, args.db_url and args.no_demo. Errors are OfferDeskErrors: the normal error
path prints their one sentence and exits non-zero.
"""

from __future__ import annotations

import argparse

from offerdesk.cli.output import interface_locale
from offerdesk.cli.session import services_for
from offerdesk.domain.calls import DECLINE_REASONS
from offerdesk.services.offers.status import parse_status


def offers_diff(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        changes = services.offer_editing.diff(args.id, args.v1, args.v2, interface_locale())
    if not changes:
        print("No differences.")
    for change in changes:
        print(f"{change.label}: {change.before} → {change.after}")
    return 0


def offers_set_status(args: argparse.Namespace) -> int:
    """A reason that is a decline code is stored as the code (declines need one); any other text as a note."""
    target = parse_status(args.status)
    reason = (getattr(args, "reason", None) or "").strip()
    code = reason.upper() if reason.upper() in DECLINE_REASONS else ""
    note = "" if code else reason
    with services_for(args) as services:
        services.offers.set_status(args.id, target, reason_code=code, note=note)
    print(f"Offer {args.id} is now {target.label.lower()}.")
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
