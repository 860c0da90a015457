"""Handlers of `offerdesk candidates …`: list (and export), add, edit, show, archive, restore, delete, import.

They call the services the window calls (candidate_records, candidate_export, candidate_import), so a candidate
added here is checked exactly as one typed into the editor. A mistake raises an OfferDeskError: the normal error
path prints its one sentence and exits 1.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.cli.targets import checked_file
from offerdesk.domain.candidate_filter import ArchiveScope, CandidateFilter
from offerdesk.domain.candidate_record import CandidateDraft, normalise_tags, split_full_name
from offerdesk.domain.candidates import CandidateSort, Stage
from offerdesk.domain.offers import OfferStatus
from offerdesk.domain.wording import noun, plural
from offerdesk.errors import ValidationError
from offerdesk.services.candidates.exporting import COLUMNS, SEPARATOR, checked_columns, guarded
from offerdesk.services.setup.bootstrap import Services

LIST_COLUMNS = ("id", "name", "email", "stage", "role", "location", "offer_status", "readiness")
SHOWN_PROBLEMS = 20  # of a real import; a dry run shows every one


# -- reading the options ------------------------------------------------------------------------------------------
def parse_stage(text: str) -> Stage:
    """“final_round”, “Final round” and “final-round” are one stage."""
    key = "_".join(text.strip().lower().replace("-", " ").split())
    if key in Stage._value2member_map_:
        return Stage(key)
    raise ValidationError(f"“{text}” is not a stage; use one of {', '.join(stage.value for stage in Stage)}.")


def _date(text: str, option: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(f"{option} takes a date as YYYY-MM-DD, not “{text}”.") from None


def _role_id(services: Services, text: str) -> int | None:
    """A role by id or by its exact title; “none” (or nothing) for no role."""
    cleaned = " ".join(text.split())
    if cleaned.casefold() in ("", "none"):
        return None
    roles = services.roles.list()
    if cleaned.isdigit():
        if any(role.id == int(cleaned) for role in roles):
            return int(cleaned)
        raise ValidationError(f"There is no role with id {cleaned}; `offerdesk roles list` shows them.")
    matches = [role.id for role in roles if role.title.casefold() == cleaned.casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        raise ValidationError(f"There is no role called “{cleaned}”; `offerdesk roles list` shows them.")
    raise ValidationError(f"{len(matches)} roles are called “{cleaned}”; give the id of one (`offerdesk roles list`).")


def _draft(args: argparse.Namespace, services: Services, current: CandidateDraft) -> CandidateDraft:
    """`current` with the options given applied; an option left out keeps its field, an empty one clears it."""
    if args.name is not None and (args.first_name is not None or args.last_name is not None):
        raise ValidationError("Give the name as --name or as --first-name and --last-name, not both.")
    changes: dict[str, Any] = {}
    if args.name is not None:
        changes["first_name"], changes["last_name"] = split_full_name(args.name)
    for option in ("first_name", "last_name", "location", "source", "recruiter", "notes", "external_id"):
        if getattr(args, option) is not None:
            changes[option] = getattr(args, option)
    for option, field in (("email", "emails"), ("phone", "phones"), ("link", "links")):
        if getattr(args, option) is not None:
            changes[field] = tuple(getattr(args, option))
    if args.role is not None:
        changes["role_id"] = _role_id(services, args.role)
    if args.stage is not None:
        changes["stage"] = parse_stage(args.stage)
    for option in ("consent_given_on", "retain_until"):
        if getattr(args, option) is not None:
            changes[option] = _date(getattr(args, option), "--" + option.replace("_", "-"))
    tags = normalise_tags([*(current.tags if args.tag is None else args.tag), *getattr(args, "add_tag", [])])
    removed = {tag.casefold() for tag in normalise_tags(getattr(args, "remove_tag", []))}
    changes["tags"] = tuple(tag for tag in tags if tag.casefold() not in removed)
    return replace(current, **changes)


# -- add, edit, archive, restore, delete ------------------------------------------------------------------------
def candidates_add(args: argparse.Namespace) -> int:
    """Prints only the new id, so that a script can capture it."""
    if args.name is None and args.first_name is None and args.last_name is None:
        raise ValidationError('A candidate needs a name: give --name "Full Name" or --first-name.')
    with services_for(args) as services:
        new_id = services.candidate_records.create(_draft(args, services, CandidateDraft())).value
    print(new_id)
    return 0


def candidates_edit(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        records = services.candidate_records
        records.edit(args.id, _draft(args, services, records.draft(args.id)))
        name = records.draft(args.id).full_name
    print(f"Candidate {args.id} ({name}) saved.")
    return 0


def candidates_archive(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        records = services.candidate_records
        name = records.draft(args.id).full_name
        changed = records.archive(args.id)
    if not changed:
        print(f"{name} (candidate {args.id}) was already archived.")
    else:
        print(f"Archived {name} (candidate {args.id}); `offerdesk candidates restore {args.id}` brings them back.")
    return 0


def candidates_restore(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        records = services.candidate_records
        name = records.draft(args.id).full_name
        changed = records.restore(args.id)
    print(f"Restored {name} (candidate {args.id})." if changed else f"{name} (candidate {args.id}) is not archived.")
    return 0


def _confirmed(question: str) -> bool:
    sys.stderr.write(f"{question} [y/N] ")
    sys.stderr.flush()
    return sys.stdin.readline().strip().casefold() in ("y", "yes")


def candidates_delete(args: argparse.Namespace) -> int:
    """Asks first on a terminal; elsewhere (a script, a pipe) it needs --yes, so nothing is deleted by accident."""
    with services_for(args) as services:
        records = services.candidate_records
        name, offers = records.draft(args.id).full_name, records.offer_count(args.id)
        their = f"their {plural(offers, 'offer')}"
        if offers and not args.with_offers:
            raise ValidationError(
                f"{name} has {plural(offers, 'offer')}; add --with-offers to delete {noun(offers, 'it')} "
                "as well, "
                f"or keep everything with `offerdesk candidates archive {args.id}`."
            )
        if not args.yes:
            if sys.stdin is None or not sys.stdin.isatty():
                raise ValidationError(f"Deleting {name} needs a yes: run the command in a terminal, or add --yes.")
            if not _confirmed(f"Delete {name}{f' and {their}' if offers else ''}?"):
                print("Nothing was deleted.")
                return 1
        deleted = records.delete(args.id, with_offers=args.with_offers).value
    gone = f" and {their}" if offers else ""
    copy = f" A copy of the deleted rows is in {deleted.saved_to}." if deleted.saved_to else ""
    print(f"Deleted {name} (candidate {args.id}){gone}.{copy}")
    return 0


# -- show --------------------------------------------------------------------------------------------------------
def _document(services: Services, candidate_id: int) -> dict[str, Any]:
    """Every field under the export's keys, plus role_id, the offer count and the stage history."""
    records = services.candidate_records
    record = services.candidate_export.record(candidate_id)
    role_id = records.draft(candidate_id).role_id
    document: dict[str, Any] = {}
    for key, value in record.items():
        document[key] = value
        if key == "role":
            document["role_id"] = role_id
    document["offers"] = records.offer_count(candidate_id)
    document["stage_history"] = [
        {"at": change.at_iso + "Z", "actor": change.actor,
         "from": change.from_stage.value if change.from_stage else None, "to": change.to_stage.value}
        for change in records.history(candidate_id)
    ]  # fmt: skip
    return document


