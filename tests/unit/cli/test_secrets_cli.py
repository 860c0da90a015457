"""Secrets on the command line: a team password and the backup key stay in the keychain, never in a file."""

from __future__ import annotations

import base64
from pathlib import Path

import keyring
import pytest

from offerdesk.cli import main
from offerdesk.services.callprep.calls import CallService
from offerdesk.services.setup import secrets
from tests.conftest import MemoryKeyring
from tests.helpers import digest
from tests.keyrings import LockedKeyring
from tests.postgres import postgres_server, postgres_url  # noqa: F401 - fixtures

PASSWORD = "Zq8-team-db-password"
NOTICE = "The system keychain is not available"
NOT_HERE = "is encrypted with a key that is not in this computer's keychain"


def run(capsys: pytest.CaptureFixture[str], data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data), "--no-demo", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def with_password(url: str) -> str:
    return url.replace("postgresql://postgres@", f"postgresql://postgres:{PASSWORD}@", 1)


def _crash(*_args: object, **_kwargs: object) -> None:
    raise RuntimeError("a defect while saving")


def test_an_encrypted_backup_round_trips_and_a_missing_key_is_a_sentence(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    data = tmp_path / "data"
    assert run(capsys, data, "candidates", "add", "--name", "Ana Quixotewright", "--email", "a@example.com")[0] == 0
    code, out, _ = run(capsys, data, "backup", "encrypt", "on")
    assert code == 0 and "encrypted" in out
    code, out, _ = run(capsys, data, "backup", "create")
    assert code == 0 and "encrypted" in out
    code, out, _ = run(capsys, data, "backup", "list")
    assert "yes" in out.splitlines()[1]
    assert run(capsys, data, "backup", "verify", "1")[0] == 0
    memory_keyring.entries.clear()  # the keychain of another computer
    live = data / "offerdesk.sqlite"
    before = digest(live)
    for command in (["backup", "verify", "1"], ["backup", "restore", "1", "--yes"]):
        code, _, err = run(capsys, data, *command)
        assert code == 1 and NOT_HERE in err and "Traceback" not in err
    assert digest(live) == before


def test_a_locked_keychain_is_said_once_and_the_commands_still_work(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    postgres_url: str,  # noqa: F811
) -> None:
    keyring.set_keyring(LockedKeyring())
    data = tmp_path / "data"
    code, _, err = run(capsys, data, "--db-url", with_password(postgres_url), "info")
    assert code == 0 and err.count(NOTICE) == 1 and PASSWORD not in err
    secrets.use_keychain(secrets.Keychain())  # the next command is another process
    code, _, err = run(capsys, data, "backup", "create", "--encrypt")
    assert code == 1 and err.count(NOTICE) == 1 and "OFFERDESK_BACKUP_KEY" in err
    secrets.use_keychain(secrets.Keychain())
    monkeypatch.setenv("OFFERDESK_BACKUP_KEY", base64.urlsafe_b64encode(bytes(range(32))).decode())
    code, out, err = run(capsys, data, "backup", "create", "--encrypt")
    assert code == 0 and "encrypted" in out and err.count(NOTICE) == 1
    code, out, err = run(capsys, data, "backup", "verify", "1")
    assert code == 0 and "is intact" in out and NOTICE not in err  # said once in this process, not again


def test_no_file_in_the_data_config_or_log_folders_holds_the_password_or_the_backup_key(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    memory_keyring: MemoryKeyring,
    postgres_url: str,  # noqa: F811
) -> None:
    data = tmp_path / "data"
    team = ["--db-url", with_password(postgres_url)]
    assert run(capsys, data, *team, "info")[0] == 0
    assert run(capsys, data, "--db-url", postgres_url, "info")[0] == 0  # the password now comes from the keychain
    with monkeypatch.context() as patched:
        patched.setattr(CallService, "log", _crash)
        argv = [*team, "calls", "log", "--candidate", "1", "--outcome", "yes", "--note", "x"]
        code, _, err = run(capsys, data, *argv)
        assert code == 70 and "unexpected error" in err
    assert run(capsys, data, "candidates", "add", "--name", "Ana Quixotewright", "--email", "a@example.com")[0] == 0
    assert run(capsys, data, "backup", "encrypt", "on")[0] == 0
    assert run(capsys, data, "backup", "create")[0] == 0
    with monkeypatch.context() as patched:
        patched.setattr("offerdesk.storage.encrypted.encrypt_stream", _crash)
        assert run(capsys, data, "backup", "create")[0] == 70  # fails half-way: its plain copy is gone too
    assert run(capsys, data, "backup", "verify", "1")[0] == 0
    assert run(capsys, data, "backup", "restore", "1", "--yes")[0] == 0
    code, shown_key, _ = run(capsys, data, "backup", "key")
    key_text = memory_keyring.entries[("OfferDesk", "backup-key")]
    assert code == 0 and shown_key.strip() == key_text
    assert PASSWORD in memory_keyring.entries.values()
    secrets_ = [PASSWORD.encode(), key_text.encode(), base64.urlsafe_b64decode(key_text)]
    files = [path for path in data.rglob("*") if path.is_file()]
    assert any(path.suffix == ".log" for path in files) and any(path.name.endswith(".enc") for path in files)
    assert not [path.name for path in files if path.name.endswith(".partial")]
    for path in files:
        content = path.read_bytes()
        assert not [secret for secret in secrets_ if secret in content], path
