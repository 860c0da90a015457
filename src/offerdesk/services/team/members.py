"""Who is on a team's server and with which role: recruiter, approver or admin (storage/pg_roles.py).

A team member is a PostgreSQL login that belongs to one of the database's three group roles; the server enforces
what each may do. A SQLite file has one user, the person at this computer, who may do everything (admin).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import Session

from offerdesk.errors import NotFoundError, NotPermitted, ValidationError
from offerdesk.storage.db import Database
from offerdesk.storage.pg_roles import APP_ROLES, group_name, quote

LOGIN_NAME = re.compile(r"[a-z_][a-z0-9_.@-]{0,62}")
MIN_PASSWORD = 8
ON_A_FILE = (
    "Team users exist on a team's PostgreSQL server; this database is a file on this computer ({where}), "
    "and its one user, you, may do everything."
)


@dataclass(frozen=True)
class Member:
    name: str
    role: str  # recruiter, approver or admin
    owner: bool = False  # the database's owner (or a superuser): admin by position, not by membership


@dataclass(frozen=True)
class Added:
    member: Member
    existing_login: bool  # the login existed on the server already (another team's): its password was kept


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not LOGIN_NAME.fullmatch(cleaned):
        raise ValidationError(
            f"“{name}” cannot be a login name; use up to 63 lower-case letters, digits and _ . @ -, "
            "starting with a letter or _."
        )
    return cleaned


def _check_role(role: str) -> str:
    if role not in APP_ROLES:
        raise ValidationError(f"“{role}” is not a team role; use one of: {', '.join(APP_ROLES)}.")
    return role


def _check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD or "\x00" in password:
        raise ValidationError(f"A team member's password needs at least {MIN_PASSWORD} characters.")
    return password


def _literal(value: str) -> str:
    """A SQL string literal (a role's password cannot be a bound parameter); standard strings: only ' doubles."""
    return "'" + value.replace("'", "''") + "'"


class TeamService:
    """Team members of the open database; changing them needs the admin role."""

    def __init__(self, database: Database) -> None:
        self._database = database

    # -- what the current login may do ---------------------------------------------------------------------------
    def current_role(self) -> str | None:
        """admin, approver or recruiter; None for a server login that belongs to none of this database's groups."""
        return self._database.team_role()

    def may_approve(self) -> bool:
        return self.current_role() in (None, "approver", "admin")  # None: the server decides and says so

    def may_edit_pay_bands(self) -> bool:
        return self.current_role() in (None, "admin")

    def why_not(self, action: str) -> str:
        """The tooltip of an action the role does not allow: “Your team role (recruiter) does not allow …”."""
        asks = {"approve": ("recording approvals", "an approver"), "pay_bands": ("changing pay bands", "an admin")}
        what, who = asks[action]
        return f"Your team role ({self.current_role()}) does not allow {what}; ask {who}."

    # -- members -------------------------------------------------------------------------------------------------
    def _server(self) -> None:
        if self._database.is_sqlite:
            raise ValidationError(ON_A_FILE.format(where=self._database.display_name))

    def _admin(self, doing: str) -> None:
        self._server()
        role = self.current_role()
        if role != "admin":
            raise NotPermitted(
                f"{doing} needs the admin team role; yours is {role or 'none'}. Ask an admin of "
                f"{self._database.display_name}."
            )

    def _groups(self, connection: Connection) -> dict[str, str]:
        database = str(connection.exec_driver_sql("SELECT current_database()").scalar_one())
        return {role: group_name(database, role) for role in APP_ROLES}

    def list_users(self) -> list[Member]:
        self._server()
        with self._database.transaction(read_only=True) as session:
            return _members(session)

    def add_user(self, name: str, role: str, password: str) -> Added:
        login, chosen, secret = _check_name(name), _check_role(role), _check_password(password)
        self._admin("Adding a team member")
        with self._database.transaction() as session:
            connection = session.connection()
            groups = self._groups(connection)
            if not all(_role_exists(connection, group) for group in groups.values()):
                raise ValidationError(
                    f"{self._database.display_name} has no team roles yet: its owner may not create roles on the "
                    "server. Ask the server's administrator to run `offerdesk db upgrade` as a login that may."
                )
            found = connection.execute(
                text("SELECT rolcanlogin, rolsuper FROM pg_roles WHERE rolname = :name"), {"name": login}
            ).first()
            if found is not None and (not found.rolcanlogin or found.rolsuper or login in groups.values()):
                raise ValidationError(f"“{login}” is a role of the server, not a person's login; choose another name.")
            current = {member.name: member for member in _members(session)}
            if login in current:
                raise ValidationError(f"{login} is already on the team, as {current[login].role}.")
            if found is None:
                extra = " CREATEROLE" if chosen == "admin" else ""  # an admin adds and removes team members
                connection.exec_driver_sql(f"CREATE ROLE {quote(login)} LOGIN{extra} PASSWORD {_literal(secret)}")
            elif chosen == "admin":
                connection.exec_driver_sql(f"ALTER ROLE {quote(login)} CREATEROLE")
            connection.exec_driver_sql(f"GRANT {quote(groups[chosen])} TO {quote(login)}")
        return Added(Member(login, chosen), existing_login=found is not None)

    def remove_user(self, name: str) -> bool:
        """Take the login off this database's team; True when the login itself was dropped from the server (it
        stays when it also belongs to another team there)."""
        login = name.strip()
        self._admin("Removing a team member")
        with self._database.transaction() as session:
            connection = session.connection()
            me = str(connection.exec_driver_sql("SELECT session_user").scalar_one())
            members = {member.name: member for member in _members(session)}
            member = members.get(login)
            if member is None:
                raise NotFoundError(f"{login} is not on the team of {self._database.display_name}.")
            if member.owner:
                raise ValidationError(f"{login} owns {self._database.display_name} (or the server); it stays.")
            if login == me:
                raise ValidationError(f"{login} is you; ask another admin to remove you.")
            for group in self._groups(connection).values():
                connection.exec_driver_sql(f"REVOKE {quote(group)} FROM {quote(login)}")
            elsewhere = connection.execute(
                text("SELECT count(*) FROM pg_auth_members a JOIN pg_roles m ON m.oid = a.member "
                     "WHERE m.rolname = :name"),
                {"name": login},
            ).scalar_one()  # fmt: skip
            if elsewhere:
                return False
            return _drop(session, login)


def _role_exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}).first() is not None


