"""Which function runs each `offerdesk COMMAND [ACTION]`; command modules load only when their command runs."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from offerdesk.cli import commands
from offerdesk.cli.privacy_commands import privacy_handlers
from offerdesk.cli.team_commands import team_handlers


def _db_copy(args: argparse.Namespace) -> int:
    from offerdesk.cli.db_commands import db_copy

    return db_copy(args)


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], int]] = {
    ("info", None): commands.info,
    ("offers", "list"): commands.offers_list,
    ("db", "upgrade"): commands.db_upgrade,
    ("db", "copy"): _db_copy,
    ("demo", None): commands.demo,
}


def _templates_adopt(args: argparse.Namespace) -> int:
    from offerdesk.cli.template_commands import templates_adopt

    return templates_adopt(args)


def _letter_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import letter_commands as lc

    return {
        ("templates", "list"): lc.templates_list,
        ("templates", "fields"): lc.templates_fields,
        ("templates", "check"): lc.templates_check,
        ("templates", "add"): lc.templates_add,
        ("templates", "adopt"): _templates_adopt,
        ("templates", "rename"): lc.templates_rename,
        ("templates", "archive"): lc.templates_archive,
        ("templates", "default"): lc.templates_default,
        ("letters", "export"): lc.letters_export,
        ("letters", "history"): lc.letters_history,
        ("letters", "email"): lc.letters_email,
        ("settings", "list"): lc.settings_list,
        ("settings", "set"): lc.settings_set,
        **_call_handlers(),
        **_candidate_handlers(),
        **_backup_handlers(),
        **privacy_handlers(),
        **team_handlers(),
    }


def _backup_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import backup_commands as bc

    return {
        ("backup", "create"): bc.backup_create,
        ("backup", "list"): bc.backup_list,
        ("backup", "verify"): bc.backup_verify,
        ("backup", "restore"): bc.backup_restore,
        ("backup", "encrypt"): bc.backup_encrypt,
        ("backup", "key"): bc.backup_key,
    }


def _call_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import (
        call_commands,
        coach_commands,
        followup_commands,
        library_commands,
        offer_commands,
        offer_json_commands,
        stats_commands,
    )

    return {
        ("scripts", "list"): library_commands.scripts_list,
        ("objections", "search"): library_commands.objections_search,
        ("objections", "forget"): library_commands.objections_forget,
        ("library", "export"): library_commands.library_export,
        ("library", "import"): library_commands.library_import,
        ("calls", "log"): call_commands.calls_log,
        ("calls", "list"): call_commands.calls_list,
        ("followups", None): followup_commands.followups,
        ("followups", "add"): followup_commands.followups_add,
        ("followups", "move"): followup_commands.followups_move,
        ("coach", None): coach_commands.coach,
        ("coach", "drills"): coach_commands.coach_drills,
        ("offers", "show"): offer_json_commands.offers_show,
        ("offers", "import"): offer_json_commands.offers_import,
        ("offers", "new"): offer_commands.offers_new,
        ("offers", "diff"): offer_commands.offers_diff,
        ("offers", "set-status"): offer_commands.offers_set_status,
        ("offers", "key-fields"): offer_commands.offers_key_fields,
        ("roles", "list"): offer_commands.roles_list,
        ("stats", None): stats_commands.stats,
        ("roles", "set-band"): offer_commands.roles_set_band,
        ("cadence", "list"): call_commands.cadence_list,
        ("cadence", "set"): call_commands.cadence_set,
    }


def _candidate_handlers() -> dict[tuple[str, str | None], Callable[[argparse.Namespace], int]]:
    from offerdesk.cli import candidate_commands as cc

    return {
        ("candidates", "list"): cc.candidates_list,
        ("candidates", "add"): cc.candidates_add,
        ("candidates", "edit"): cc.candidates_edit,
        ("candidates", "show"): cc.candidates_show,
        ("candidates", "archive"): cc.candidates_archive,
        ("candidates", "restore"): cc.candidates_restore,
        ("candidates", "delete"): cc.candidates_delete,
        ("candidates", "import"): cc.candidates_import,
    }


def handler_for(command: str, action: str | None) -> Callable[[argparse.Namespace], int]:
    return {**HANDLERS, **_letter_handlers()}[(command, action)]
