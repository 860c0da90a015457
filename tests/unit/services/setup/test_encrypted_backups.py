"""Encrypted backups: the file tells nothing without the key, round-trips whole, and a missing key is a sentence."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from offerdesk.domain.candidate_record import CandidateDraft
from offerdesk.errors import DatabaseError
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.encrypted import Damaged, decrypt_stream, encrypt_stream, key_text, new_key
from tests.conftest import MemoryKeyring
from tests.helpers import digest

NAME = "Quixotewright"
NOT_HERE = "is encrypted with a key that is not in this computer's keychain"


def _rows(services: Services) -> list[tuple[object, ...]]:
    with services.database.engine.connect() as connection:
        return [tuple(row) for row in connection.exec_driver_sql("SELECT id, first_name, last_name FROM candidates")]


@pytest.fixture
def encrypted(services: Services) -> Services:
    services.candidate_records.create(CandidateDraft("Zebulon", NAME, ("z@example.com",)))
    services.settings.set_backup_encrypted(True)
    return services


@pytest.mark.sqlite_only
def test_an_encrypted_backup_round_trips_and_hides_the_names(encrypted: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    before = _rows(encrypted)
    plain = encrypted.backups.create("plain", encrypt=False)
    assert NAME.encode() in plain.path.read_bytes()  # the name is there to be found in a plain copy
    made = encrypted.backups.create()
    assert made.encrypted and made.path.name.endswith(".sqlite.enc")
    assert NAME.encode() not in made.path.read_bytes() and b"SQLite format 3" not in made.path.read_bytes()
    assert "is intact" in encrypted.backups.verify(str(made.path))
    candidate = before[-1][0]
    assert isinstance(candidate, int)
    encrypted.candidate_records.delete(candidate)
    assert _rows(encrypted) != before
    encrypted.backups.restore(str(made.path))
    assert _rows(encrypted) == before
    assert encrypted.backups.list()[0].label == "before-restore" and encrypted.backups.list()[0].encrypted
    assert not [p for p in made.path.parent.iterdir() if p.name.endswith(".partial")]  # no plain copy left


@pytest.mark.sqlite_only
def test_a_backup_whose_key_this_computer_lacks_is_refused_and_the_database_is_untouched(
    encrypted: Services, memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    made = encrypted.backups.create()
    key = memory_keyring.entries.pop(("OfferDesk", "backup-key"))  # as on another computer
    live = encrypted.paths.database_file
    before, count = digest(live), len(encrypted.backups.list())
    for attempt in (encrypted.backups.verify, encrypted.backups.restore):
        with pytest.raises(DatabaseError, match=NOT_HERE) as refused:
            attempt(str(made.path))
        assert str(refused.value).count(". ") == 0 and key not in str(refused.value)
    monkeypatch.setenv("OFFERDESK_BACKUP_KEY", key_text(new_key()))  # a key, but the wrong one: not tried
    with pytest.raises(DatabaseError, match=NOT_HERE):
        encrypted.backups.restore(str(made.path))
    assert digest(live) == before and len(encrypted.backups.list()) == count
    monkeypatch.setenv("OFFERDESK_BACKUP_KEY", key)  # the key of the computer that made it
    assert "is intact" in encrypted.backups.verify(str(made.path))


@pytest.mark.sqlite_only
def test_a_changed_encrypted_backup_is_named_damaged(encrypted: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    made = encrypted.backups.create()
    data = bytearray(made.path.read_bytes())
    data[len(data) // 2] ^= 0x01
    made.path.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match=r"is damaged: a part of it was changed"):
        encrypted.backups.verify(str(made.path))
    made.path.write_bytes(bytes(data[: len(data) - 40]))
    with pytest.raises(DatabaseError, match="is damaged"):
        encrypted.backups.verify(str(made.path))


@pytest.mark.sqlite_only
def test_automatic_and_safety_backups_honour_the_setting(encrypted: Services) -> None:
    """Backup files are copies of the SQLite file; a server is backed up by its administrator."""
    made = encrypted.backups.automatic()
    assert made is not None and made.encrypted
    encrypted.demo.clear()
    assert encrypted.backups.list()[0].label == "before-clear-demo" and encrypted.backups.list()[0].encrypted


def test_large_files_are_encrypted_chunk_by_chunk_and_a_cut_is_found() -> None:
    key, plain = new_key(), os.urandom(3 * 1024 * 1024 + 17)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(plain), sealed, key)
    opened = io.BytesIO()
    decrypt_stream(io.BytesIO(sealed.getvalue()), opened, key)
    assert opened.getvalue() == plain
    whole_chunks = sealed.getvalue()[: 29 + 16 + 2 * (5 + 1024 * 1024 + 16)]  # header and two chunks, no last one
    with pytest.raises(Damaged, match="cut off"):
        decrypt_stream(io.BytesIO(whole_chunks), io.BytesIO(), key)


def test_an_empty_file_round_trips(tmp_path: Path) -> None:
    key, sealed, opened = new_key(), io.BytesIO(), io.BytesIO()
    encrypt_stream(io.BytesIO(b""), sealed, key)
    decrypt_stream(io.BytesIO(sealed.getvalue()), opened, key)
    assert opened.getvalue() == b""