def _drop(session: Session, login: str) -> bool:
    """Drop the login; a login that owns something elsewhere on the server stays (without this team's role)."""
    try:
        with session.begin_nested():
            session.connection().exec_driver_sql(f"DROP ROLE {quote(login)}")
    except sa_exc.DBAPIError as error:  # the login owns or holds something elsewhere on the server
        if "depend" not in str(error).lower():
            raise
        return False
    return True


def _members(session: Session) -> list[Member]:
    """The owner (and superusers that are the session user) as admin, then each login of the three groups."""
    rows = session.execute(
        text(
            """
            SELECT m.rolname AS name, g.rolname AS grp
            FROM pg_auth_members a JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member
            WHERE m.rolcanlogin AND g.rolname IN (:recruiter, :approver, :admin)
            """
        ),
        {role: group_name(str(session.execute(text("SELECT current_database()")).scalar_one()), role)
         for role in APP_ROLES},
    ).all()  # fmt: skip
    owner = str(
        session.execute(
            text("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")
        ).scalar_one()
    )
    rank = {role: place for place, role in enumerate(APP_ROLES)}
    best: dict[str, str] = {}
    for name, group in rows:
        role = group.rsplit("_", 1)[1]
        if name not in best or rank[role] > rank[best[name]]:
            best[name] = role
    members = [Member(owner, "admin", owner=True)]
    members += [Member(name, role) for name, role in sorted(best.items()) if name != owner]
    return members
