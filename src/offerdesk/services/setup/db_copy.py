"""Copying a whole OfferDesk database to another one: a SQLite file to a team's PostgreSQL server and back.

The source is only read, in one read-only transaction (one consistent snapshot). The target gets the current
schema through the normal migrations when it is empty; one that holds any OfferDesk row is refused unless the
copy replaces it, and a SQLite file is backed up before it is replaced. Every row of every table moves with its
id and row version in ONE transaction on the target, which is checked before it commits: the same number of rows
and the same checksum of their values, table by table. Anything going wrong rolls the target back unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Connection, Table, text
from sqlalchemy import exc as sa_exc

from offerdesk.errors import DatabaseError, OfferDeskError, ValidationError
from offerdesk.services.setup.copy_plan import CopyPlan, CopyReport, TableResult, database_named, same_database
from offerdesk.storage import copying, schema
from offerdesk.storage.db import (
    READ_ONLY,
    SQLITE_HEADER,
    Database,
    check_sqlite_file,
    describe_error,
    make_engine,
    sqlite_file,
)

BIG_COPY_ROWS = 5000  # from this many rows on, the command says which tables are done as it goes


class DatabaseCopy:
    """One copy from `source` to `target` (URLs as typed); `survey` says what it would do, `run` does it."""

    def __init__(self, source: str, target: str, backup_dir: Path) -> None:
        self._backup_dir = backup_dir
        self.source = database_named(source, "--from")
        try:
            self.target = database_named(target, "--to")
        except BaseException:
            self.source.dispose()
            raise
        if same_database(self.source, self.target):
            self.close()
            raise ValidationError(
                f"--from and --to both name {self.source.display_name}; a database cannot be copied onto itself."
            )
        target_file = sqlite_file(self.target.url)
        self._new_file = target_file if target_file is not None and not target_file.exists() else None
        self._copied = False

    def close(self) -> None:
        """A SQLite file this copy created is removed again unless the copy went through."""
        self.source.dispose()
        self.target.dispose()
        if getattr(self, "_new_file", None) is not None and not self._copied:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self._new_file}{suffix}").unlink(missing_ok=True)

    # -- looking before copying ---------------------------------------------------------------------------------
    def survey(self) -> CopyPlan:
        """Check both sides without writing anything; the target's rows say whether it must be replaced."""
        self._check_source()
        source_rows = self._count(self.source, read_only=True)
        target_state = self._check_target()
        target_rows = {} if target_state is schema.SchemaState.EMPTY else self._count(self.target, read_only=True)
        return CopyPlan(
            source=self.source.display_name,
            target=self.target.display_name,
            source_rows=sum(source_rows.values()),
            target_rows={name: count for name, count in target_rows.items() if count},
            target_empty_schema=target_state is schema.SchemaState.EMPTY,
            target_is_file=sqlite_file(self.target.url) is not None,
        )

    @staticmethod
    def _reach(database: Database, flag: str) -> None:
        """A server that cannot be reached is said in one line, naming the option that named it."""
        if database.is_sqlite:
            return
        try:
            with database.engine.connect():
                pass
        except sa_exc.OperationalError as error:
            said = str(error.orig or error).strip().splitlines()[0]
            if "connect" in said.lower() or "connection" in said.lower():
                raise DatabaseError(
                    f"Cannot reach the database server {database.display_name} ({flag}): {said}; check the address "
                    "and that the server is running."
                ) from error
            raise describe_error(error, database.display_name) from error

    def _check_source(self) -> None:
        name = self.source.display_name
        self._reach(self.source, "--from")
        path = sqlite_file(self.source.url)
        if path is not None:
            if not path.is_file():
                raise DatabaseError(f"There is no database file {path} to copy from (--from).")
            with path.open("rb") as handle:
                if handle.read(len(SQLITE_HEADER)) not in (SQLITE_HEADER, b""):
                    raise DatabaseError(f"{path} is not an OfferDesk database (it is not a SQLite file).")
        status = schema.schema_status(self.source)
        if status.state is schema.SchemaState.EMPTY:
            raise DatabaseError(f"{name} holds no OfferDesk database; there is nothing to copy.")
        if status.state is schema.SchemaState.OUTDATED:
            raise DatabaseError(
                f"{name} uses schema {status.revision}, not the current {schema.SCHEMA_HEAD}; run "
                f"`offerdesk db upgrade --db-url {self.source.url}` on it first, then copy it."
            )

    def _check_target(self) -> schema.SchemaState:
        path = sqlite_file(self.target.url)
        if path is not None:
            check_sqlite_file(path)
        self._reach(self.target, "--to")
        status = schema.schema_status(self.target)
        if status.state is schema.SchemaState.OUTDATED:
            raise DatabaseError(
                f"{self.target.display_name} is an OfferDesk database at the older schema {status.revision}; "
                f"run `offerdesk db upgrade --db-url {self.target.url}` on it first, or copy to another database."
            )
        return status.state

    def _count(self, database: Database, *, read_only: bool) -> dict[str, int]:
        try:
            with database.engine.connect() as connection:
                if read_only:
                    connection.execution_options(**{READ_ONLY: True})
                with connection.begin():
                    return {model.name: copying.count_rows(connection, model) for model in copying.copied_tables()}
        except sa_exc.DBAPIError as error:
            raise describe_error(error, database.display_name) from error

    # -- copying ------------------------------------------------------------------------------------------------
    def run(self, *, replace: bool = False, progress: copying.ProgressHook | None = None) -> CopyReport:
        plan = self.survey()
        if plan.target_rows and not replace:
            raise ValidationError(plan.refusal())
        backup = None
        if plan.target_rows and sqlite_file(self.target.url) is not None:
            from offerdesk.services.setup.backups import safety_backup

            backup = safety_backup(self.target, self._backup_dir, "before-copy")
        if plan.target_empty_schema:
            schema.upgrade(self.target, None)
            self.target.enable_wal()
        report = self._copy(plan, progress if plan.source_rows >= BIG_COPY_ROWS else None)
        self._copied = True
        self.target.wrote()
        self._analyze()
        return CopyReport(
            source=plan.source,
            target=plan.target,
            tables=report[0],
            checksum=report[1],
            target_checksum=report[2],
            backup=backup,
            replaced_rows=plan.target_row_count,
            created_schema=plan.target_empty_schema,
        )

    def _analyze(self) -> None:
        """A server plans its queries (the candidate search's trigram index) from statistics a bulk load left
        stale; gathering them now saves the first searches from a table scan. Not being allowed to is no failure."""
        if self.target.is_sqlite:
            return
        try:
            with self.target.engine.connect() as connection:
                connection.exec_driver_sql("ANALYZE")
                connection.commit()
        except sa_exc.DBAPIError:
            return

    def _copy(self, plan: CopyPlan, progress: copying.ProgressHook | None) -> tuple[list[TableResult], str, str]:
        tables = copying.copied_tables()
        reader = make_engine(self.source.url, pooled=False, password=self.source.password)
        try:
            with reader.connect() as reading:
                reading.execution_options(**{READ_ONLY: True})
                with reading.begin():
                    self._read_only(reading)
                    return self._write(reading, tables, progress)
        except sa_exc.DBAPIError as error:  # a source failure; a target one was turned into a sentence already
            raise describe_error(error, self.source.display_name) from error
        finally:
            reader.dispose()

    @staticmethod
    def _read_only(reading: Connection) -> None:
        """A snapshot that cannot write: read-only on both engines, repeatable on the server."""
        if reading.dialect.name == "postgresql":
            reading.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
        else:
            reading.exec_driver_sql("PRAGMA query_only = ON")  # the connection is closed, not pooled, afterwards

    def _write(
        self, reading: Connection, tables: list[Table], progress: copying.ProgressHook | None
    ) -> tuple[list[TableResult], str, str]:
        name = self.target.display_name
        try:
            with self.target.engine.connect() as writing, writing.begin():
                copying.begin_bulk_copy(writing)
                copying.empty_tables(writing, tables)
                sums = []
                for done, model in enumerate(tables, start=1):
                    sums.append(self._copy_table(reading, writing, model))
                    if progress is not None:
                        progress(model.name, sums[-1].rows, done, len(tables))
                results = self._verify(writing, tables, sums)
                copying.reset_sequences(writing, tables)  # last: a sequence does not roll back
                return results
        except _SourceFailed as failed:
            raise failed.error from failed.__cause__
        except (sa_exc.DBAPIError, ValueError, LookupError) as error:
            said = describe_error(error, name) if isinstance(error, sa_exc.DBAPIError) else f"{name}: {error}."
            raise DatabaseError(f"{said} Nothing was copied: {name} was left as it was.") from error

    def _copy_table(self, reading: Connection, writing: Connection, model: Table) -> copying.TableChecksum:
        writer = copying.TableWriter(writing, model)
        checksum = copying.TableChecksum(model)
        for batch in _source_rows(reading, model, self.source.display_name):
            checksum.add(batch)
            writer.write(batch)
        writer.finish()
        return checksum

    def _verify(
        self, writing: Connection, tables: list[Table], sums: list[copying.TableChecksum]
    ) -> tuple[list[TableResult], str, str]:
        results = []
        for model, source_sum in zip(tables, sums, strict=True):
            copied = copying.count_rows(writing, model)
            target_sum = copying.table_checksum(writing, model)
            ok_count = copied == source_sum.rows == target_sum.rows
            results.append(
                TableResult(
                    model.name,
                    source_sum.rows,
                    source_sum.hexdigest(),
                    target_sum.hexdigest() if ok_count else f"{copied} rows",
                )
            )
        wrong = [result for result in results if not result.ok]
        if wrong:
            listed = ", ".join(f"{result.name} ({result.rows:,} rows)" for result in wrong)
            raise DatabaseError(
                f"The copy in {self.target.display_name} did not match {self.source.display_name} in {listed}; "
                "nothing was kept (the target was rolled back, unchanged)."
            )
        source = copying.overall_checksum((result.name, result.source_checksum) for result in results)
        target = copying.overall_checksum((result.name, result.target_checksum) for result in results)
        return results, source, target


class _SourceFailed(Exception):
    """Carries a source's failure out through the target's transaction, which rolls back on the way."""

    def __init__(self, error: OfferDeskError) -> None:
        super().__init__(str(error))
        self.error = error


def _source_rows(reading: Connection, model: Table, name: str) -> Iterator[list[copying.Row]]:
    try:
        yield from copying.read_rows(reading, model)
    except sa_exc.DBAPIError as error:
        raise _SourceFailed(describe_error(error, name)) from error
    except (ValueError, LookupError) as error:
        failure = DatabaseError(f"A value in the table {model.name} of {name} cannot be read ({error}).")
        raise _SourceFailed(failure) from error