def _local_time(utc_iso: str) -> str:
    moment = datetime.fromisoformat(utc_iso.removesuffix("Z")).replace(tzinfo=UTC).astimezone()
    return moment.strftime("%Y-%m-%d %H:%M")


def _shown(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if key == "stage":
        return Stage(value).label
    if key == "offer_status":
        return OfferStatus(value).label
    return _local_time(value) if key == "updated" else str(value)


def _print_candidate(document: dict[str, Any]) -> None:
    print(f"Candidate {document['id']}: {document['name']}")
    hidden = {"id", "name", "email", "phone", "role_id", "notes", "offers", "stage_history"}
    for key, value in document.items():
        if key in hidden:
            continue
        text = _shown(key, value)
        if key == "role" and document["role_id"] is not None:
            text = f"{text} (role {document['role_id']})"
        print(f"  {COLUMNS[key] + ':':<18}{text}")
    print(f"  {'Offers:':<18}{document['offers']}")
    print("  Notes:" + ("" if document["notes"] else " —"))
    for line in document["notes"].splitlines():
        print(f"    {line}")
    print("  Stage history:")
    for change in document["stage_history"]:
        moved = f"{Stage(change['from']).label} → " if change["from"] else ""
        by = f"  by {change['actor']}" if change["actor"] else ""
        print(f"    {_local_time(change['at'])}  {moved}{Stage(change['to']).label}{by}")


def candidates_show(args: argparse.Namespace) -> int:
    with services_for(args) as services:
        document = _document(services, args.id)
    if args.format == "json":
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        _print_candidate(document)
    return 0


# -- list --------------------------------------------------------------------------------------------------------
def _filter(args: argparse.Namespace) -> CandidateFilter:
    scope = ArchiveScope.ARCHIVED if args.archived else ArchiveScope.ALL if args.all else ArchiveScope.ACTIVE
    return CandidateFilter(
        query=args.search.strip(),
        stages=tuple(parse_stage(stage) for stage in args.stage),
        tags=tuple(tag.strip() for tag in args.tag if tag.strip()),
        recruiters=tuple(name.strip() for name in args.recruiter if name.strip()),
        archive=scope,
    )


def _flat(value: Any) -> str:
    """A cell of the printed table or CSV: lists joined as in the export, codes as they are."""
    if isinstance(value, list):
        return SEPARATOR.join(str(item) for item in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def _print_json(records: Iterable[dict[str, Any]]) -> None:
    """The same text as `json.dump(list, indent=2)`, written as the rows arrive."""
    written = False
    sys.stdout.write("[")
    for record in records:
        text = textwrap.indent(json.dumps(record, indent=2, ensure_ascii=False), "  ")
        sys.stdout.write(("\n" if not written else ",\n") + text)
        written = True
    sys.stdout.write("\n]\n" if written else "]\n")


def _print_csv(records: Iterator[dict[str, Any]], columns: Sequence[str]) -> None:
    """Keys as the header, like every list command; cells guarded, since `> file.csv` is opened in Excel too."""
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([guarded(key, _flat(record[key])) for key in columns])


def candidates_list(args: argparse.Namespace) -> int:
    """Prints a table, CSV or JSON; with --out, writes the export file (headers for people, BOM, Excel-safe)."""
    where = _filter(args)
    columns = None if args.columns is None else args.columns.split(",")
    sort = CandidateSort(args.sort)
    with services_for(args) as services:
        export = services.candidate_export
        if args.out:
            if args.format == "table":
                raise ValidationError("A table is only printed; with --out use --format csv, xlsx or json.")
            target = checked_file(Path(args.out), args.overwrite)
            written = export.write(
                where, target, format=args.format, columns=columns, sort=sort, descending=args.descending
            ).value
            print(f"Wrote {plural(written, 'candidate')} to {target}.")
            return 0
        fmt = args.format or "table"
        if fmt == "xlsx":
            raise ValidationError("An Excel file cannot be printed; add --out FILE.xlsx.")
        chosen = checked_columns(columns or LIST_COLUMNS)
        records = export.records(where, chosen, sort, args.descending)
        if fmt == "json":
            _print_json(records)
        elif fmt == "csv":
            _print_csv(records, chosen)
        else:
            words = {"stage": words_of(Stage), "offer_status": words_of(OfferStatus)}  # people read words
            emit(
                [{key: _flat(value) for key, value in record.items()} for record in records],
                chosen,
                "table",
                shown=words,
            )
    return 0


# -- import ------------------------------------------------------------------------------------------------------
def _mapping(pairs: Sequence[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        column, equals, field = pair.rpartition("=")
        if not equals or not column.strip():
            raise ValidationError(f'--map takes COLUMN=FIELD, e.g. --map "Mobil=phone", not “{pair}”.')
        mapping[column.strip()] = field.strip()
    return mapping


def _first(lines: Sequence[str], every: bool) -> list[str]:
    """All the lines for a dry run (that is what it is for), else the first few and how many more."""
    shown = list(lines if every else lines[:SHOWN_PROBLEMS])
    return shown + ([f"and {len(lines) - len(shown)} more"] if len(lines) > len(shown) else [])


def _problem_lines(problems: Sequence[Any], every: bool) -> list[str]:
    """“row 7, column “Email”: …” for each problem (a problem of the whole row has no column)."""
    texts = [f"row {p.row}, column “{p.column}”: {p.message}" if p.column else f"row {p.row}: {p.message}"
             for p in problems]  # fmt: skip
    return _first(texts, every)


def candidates_import(args: argparse.Namespace) -> int:
    """Counts, then the problems, then where the report and the backup went; exit 1 when nothing was imported."""
    from offerdesk.services.candidates.importing import ImportOptions, ImportRefused

    options = ImportOptions(
        format=args.format,
        mapping=_mapping(args.map),
        on_duplicate=args.on_duplicate,
        skip_invalid=args.skip_invalid,
        dry_run=args.dry_run,
        report_path=Path(args.report) if args.report else None,
    )
    with services_for(args) as services:
        try:
            result = services.candidate_import.run(Path(args.file), options).value
        except ImportRefused as refused:
            for line in _problem_lines(refused.problems, every=False):
                print(line, file=sys.stderr)
            print(f"offerdesk: {refused}", file=sys.stderr)
            print("(--skip-invalid imports the other rows; --dry-run lists every problem.)", file=sys.stderr)
            return 1
    counts = f"created {result.created}, updated {result.updated}, skipped {result.skipped}, invalid {result.invalid}"
    print(counts + (" (dry run: nothing was written)" if result.dry_run else ""))
    for line in _problem_lines(result.problems, every=result.dry_run):
        print(line)
    if result.overwritten:
        print("Values the file replaced:")
        for line in _first(result.overwritten, every=result.dry_run):
            print(f"  {line}")
    if result.report is not None:
        print(f"The rows left out are in {result.report}")
    if result.backup is not None:
        print(f"Backup of the database before the import: {result.backup}")
    return 0
