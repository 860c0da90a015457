"""Handlers of `offerdesk templates …`, `offerdesk letters …` and `offerdesk settings …`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.cli.targets import checked_file, checked_folder
from offerdesk.domain.offers import OfferType
from offerdesk.domain.wording import plural
from offerdesk.errors import ValidationError
from offerdesk.files import FilesExist
from offerdesk.letters.fields import FIELDS, ITEM_FIELDS
from offerdesk.logs import configure_logging
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.status import parse_status
from offerdesk.services.setup.settings import BACKUP_INTERVAL

if TYPE_CHECKING:
    from offerdesk.letters.check import CheckReport


def templates_list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        rows = services.templates.list(include_archived=args.all)
    records = [
        {"name": t.name, "offer_type": t.offer_type.value if t.offer_type else "any", "locale": t.locale or "any",
         "default": "yes" if t.is_default else "", "source": t.source, "archived": "yes" if t.archived else "",
         "file": str(t.path)}
        for t in rows
    ]  # fmt: skip
    any_type = words_of(OfferType)
    shown = {"offer_type": lambda code: "any" if code == "any" else any_type(code)}
    emit(records, ("name", "offer_type", "locale", "default", "source", "archived"), args.format, shown=shown)
    return 0


def templates_fields(args: argparse.Namespace) -> int:
    width = max(len(field.name) for field in FIELDS) + 2
    for field in FIELDS:
        note = " (optional)" if field.optional else ""
        print(f"{field.name:<{width}}{field.description}{note}; e.g. {field.example}")
    for list_name, items in ITEM_FIELDS.items():
        if items:
            print(f"\nEach item of {list_name}:")
            for item in items:
                print(f"  {item.name:<{width - 2}}{item.description}; e.g. {item.example}")
    return 0


def _checked_template(args: argparse.Namespace) -> CheckReport:
    """The check's report; its log is opened first, so a defect of ours lands where the report says it does."""
    from offerdesk.letters.check import check_template

    configure_logging(resolve_paths(args.data_dir).log_file)
    return check_template(Path(args.file))


def templates_check(args: argparse.Namespace) -> int:
    from offerdesk.letters.check import format_report

    report = _checked_template(args)
    print(format_report(report))
    return 0 if report.ok else 1


def templates_add(args: argparse.Namespace) -> int:
    from offerdesk.letters.check import format_report

    report = _checked_template(args)
    if not report.ok:
        print(format_report(report), file=sys.stderr)
        raise ValidationError(f"{args.file} was not added: fix the problems above and try again.")
    offer_type = OfferType(args.offer_type) if args.offer_type else None
    if args.default and offer_type is None:
        raise ValidationError("--default needs --offer-type, the kind of offer it is the default for.")
    with services_for(args) as services:
        added = services.templates.add(Path(args.file), args.name, offer_type, args.locale).value
        if args.default and offer_type is not None:
            services.templates.set_default(added.name, offer_type, args.locale)
    print(f"Added “{added.name}” (copied to {added.path}).")
    return 0


def templates_rename(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.templates.rename(args.name, args.new_name)
    print(f"Renamed “{args.name}” to “{args.new_name}”.")
    return 0


def templates_archive(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.templates.archive(args.name, archived=not args.restore)
    print(f"{'Restored' if args.restore else 'Archived'} “{args.name}”.")
    return 0


def templates_default(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.templates.set_default(args.name, OfferType(args.offer_type), args.locale)
    print(f"“{args.name}” is now the default for {args.offer_type} offers.")
    return 0


def letters_export(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        if args.offer is not None:
            out, plan = Path(args.out) if args.out else None, None
            if out is not None and out.suffix.lower() == ".docx":
                checked_file(out, args.overwrite)
            elif out is not None:
                plan = services.letters.plan(args.offer, args.template)
                checked_file(services.letters.default_target(plan, checked_folder(out)), args.overwrite)
            docx, pdf = services.letters.export(args.offer, args.template, out, pdf=args.pdf, plan=plan).value
            print(docx)
            if pdf:
                print(pdf)
            return 0
        if not args.out:
            raise ValidationError("A batch export needs --out DIR, the folder for the letters.")
        status = parse_status(args.status)
        try:
            report = services.letters.export_batch(
                status, checked_folder(Path(args.out)), args.template, pdf=args.pdf, workers=args.workers,
                overwrite=args.overwrite,
            ).value  # fmt: skip
        except FilesExist as existing:
            raise ValidationError(existing.sentence("add --overwrite to replace them")) from None
    for path in report.written + report.pdfs:
        print(path)
    for offer_id, sentence in report.failed:
        print(f"offerdesk: offer {offer_id}: {sentence}", file=sys.stderr)
    print(f"{plural(len(report.written), 'letter')} written, {len(report.failed)} failed.", file=sys.stderr)
    return 1 if report.failed else 0


def letters_email(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".eml":
        raise ValidationError(f"--out {args.out} should name an .eml file, the draft a mail client opens.")
    checked_file(out, args.overwrite)
    checked_file(out.with_suffix(".docx"), args.overwrite)
    if args.pdf:
        checked_file(out.with_suffix(".pdf"), args.overwrite)
    with services_for(args) as services:
        draft = services.email_drafts.write(args.offer, out, args.template, pdf=args.pdf).value
    attached = f"{draft.letter.name} and {draft.pdf.name}" if draft.pdf else draft.letter.name
    print(f"Wrote {draft.path}: a draft to {draft.to} with {attached} attached; open it in your mail client to send.")
    return 0


def letters_history(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        records = services.letters.history(args.offer)
    emit(
        [{"exported_at": r.exported_at, "version": r.version, "template": r.template_name, "docx": r.docx_path,
          "pdf": r.pdf_path, "email_to": r.email_to, "email": r.email_path} for r in records],
        ("exported_at", "version", "template", "docx", "pdf", "email_to", "email"),
        "table",
    )  # fmt: skip
    return 0


def settings_list(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        values = services.settings.all()
        hours = int(services.settings.backup_interval().total_seconds() // 3600)
    width = max(len(key) for key in [*values, BACKUP_INTERVAL]) + 2
    for key, value in values.items():
        print(f"{key:<{width}}{value or '(not set)'}")
    print(f"{BACKUP_INTERVAL:<{width}}{hours} (a start backs up when the newest backup is older)")
    return 0


def settings_set(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        services.settings.set(args.key, args.value)
    print(f"{args.key} = {args.value}")
    return 0
