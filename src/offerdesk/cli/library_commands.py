"""Handlers of `offerdesk scripts list`, `offerdesk objections search|forget` and `offerdesk library export|import`.

The call-prep library travels between recruiters as one JSON file; these commands let a team lead script that
(export from a reference installation, import on every laptop) without opening the window.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from offerdesk.cli.output import emit, words_of
from offerdesk.cli.session import services_for
from offerdesk.domain.offers import OfferType
from offerdesk.domain.wording import plural

SCRIPT_COLUMNS = ("key", "offer_type", "title", "favourite", "edited")


def _edited(item: dict[str, Any]) -> str:
    """A user-added item is the user's own text, not an edit of a shipped one; the list says which."""
    if not item["shipped"]:
        return "added"
    return "yes" if item["user_modified"] else ""


def scripts_list(args: argparse.Namespace) -> int:
    offer_type = getattr(args, "offer_type", None) or None
    with services_for(args) as services:
        scripts = services.library.scripts(offer_type)
    records = [
        {"key": s["key"], "offer_type": s["offer_type"], "title": s["title"],
         "favourite": "★" if s["favourite"] else "", "edited": _edited(s)}
        for s in scripts
    ]  # fmt: skip
    if args.format == "json":
        for record, script in zip(records, scripts, strict=True):
            record["favourite"], record["edited"] = script["favourite"], script["user_modified"]
    emit(records, SCRIPT_COLUMNS, args.format, shown={"offer_type": words_of(OfferType)})
    return 0


def objections_search(args: argparse.Namespace) -> int:
    """The call runner's search (code, the candidate's words or "a phrase"), ranked; no text lists all."""
    from offerdesk.services.callprep.objection_search import load_index, no_match_advice

    text = (getattr(args, "text", None) or "").strip()
    with services_for(args) as services:
        hits = load_index(services.database, services.search_memory).search(text, limit=1000)
        library = {item["code"]: item for item in services.library.objections()}
    shown = [(hit, library[hit.code]) for hit in hits if hit.code in library]
    if getattr(args, "format", "table") == "json":
        print(json.dumps([item for _hit, item in shown], indent=2, ensure_ascii=False))
        return 0
    if not shown:
        print(no_match_advice(text), file=sys.stderr)
        return 0
    width = max(len(item["code"]) for _hit, item in shown) + 2
    for rank, (hit, item) in enumerate(shown):
        matched = f"  (matched: {', '.join(hit.matched)})" if text and rank < 3 and hit.matched else ""
        print(f"{item['code']:<{width}}{item['title']}{matched}")
    return 0


def objections_forget(args: argparse.Namespace) -> int:
    """Take back what searches taught the ranking: one query, or everything with --all."""
    query = (getattr(args, "query", None) or "").strip()
    if bool(query) == bool(getattr(args, "all", False)):
        print("Give a query to forget, or --all to forget every remembered search (not both).", file=sys.stderr)
        return 1
    with services_for(args) as services:
        memory = services.search_memory
        count = memory.forget_all() if not query else memory.forget(query)
    what = "every remembered search" if not query else f"“{query}”"
    print(f"Forgot {what}: {plural(count, 'remembered search', 'remembered searches')}.")
    return 0


def library_export(args: argparse.Namespace) -> int:
    target = Path(args.file)
    with services_for(args) as services:
        count = services.library.export_library(target)
    print(f"Exported {plural(count, 'item')} (scripts and objections) to {target}.")
    return 0


def library_import(args: argparse.Namespace) -> int:
    """Conflicts are not failures: both versions are kept and the report says where the incoming one went."""
    source = Path(args.file)
    with services_for(args) as services:
        report = services.library.import_library(source).value
    print(f"Imported {source}: {report.summary()}")
    return 0
