"""Backups of a SQLite database a recruiter can rely on: listed, checked, restored in place, rotated.

A PostgreSQL database lives on a server whose own backups apply; OfferDesk backs up only SQLite files. When the
database's `backup.encrypt` setting is on, backups are written encrypted (`.sqlite.enc`) with the key in this
computer's keychain; checking and restoring one decrypts it into a private temporary file first, so the live
database is never touched by a backup that cannot be read.
"""

from __future__ import annotations

import builtins
import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from offerdesk.domain.clock import utc_now
from offerdesk.errors import DatabaseError, DiskFull, ValidationError, is_disk_full
from offerdesk.services.setup.backup_keys import BackupKeys
from offerdesk.storage import schema
from offerdesk.storage.backup import ENCRYPTED_SUFFIX, backup_sqlite
from offerdesk.storage.db import Database, sqlite_file
from offerdesk.storage.encrypted import Damaged, NotThisKey, decrypt_stream, needed_key_id
from offerdesk.storage.health import DAMAGED_LABEL, check_database_health
from offerdesk.storage.wal_guard import forget_stopped

log = logging.getLogger(__name__)

AUTO_BACKUP_AFTER = timedelta(hours=24)  # a start takes a backup when the newest is older than this (a setting)
PERIODIC_BACKUP_EVERY = timedelta(minutes=30)  # while the app is open and data changes, a backup this often
KEEP_RECENT, KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 10, 7, 5, 12
KEEP_BEFORE_FOR = timedelta(days=7)  # a copy taken before a restore, import or clear stays this long at least
SERVER_SENTENCE = (
    "{name} is a database on a server; its server's own backups apply: the server's administrator backs it up "
    "(with pg_dump, for example). OfferDesk makes backup files of SQLite databases only."
)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    label: str
    created: datetime  # aware, from the file's modification time
    size: int

    @property
    def encrypted(self) -> bool:
        return self.path.name.endswith(ENCRYPTED_SUFFIX)

    @property
    def shown_time(self) -> str:
        """Local time to the minute, as a person reads it."""
        return self.created.astimezone().strftime("%Y-%m-%d %H:%M")

    @property
    def shown_size(self) -> str:
        return f"{self.size / 1024:.0f} KB" if self.size < 1024 * 1024 else f"{self.size / 1024 / 1024:.1f} MB"


