"""The app roles (recruiter, approver, admin) as PostgreSQL group roles with the grants each needs.

Why plain GRANTs: the server then refuses a forbidden write itself, whatever program the login uses (psql too),
and the rules read as one list here. Row-level security would be needed only for rules about *which* rows, and
OfferDesk's rules are about which tables. Two writes a recruiter's ordinary work makes to tables it may only read
get narrow exceptions instead of wider rights: saving an offer whose key terms changed voids its approvals
(column grant UPDATE(voided, comment) on approvals, the comment for anonymising, kept honest by a guard trigger
that lets only an approver un-void or write a comment), and erasing a person removes their audit entries (the
SECURITY DEFINER function offerdesk_forget_person in pg_audit.py). Nobody may rewrite audit_log; the triggers
write it as its owner.

Roles are cluster-wide while grants are per database, so each database has its own three groups, named after it
(`<db>_recruiter` …); approver is a member of recruiter and admin of approver, so each inherits the one below.
Logins (team members) are members of one group; the database owner and superusers count as admin.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

APP_ROLES = ("recruiter", "approver", "admin")
NAME_ROOM = 50  # a role name holds 63 bytes: the database name's part leaves room for the suffix
RECRUITER_READS_ONLY = ("approvals", "pay_bands", "audit_log", "alembic_version")
APPROVER_WRITES = ("approvals",)

ROLE_FUNCTION = """
CREATE OR REPLACE FUNCTION offerdesk_app_role() RETURNS text LANGUAGE sql STABLE SET search_path = pg_catalog AS $$
    SELECT CASE
        WHEN me.rolsuper OR me.oid = (SELECT datdba FROM pg_database WHERE datname = current_database()) THEN 'admin'
        WHEN EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = left(current_database(), 50) || '_admin'
                     AND pg_has_role(me.oid, g.oid, 'MEMBER')) THEN 'admin'
        WHEN EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = left(current_database(), 50) || '_approver'
                     AND pg_has_role(me.oid, g.oid, 'MEMBER')) THEN 'approver'
        WHEN EXISTS (SELECT 1 FROM pg_roles g WHERE g.rolname = left(current_database(), 50) || '_recruiter'
                     AND pg_has_role(me.oid, g.oid, 'MEMBER')) THEN 'recruiter'
    END
    FROM pg_roles me WHERE me.rolname = session_user
$$
"""

APPROVAL_GUARD = """
CREATE OR REPLACE FUNCTION offerdesk_approvals_guard() RETURNS trigger LANGUAGE plpgsql
SET search_path = public, pg_temp AS $$
BEGIN
    IF coalesce(offerdesk_app_role(), 'recruiter') = 'recruiter'
       AND ((OLD.voided AND NOT NEW.voided) OR (NEW.comment <> '' AND NEW.comment <> OLD.comment)) THEN
        RAISE EXCEPTION 'permission denied for table approvals' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END
$$
"""


def group_name(database: str, role: str) -> str:
    """The group role of `role` in `database` (unquoted)."""
    return f"{database[:NAME_ROOM]}_{role}"


def quote(name: str) -> str:
    """An identifier quoted for SQL, whatever characters the name holds."""
    return '"' + name.replace('"', '""') + '"'


def session_role(connection: Connection) -> str | None:
    """The app role of this connection's login: admin, approver, recruiter, or None for a login with none."""
    if connection.dialect.name != "postgresql":
        return "admin"
    exists = connection.exec_driver_sql("SELECT to_regprocedure('offerdesk_app_role()') IS NOT NULL").scalar()
    if not exists:  # a server whose objects were not installed yet: only its owner has opened it
        return "admin"
    value = connection.exec_driver_sql("SELECT offerdesk_app_role()").scalar()
    return str(value) if value else None


def _exists(connection: Connection, role: str) -> bool:
    found = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": role}).first()
    return found is not None


def install(connection: Connection) -> None:
    """Create the groups if missing and set their grants afresh, in the caller's transaction."""
    run = connection.exec_driver_sql
    run(ROLE_FUNCTION)
    run(APPROVAL_GUARD)
    run(
        "CREATE OR REPLACE TRIGGER offerdesk_approvals_guard BEFORE UPDATE ON approvals "
        "FOR EACH ROW EXECUTE FUNCTION offerdesk_approvals_guard()"
    )
    run("REVOKE ALL ON FUNCTION offerdesk_forget_person(integer, integer[], text[]) FROM PUBLIC")
    database = str(run("SELECT current_database()").scalar_one())
    groups = {role: quote(group_name(database, role)) for role in APP_ROLES}
    missing = [role for role in APP_ROLES if not _exists(connection, group_name(database, role))]
    if missing and not run("SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = current_user").scalar():
        return  # an owner without the right to create roles: no team roles (`team add-user` says so)
    for role in missing:
        run(f"CREATE ROLE {groups[role]} NOLOGIN")
    recruiter, approver, admin = groups["recruiter"], groups["approver"], groups["admin"]
    everyone = f"{recruiter}, {approver}, {admin}"
    run(f"GRANT {recruiter} TO {approver}")
    run(f"GRANT {approver} TO {admin} WITH ADMIN OPTION")  # an admin adds members (PostgreSQL 16 asks for it)
    run(f"GRANT {recruiter} TO {admin} WITH ADMIN OPTION")
    run(f"GRANT CONNECT ON DATABASE {quote(database)} TO {everyone}")
    run(f"GRANT USAGE ON SCHEMA public TO {everyone}")
    run(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {everyone}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {recruiter}")
    run(f"REVOKE INSERT, UPDATE, DELETE ON {', '.join(RECRUITER_READS_ONLY)} FROM {recruiter}")
    run(f"GRANT UPDATE (voided, comment) ON approvals TO {recruiter}")
    run(f"GRANT INSERT, UPDATE, DELETE ON {', '.join(APPROVER_WRITES)} TO {approver}")
    run(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {admin}")
    run(f"REVOKE INSERT, UPDATE ON audit_log FROM {admin}")
    run(f"REVOKE INSERT, UPDATE, DELETE ON alembic_version FROM {admin}")
    run(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {recruiter}")
    run(f"GRANT EXECUTE ON FUNCTION offerdesk_forget_person(integer, integer[], text[]) TO {recruiter}")
