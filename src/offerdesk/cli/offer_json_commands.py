"""Handlers of `offerdesk offers show ID [--format json]` and `offerdesk offers import FILE.json`.

`offers show --format json` prints the offer JSON document (docs/offer-json.md); `offers import` restores such a
document as a new offer, so the two move an offer between installations.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from offerdesk.cli.output import interface_locale
from offerdesk.cli.session import services_for
from offerdesk.domain.labels import code_label, reason_label
from offerdesk.domain.money import Money
from offerdesk.domain.offers import ComponentKind, OfferStatus, OfferType, PayUnit
from offerdesk.domain.wording import plural
from offerdesk.errors import ValidationError
from offerdesk.services.offers.json_document import OfferJson


def _name(candidate: dict[str, Any]) -> str:
    return f"{candidate['first_name']} {candidate['last_name']}".strip()


def _component_line(item: dict[str, Any], locale: str) -> str:
    label = item["label"] or code_label(ComponentKind, item["kind"])
    parts = []
    if item["amount_minor"] is not None:
        parts.append(Money(item["amount_minor"], item["currency"]).format(locale))
    if item["percent_bp"] is not None:
        parts.append(f"{item['percent_bp'] / 100:g}%")
    value = " + ".join(parts) or "—"
    extra = f", clawback {plural(item['clawback_months'], 'month')}" if item["clawback_months"] is not None else ""
    return f"  {label + ':':<32}{value} {code_label(PayUnit, item['unit']).lower()}{extra}"


def _print_summary(document: dict[str, Any]) -> None:
    offer = document["offer"]
    latest = offer["versions"][-1] if offer["versions"] else None
    candidate = offer["candidate"]
    email = f" <{candidate['email']}>" if candidate["email"] else ""
    print(f"Offer {offer['id']}: {_name(candidate)}{email}")
    print(f"Type:        {code_label(OfferType, offer['type'])}")
    print(f"Status:      {code_label(OfferStatus, offer['status'])}")
    if offer["role"] is not None:
        print(f"Role:        {offer['role']['title']}")
    if latest is not None:
        print(f"Version:     {latest['number']} of {len(offer['versions'])}")
        print(f"Title:       {latest['title'] or '—'}")
        print(f"Start date:  {latest['start_date'] or '—'}")
    print(f"Expires on:  {offer['expires_on'] or '—'}")
    print(f"Row version: {offer['row_version']} (name it with set-status --if-version)")
    if latest is not None:
        print("Components:")
        for item in latest["components"]:
            print(_component_line(item, interface_locale()))
        if not latest["components"]:
            print("  (none)")
    print("History:")
    for event in offer["history"]:
        to = code_label(OfferStatus, event["to"])
        moved = f"{code_label(OfferStatus, event['from'])} → {to}" if event["from"] else to
        reason = f" ({reason_label(event['reason_code'])})" if event["reason_code"] else ""
        note = f": {event['note']}" if event["note"] else ""
        print(f"  {event['at'].replace('T', ' ')}  {moved}{reason}{note}")
    if not offer["history"]:
        print("  (none)")


def offers_show(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        document = services.offer_json.export(int(args.id))
    if getattr(args, "format", "table") == "json":
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        _print_summary(document)
    return 0


def offers_import(args: argparse.Namespace) -> int:
    source = Path(args.file)
    data = OfferJson.load_file(source)
    with services_for(args) as services:
        offer_json = services.offer_json
        try:
            offer_id = offer_json.import_(data).value
        except ValidationError as error:  # the file is named, then the place in it and what is wrong there
            raise ValidationError(f"{source} cannot be imported: {error}") from None
        name = _name(offer_json.export(offer_id)["offer"]["candidate"])
    print(f"Imported offer {offer_id} for {name}.")
    return 0
