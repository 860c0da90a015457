"""`offerdesk team …`: the members of a team's server and their roles, and `offerdesk offers history`.

A password never appears on the command line (where other users of the computer and the shell history see it): it
is read from standard input with --password-stdin, or asked twice without echo in a terminal.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from collections.abc import Callable
from typing import Any

from offerdesk.errors import ValidationError

Handler = Callable[[argparse.Namespace], int]
ROLES = ("recruiter", "approver", "admin")


def add_team_commands(commands: argparse._SubParsersAction[Any], common: argparse.ArgumentParser) -> None:
    team = commands.add_parser("team", parents=[common], help="team members of a shared server and their roles")
    actions = team.add_subparsers(dest="action", metavar="ACTION", parser_class=type(common), required=True)
    actions.add_parser("list", parents=[common], help="each member's login and role")
    add = actions.add_parser("add-user", parents=[common], help="give someone a login with a role")
    add.add_argument("name", metavar="NAME", help="their login name")
    add.add_argument("--role", choices=ROLES, required=True, help="what they may do")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input (else it is asked)"
    )
    remove = actions.add_parser("remove-user", parents=[common], help="take someone off the team")
    remove.add_argument("name", metavar="NAME")
    remove.add_argument("--yes", action="store_true", help="do not ask (needed when not run in a terminal)")


def team_handlers() -> dict[tuple[str, str | None], Handler]:
    return {
        ("team", "list"): team_list,
        ("team", "add-user"): team_add_user,
        ("team", "remove-user"): team_remove_user,
        ("offers", "history"): offers_history,
    }


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if sys.stdin is None or not sys.stdin.isatty():
        raise ValidationError(
            f"The password for {args.name} is asked in a terminal; from a script, pipe it in with --password-stdin."
        )
    first = getpass.getpass(f"Password for {args.name}: ")
    if getpass.getpass("The same password again: ") != first:
        raise ValidationError(f"The two passwords differ; {args.name} was not added.")
    return first


def team_list(args: argparse.Namespace) -> int:
    from offerdesk.cli.session import services_for

    with services_for(args) as services:
        members = services.team.list_users()
    width = max(len(member.name) for member in members)
    for member in members:
        note = " (owns the database)" if member.owner else ""
        print(f"{member.name:<{width}}  {member.role}{note}")
    return 0


def team_add_user(args: argparse.Namespace) -> int:
    from offerdesk.cli.session import services_for

    with services_for(args) as services:
        services.team.list_users()  # on a SQLite file: says so before asking for a password
        added = services.team.add_user(args.name, args.role, _password(args))
    kept = (
        " Their login existed on the server already, so its password was left as it was."
        if added.existing_login
        else ""
    )
    print(f"{added.member.name} is on the team as {added.member.role}.{kept}")
    return 0


def team_remove_user(args: argparse.Namespace) -> int:
    from offerdesk.cli.session import services_for

    with services_for(args) as services:
        members = {member.name: member for member in services.team.list_users()}
        if not args.yes and args.name in members:
            if sys.stdin is None or not sys.stdin.isatty():
                raise ValidationError(f"Removing {args.name} needs a yes: run the command in a terminal, or add --yes.")
            print(f"Remove {args.name} ({members[args.name].role}) from the team? [y/N] ", end="", flush=True)
            if sys.stdin.readline().strip().casefold() not in ("y", "yes"):
                print("Nothing was changed.")
                return 1
        dropped = services.team.remove_user(args.name)
    gone = "; their login is gone" if dropped else "; their login stays, as another team on the server uses it"
    print(f"{args.name} is no longer on the team{gone}.")
    return 0


def offers_history(args: argparse.Namespace) -> int:
    from offerdesk.cli.output import interface_locale
    from offerdesk.cli.session import services_for

    with services_for(args) as services:
        lines = services.audit.audit_for_offer(args.id, interface_locale())
    if not lines:
        print(f"No changes to offer {args.id} are recorded yet.")
    for line in lines:
        print(f"{line.at:%Y-%m-%d %H:%M} UTC  {line.who}  {line.words}")
    return 0