class BackupService:
    """Backups live as `<db>-<label>-<stamp>.sqlite[.enc]` in the backup folder; the file's time orders them."""

    def __init__(
        self,
        database: Database | None,
        backup_dir: Path,
        stem: str | None = None,
        *,
        encrypt: Callable[[], bool] | None = None,
        keys: BackupKeys | None = None,
    ) -> None:
        self._database = database
        self._backup_dir = backup_dir
        self._encrypt = encrypt
        self.keys = keys or BackupKeys()
        live = self._live_file()
        self._stem = stem or (live.stem if live is not None else "offerdesk")
        self._pattern = re.compile(
            rf"^{re.escape(self._stem)}-(?P<label>.+?)-\d{{8}}-\d{{6}}(?:-\d+)?\.sqlite(?:\.enc)?$"
        )

    def _live_file(self) -> Path | None:
        return sqlite_file(self._database.url) if self._database is not None else None

    @property
    def database_name(self) -> str:
        return self._database.display_name if self._database is not None else "the database"

    def not_applicable(self) -> str | None:
        """The sentence to show instead of backups when the database is not a SQLite file; None when it is."""
        if self._live_file() is not None:
            return None
        name = self._database.display_name if self._database is not None else "The database"
        return SERVER_SENTENCE.format(name=name)

    def before_change_note(self) -> str:
        """What a question about a big or destructive change says about the way back, true on either engine."""
        if self._live_file() is not None:
            return "the database is backed up first."
        return "the team server's own backups (its administrator's) are the way back."

    def _require_live(self) -> Path:
        live = self._live_file()
        if live is None:
            raise DatabaseError(self.not_applicable() or "")
        return live

    # -- making and finding ------------------------------------------------------------------------------------
    def create(self, label: str = "manual", *, encrypt: bool | None = None) -> BackupInfo:
        """A backup now; encrypted when `encrypt` says so, or (when it is None) when the setting is on."""
        live = self._require_live()
        key = self.keys.for_writing() if (self.encrypts() if encrypt is None else encrypt) else None
        return self._info(backup_sqlite(live, self._backup_dir, label, key))

    def encrypts(self) -> bool:
        """Whether new backups are encrypted; a database whose setting cannot be read (damaged) says no."""
        live = self._live_file()
        if self._encrypt is None or live is None or not live.exists():
            return False
        try:
            return self._encrypt()
        except DatabaseError:
            return False

    def list(self) -> list[BackupInfo]:
        """Newest first; the numbers people use (1 = newest) are positions in this list."""
        if not self._backup_dir.is_dir():
            return []
        found = []
        for path in self._backup_dir.iterdir():
            if path.is_file() and self._pattern.match(path.name):
                found.append(self._info(path))
        return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)

    def _info(self, path: Path) -> BackupInfo:
        match = self._pattern.match(path.name)
        stat = path.stat()
        return BackupInfo(
            path=path,
            label=match["label"] if match else path.stem,
            created=datetime.fromtimestamp(stat.st_mtime, tz=UTC),
            size=stat.st_size,
        )

    def find(self, id_or_path: str) -> BackupInfo:
        """A number from the list (1 = newest) or the path of a backup file."""
        text = id_or_path.strip()
        if text.isdigit():
            backups = self.list()
            number = int(text)
            if not 1 <= number <= len(backups):
                shown = f"1 to {len(backups)}" if backups else "none yet"
                raise ValidationError(f"There is no backup {number}; the backups are numbered {shown}.")
            return backups[number - 1]
        path = Path(text).expanduser()
        if not path.is_file():
            raise ValidationError(f"There is no backup file {path}.")
        return self._info(path)

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes verify; a damaged database a restore kept aside is never one."""
        for backup in self.list():
            if DAMAGED_LABEL in backup.path.name:
                continue
            try:
                self._check(backup.path)
            except DatabaseError as error:
                log.warning("not offered for a restore: %s", error)
                continue
            return backup
        return None

    # -- checking ----------------------------------------------------------------------------------------------
    def verify(self, id_or_path: str) -> str:
        """One sentence when the backup is sound; a DatabaseError naming the file when it is not."""
        backup = self.find(id_or_path)
        with self._plain(backup.path) as plain:
            revision = self._check(plain, backup.path)
        sealed = ", encrypted" if backup.encrypted else ""
        return f"The backup {backup.path.name} is intact (schema {revision}{sealed})."

    @contextmanager
    def _plain(self, path: Path) -> Iterator[Path]:
        """`path` itself, or for an encrypted backup its decrypted bytes in a private temporary file."""
        needed = needed_key_id(path)
        if needed is None:
            yield path
            return
        key = self.keys.for_reading(path, needed)
        self._backup_dir.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".partial", dir=self._backup_dir)
        plain = Path(name)
        try:
            with os.fdopen(handle, "wb") as target, path.open("rb") as source:
                decrypt_stream(source, target, key)
            yield plain
        except NotThisKey:
            raise DatabaseError(f"The backup {path.name} is not encrypted with the key given for it.") from None
        except Damaged as problem:
            raise DatabaseError(f"The encrypted backup {path} is damaged: {problem}.") from None
        finally:
            plain.unlink(missing_ok=True)

    def _check(self, path: Path, shown: Path | None = None) -> str:
        """The schema revision of the SQLite file `path` (the plain bytes of the backup `shown`), or a sentence."""
        if shown is not None and shown != path:
            try:
                return self._check(path)
            except DatabaseError as error:
                raise DatabaseError(str(error).replace(str(path), str(shown))) from None
        try:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                results = [row[0] for row in connection.execute("PRAGMA integrity_check")]
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            finally:
                connection.close()
        except sqlite3.Error as error:
            raise DatabaseError(f"The backup {path} is damaged or not an OfferDesk database ({error}).") from None
        if results != ["ok"]:
            raise DatabaseError(f"The backup {path} is damaged: {results[0]}.")
        if row is None or not row[0]:
            raise DatabaseError(f"The backup {path} has no schema revision; it is not an OfferDesk database.")
        revision = str(row[0])
        if revision not in schema.known_revisions():
            raise DatabaseError(f"The backup {path} was written by a newer OfferDesk (schema {revision}).")
        return revision

    # -- restoring ---------------------------------------------------------------------------------------------
    def restore(self, id_or_path: str) -> str:
        """Check the backup, back up the database as it is, then copy the backup into the live file."""
        live = self._require_live()
        assert self._database is not None
        backup = self.find(id_or_path)
        with self._plain(backup.path) as plain:
            self._check(plain, backup.path)
            self._database.dispose()  # no pooled connection holds a view of the old pages
            healthy = live_is_healthy(live, self._backup_dir)
            before = self.create("before-restore") if healthy else self._keep_as_it_is(live)
            try:
                if healthy:
                    _copy_pages(plain, live)  # open windows see the restored pages, never half of them
                else:
                    _replace_file(plain, live)  # a damaged file may not open at all: it is replaced whole
            except (OSError, sqlite3.Error) as error:
                raise DatabaseError(
                    f"The backup {backup.path.name} could not be restored into {live} ({error}); "
                    f"the database as it was is kept as {before.path}."
                ) from None
            finally:
                self._database.dispose()
        schema.upgrade(self._database, None)  # a backup from an older release is brought to today's schema
        self._database.enable_wal()
        self._database.wrote()
        self._database.dispose()
        forget_stopped(live)  # what a crash left noted about the old -wal no longer applies
        return (
            f"Restored the backup of {backup.shown_time} ({backup.label}); "
            f"the database as it was is kept as {before.path.name}."
        )

    def _keep_as_it_is(self, live: Path) -> BackupInfo:
        """A damaged database is kept byte for byte (SQLite's backup may refuse to read it), with its -wal."""
        stamp = utc_now().strftime("%Y%m%d-%H%M%S")
        target = self._backup_dir / f"{self._stem}{DAMAGED_LABEL}before-restore-{stamp}.sqlite"
        self._backup_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            shutil.copyfile(live, partial)
            partial.replace(target)
        except OSError as error:
            partial.unlink(missing_ok=True)
            if is_disk_full(error):
                raise DiskFull.writing(f"the copy of {live.name}", self._backup_dir) from error
            raise
        wal = live.with_name(live.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, target.with_name(target.name + "-wal"))
        return self._info(target)

    # -- rotating ----------------------------------------------------------------------------------------------
    def automatic(self, now: datetime | None = None, interval: timedelta = AUTO_BACKUP_AFTER) -> BackupInfo | None:
        """A start-up backup when the newest one is older than `interval`; then the old ones are thinned."""
        live = self._live_file()
        if live is None or not live.exists():
            return None
        moment = now or datetime.now(UTC)
        backups = self.list()
        if backups and moment - backups[0].created < interval:
            return None
        made = self.create("auto")
        self.prune(now=moment)
        return made

    def due(self, now: datetime, changed: bool, every: timedelta = PERIODIC_BACKUP_EVERY) -> bool:
        """Whether the periodic backup of an open app is due: data changed since the last one, which is `every` old.

        The window's timer asks this every `every`; `changed` is whether anything was written since its last backup.
        """
        live = self._live_file()
        if not changed or live is None or not live.exists():
            return False
        backups = self.list()
        return not backups or now - backups[0].created >= every

    def prune(self, now: datetime | None = None) -> builtins.list[Path]:
        """Keep the newest ten, one a day for a week, one a week for five weeks, one a month for a year."""
        moment = (now or datetime.now(UTC)).astimezone()
        backups = self.list()
        if len(backups) <= 1:
            return []
        keep = {b.path for b in backups[:KEEP_RECENT]}
        buckets = (
            (timedelta(days=KEEP_DAYS), lambda t: t.date()),
            (timedelta(weeks=KEEP_WEEKS), lambda t: t.isocalendar()[:2]),
            (timedelta(days=31 * KEEP_MONTHS), lambda t: (t.year, t.month)),
        )
        for window, bucket in buckets:
            seen: set[object] = set()
            for backup in backups:  # newest first: the first in each bucket is kept
                local = backup.created.astimezone()
                if moment - local < window and bucket(local) not in seen:
                    seen.add(bucket(local))
                    keep.add(backup.path)
        for backup in backups:
            if backup.label.startswith("before-") and moment - backup.created.astimezone() < KEEP_BEFORE_FOR:
                keep.add(backup.path)
        removed: builtins.list[Path] = []
        for backup in backups:
            if backup.path not in keep:
                try:
                    backup.path.unlink()
                    removed.append(backup.path)
                except OSError as error:
                    log.warning("could not remove the old backup %s: %s", backup.path, error)
        return removed


def safety_backup(database: Database, backup_dir: Path, label: str) -> Path:
    """The copy taken before an import or a clear: encrypted, like every backup, when the setting says so."""
    from offerdesk.services.setup.settings import SettingsService

    return BackupService(database, backup_dir, encrypt=SettingsService(database).backup_encrypted).create(label).path


def backup_before(database: Database, backup_dir: Path | None, label: str = "before-import") -> Path | None:
    """The copy taken before a change that is hard to take back (an import, a delete, a demo clear); None for a
    server database (its server's backups apply) or one without a file yet."""
    path = sqlite_file(database.url)
    if path is None or backup_dir is None or not path.exists():
        return None
    return safety_backup(database, backup_dir, label)


def live_is_healthy(live: Path, backup_dir: Path) -> bool:
    """Whether the live file opens and passes the start-up check (a missing file counts as healthy: nothing to keep)."""
    try:
        check_database_health(live, backup_dir)
    except DatabaseError:
        return False
    return True


def _copy_pages(backup: Path, live: Path) -> None:
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(live, timeout=10)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _replace_file(backup: Path, live: Path) -> None:
    """The backup's bytes under a temporary name, renamed over the live file; its stale -wal and -shm go."""
    partial = live.with_name(live.name + ".restoring.partial")
    shutil.copyfile(backup, partial)
    for suffix in ("-wal", "-shm"):
        live.with_name(live.name + suffix).unlink(missing_ok=True)
    partial.replace(live)
