"""Team roles enforced by the PostgreSQL server itself: a recruiter's login is refused what only an approver or an
admin may do, through psql as much as through the app, while a recruiter's ordinary work still goes through, and
every change lands in the audit log under the login that made it."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import select

from offerdesk.cli import main
from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.domain.offers import ComponentKind, OfferStatus
from offerdesk.errors import NotPermitted
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.editing import OfferEditing
from offerdesk.services.privacy.service import PrivacyService
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.audit_table import AuditEntry
from offerdesk.storage.tables import Approval
from tests.postgres import postgres_url  # noqa: F401 - a fixture

APPROVE = (
    "INSERT INTO approvals (offer_id, version_number, approver_name, approver_role, decision, comment, voided) "
    "SELECT id, 1, '{name}', '', 'approved', 'ok', false FROM offers ORDER BY id LIMIT 1"
)
QUIETLY = (
    "BEGIN; SET LOCAL offerdesk.bulk_copy = 'on'; "
    "UPDATE candidates SET notes = '{notes}' WHERE id = (SELECT min(id) FROM candidates); COMMIT;"
)
COUNT_NOTES = "SELECT count(*) FROM audit_log WHERE actor = '{actor}' AND changes::jsonb -> 'notes' ->> 1 = '{notes}'"


def _psql_binary() -> str:
    for folder in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (folder / "psql").exists():
            return str(folder / "psql")
    found = shutil.which("psql")
    if found is None:
        pytest.skip("psql is not installed here")
    return found


def _parts(url: str) -> tuple[str, str, str]:
    """The socket folder, port and database name of a test server URL."""
    split = urlsplit(url)
    query = parse_qs(split.query)
    return query["host"][0], query["port"][0], split.path.lstrip("/")


def psql(url: str, login: str, sql: str) -> subprocess.CompletedProcess[str]:
    host, port, database = _parts(url)
    return subprocess.run(
        [_psql_binary(), "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", port, "-U", login,
         "-d", database, "-c", sql],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def as_login(url: str, login: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://{login}@", 1)


def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], data: Path, url: str, *args: str,
        stdin: str = "") -> tuple[int, str, str]:  # fmt: skip
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(["--data-dir", str(data), "--db-url", url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@dataclass(frozen=True)
class Team:
    url: str
    rita: str  # a recruiter's login (logins are the whole server's: each test has its own names)
    abe: str  # an approver's
    ada: str  # an admin's, once added


@pytest.fixture
def team(
    tmp_path: Path,
    postgres_url: str,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Iterator[Team]:
    """A server database upgraded by its owner, with a recruiter (rita) and an approver (abe) added by the CLI."""
    owner, _report = open_services(resolve_paths(tmp_path / "owner"), postgres_url, upgrade_server=True)
    owner.close()
    suffix = _parts(postgres_url)[2][-6:]
    names = Team(postgres_url, f"rita_{suffix}", f"abe_{suffix}", f"ada_{suffix}")
    for login, role in ((names.rita, "recruiter"), (names.abe, "approver")):
        code, out, err = cli(monkeypatch, capsys, tmp_path / "owner", postgres_url, "team", "add-user", login,
                             "--role", role, "--password-stdin", stdin="correct horse battery\n")  # fmt: skip
        assert code == 0, err
        assert f"{login} is on the team as {role}" in out
    yield names


@pytest.fixture
def rita(team: Team, tmp_path: Path) -> Iterator[Services]:
    opened, _ = open_services(resolve_paths(tmp_path / "rita"), as_login(team.url, team.rita))
    yield opened
    opened.close()


def _draft_offer(services: Services) -> int:
    return services.offers.list(status=OfferStatus.DRAFT)[0].id


def test_a_recruiter_login_cannot_write_approvals_or_pay_bands_with_psql(team: Team) -> None:
    refused = psql(team.url, team.rita, APPROVE.format(name="Rita"))
    assert refused.returncode != 0
    assert "permission denied for table approvals" in refused.stderr
    refused = psql(team.url, team.rita, "UPDATE pay_bands SET max_minor = max_minor + 100000")
    assert refused.returncode != 0
    assert "permission denied for table pay_bands" in refused.stderr
    assert psql(team.url, "postgres", "UPDATE approvals SET voided = true WHERE id = 1").returncode == 0
    refused = psql(team.url, team.rita, "UPDATE approvals SET voided = false WHERE id = 1")  # only an approver un-voids
    assert refused.returncode != 0
    assert "permission denied for table approvals" in refused.stderr


def test_a_recruiter_is_refused_in_a_sentence_by_the_app(rita: Services) -> None:
    assert rita.team.current_role() == "recruiter"
    assert not rita.team.may_approve() and not rita.team.may_edit_pay_bands()
    editing = OfferEditing(rita.database, rita.paths)
    with pytest.raises(NotPermitted) as refused:
        editing.record_approval(_draft_offer(rita), "Rita Recruiter", "Recruiter", "approved")
    assert "Your team role (recruiter) does not allow recording approvals; ask an approver." in str(refused.value)
    role_id = rita.roles.list(order_by_title=True)[0].id
    with pytest.raises(NotPermitted) as refused:
        rita.compensation.set_band(role_id, "EUR", "", 5_000_000, 6_000_000, 7_000_000)
    assert "does not allow changing pay bands; ask an admin" in str(refused.value)


def test_an_approver_may_approve_and_the_audit_log_names_them(team: Team) -> None:
    done = psql(team.url, team.abe, APPROVE.format(name="Abe Approver"))
    assert done.returncode == 0, done.stderr
    logged = psql(team.url, "postgres", "SELECT actor FROM audit_log WHERE table_name = 'approvals' "
                  "AND action = 'insert' AND changes::jsonb -> 'approver_name' ->> 1 = 'Abe Approver'")  # fmt: skip
    assert logged.stdout.split() == [team.abe]


def test_a_recruiters_ordinary_work_still_goes_through(team: Team, rita: Services, tmp_path: Path) -> None:
    approver, _ = open_services(resolve_paths(tmp_path / "abe"), as_login(team.url, team.abe))
    offer_id = _draft_offer(approver)
    OfferEditing(approver.database, approver.paths).record_approval(offer_id, "Abe Approver", "VP", "approved")
    approver.close()
    editing = OfferEditing(rita.database, rita.paths)
    terms = editing.terms(offer_id)
    components = tuple(
        replace(item, amount_minor=(item.amount_minor or 0) + 500_000) if item.kind is ComponentKind.BASE else item
        for item in terms.components
    )
    result = editing.save(offer_id, terms.with_changes(components=components)).value
    assert result.approvals_voided
    assert all(approval.voided for approval in editing.approvals(offer_id))
    candidate_id = rita.candidate_records.create(
        CandidateDraft(first_name="Nadia", last_name="Okonkwo", emails=("nadia.okonkwo@example.com",))
    ).value
    with rita.database.transaction(read_only=True) as session:
        actors = set(session.scalars(select(AuditEntry.actor).where(AuditEntry.candidate_id == candidate_id)))
        voided = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "approvals", AuditEntry.action == "update")
        ).all()
        assert session.scalar(select(Approval.voided).where(Approval.offer_id == offer_id))
    assert actors == {team.rita}
    assert any(entry.actor == team.rita and entry.changes["voided"] == [False, True] for entry in voided)


def test_a_recruiter_can_neither_rewrite_the_audit_log_nor_switch_it_off(team: Team) -> None:
    for sql in ("DELETE FROM audit_log", "UPDATE audit_log SET actor = 'nobody'",
                "INSERT INTO audit_log (at, actor, table_name, row_key, action, changes) "
                "VALUES (now(), 'x', 'offers', '1', 'insert', '{}')"):  # fmt: skip
        refused = psql(team.url, team.rita, sql)
        assert refused.returncode != 0, sql
        assert "permission denied for table audit_log" in refused.stderr
    done = psql(team.url, team.rita, QUIETLY.format(notes="quietly changed"))
    assert done.returncode == 0, done.stderr
    logged = psql(team.url, "postgres", COUNT_NOTES.format(actor=team.rita, notes="quietly changed"))
    assert logged.stdout.split() == ["1"]
    assert psql(team.url, "postgres", QUIETLY.format(notes="copied")).returncode == 0
    logged = psql(team.url, "postgres", COUNT_NOTES.format(actor="postgres", notes="copied"))
    assert logged.stdout.split() == ["0"]  # the owner's bulk copy writes unrecorded


def test_a_removed_member_can_no_longer_connect(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert psql(team.url, team.rita, "SELECT 1").returncode == 0
    code, out, _err = cli(monkeypatch, capsys, tmp_path / "owner", team.url, "team", "list")
    assert code == 0
    listed = {tuple(line.split()[:2]) for line in out.splitlines()}
    assert listed >= {("postgres", "admin"), (team.rita, "recruiter"), (team.abe, "approver")}
    code, out, err = cli(monkeypatch, capsys, tmp_path / "owner", team.url, "team", "remove-user", team.rita, "--yes")
    assert code == 0, err
    assert f"{team.rita} is no longer on the team; their login is gone." in out
    refused = psql(team.url, team.rita, "SELECT 1")
    assert refused.returncode != 0
    assert f'role "{team.rita}" does not exist' in refused.stderr


def test_only_an_admin_manages_the_team_and_never_the_owner_or_themself(
    team: Team, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = "correct horse battery\n"
    abe = as_login(team.url, team.abe)
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "abe", abe, "team", "add-user", "eve", "--role", "admin",
                          "--password-stdin", stdin=secret)  # fmt: skip
    assert code == 1
    assert "Adding a team member needs the admin team role; yours is approver." in err
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "owner", team.url, "team", "add-user", team.ada,
                          "--role", "admin", "--password-stdin", stdin=secret)  # fmt: skip
    assert code == 0, err
    ada = as_login(team.url, team.ada)
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "ada", ada, "team", "remove-user", team.ada, "--yes")
    assert code == 1 and f"{team.ada} is you" in err
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "ada", ada, "team", "remove-user", "postgres", "--yes")
    assert code == 1 and "postgres owns" in err
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "ada", ada, "team", "remove-user", team.abe, "--yes")
    assert code == 0, err  # an admin who is no superuser manages the team
    code, _out, err = cli(monkeypatch, capsys, tmp_path / "owner", team.url, "team", "add-user", team.ada,
                          "--role", "recruiter", "--password-stdin", stdin=secret)  # fmt: skip
    assert code == 1 and f"{team.ada} is already on the team, as admin." in err


def test_a_recruiter_may_erase_a_person_and_their_audit_entries_but_not_forget_anyone_else(
    team: Team, rita: Services
) -> None:
    candidate_id = rita.candidate_records.create(
        CandidateDraft(first_name="Ottilie", last_name="Brennagh", emails=("ottilie.brennagh@example.com",))
    ).value
    OfferEditing(rita.database, rita.paths).create(candidate_id, currency="EUR")
    named = "SELECT count(*) FROM audit_log WHERE changes::text LIKE '%Brennagh%'"
    assert psql(team.url, "postgres", named).stdout.split() != ["0"]
    refused = psql(team.url, team.rita, "SELECT offerdesk_forget_person(1, '{}', '{}')")  # a live candidate
    assert refused.returncode != 0 and "neither erased nor anonymised" in refused.stderr
    PrivacyService(rita.database, rita.paths, rita.backups, rita.settings).erase(candidate_id)
    assert psql(team.url, "postgres", named).stdout.split() == ["0"]
    forgot = psql(
        team.url, "postgres", f"SELECT actor FROM audit_log WHERE action = 'forget' AND row_key = '{candidate_id}'"
    )
    assert forgot.stdout.split() == [team.rita]
