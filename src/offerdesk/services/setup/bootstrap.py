"""Opens an installation: checks the database, creates or upgrades its schema, seeds a new one, wires services."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from offerdesk.errors import DatabaseError
from offerdesk.paths import AppPaths, resolve_db_url
from offerdesk.services.callprep.content import (
    install_shipped_content,
    installed_content_version,
    load_shipped_content,
)
from offerdesk.services.callprep.content_queries import ContentService
from offerdesk.services.callprep.followups import CadenceService, FollowUpService
from offerdesk.services.candidates.listing import CandidateService
from offerdesk.services.letters.bundled import register_bundled_templates
from offerdesk.services.offers.status import OfferService
from offerdesk.services.setup.demo import DemoService, seed_demo
from offerdesk.services.setup.leftovers import remove_stale_partials
from offerdesk.services.setup.settings import SettingsService
from offerdesk.services.setup.team_password import without_password
from offerdesk.storage import schema
from offerdesk.storage.db import Database, check_sqlite_file, normalize_url, sqlite_file
from offerdesk.storage.health import check_database_health
from offerdesk.storage.instance_lock import WindowLock as WindowLock  # the window holds it: re-exported
from offerdesk.storage.wal_guard import OpenMarker

if TYPE_CHECKING:
    from offerdesk.services.callprep.calls import CallService
    from offerdesk.services.callprep.library import LibraryService
    from offerdesk.services.callprep.practice import PracticeService
    from offerdesk.services.callprep.prep_sheet import PrepSheetService
    from offerdesk.services.callprep.scripts import ScriptService
    from offerdesk.services.callprep.search_memory import SearchMemory
    from offerdesk.services.candidates.exporting import CandidateExport
    from offerdesk.services.candidates.importing import CandidateImport
    from offerdesk.services.candidates.records import CandidateRecords
    from offerdesk.services.candidates.views import CandidateViews
    from offerdesk.services.coach import CoachService
    from offerdesk.services.letters.adoption import TemplateAdoption
    from offerdesk.services.letters.email_draft import EmailDraftService
    from offerdesk.services.letters.export import LetterService
    from offerdesk.services.letters.library import TemplateLibrary
    from offerdesk.services.offers.compensation import CompensationService
    from offerdesk.services.offers.editing import OfferEditing
    from offerdesk.services.offers.json_document import OfferJson
    from offerdesk.services.offers.roles import RoleService
    from offerdesk.services.setup.backups import BackupService
    from offerdesk.services.stats import StatsService
    from offerdesk.services.team.audit import AuditTrail
    from offerdesk.services.team.members import TeamService


@dataclass(frozen=True)
class StartupReport:
    created: bool
    upgraded_from: str | None
    backup: Path | None
    seeded_demo: bool


class Services:
    """Everything the GUI and the CLI call; built once per process (workers build their own).

    The services a window needs to paint are built at once; the others are built, and their modules imported, on
    first use, which keeps start-up short.
    """

    def __init__(self, paths: AppPaths, database: Database) -> None:
        self.paths = paths
        self.database = database
        self.candidates = CandidateService(database)
        self.offers = OfferService(database)
        self.demo = DemoService(database, paths.backup_dir)
        self.content = ContentService(database)
        self.settings = SettingsService(database)
        self.followups = FollowUpService(database)
        self.cadence = CadenceService(database)

    @classmethod
    def over(cls, paths: AppPaths, database: Database) -> Services:
        return cls(paths, database)

    @cached_property
    def candidate_records(self) -> CandidateRecords:
        from offerdesk.services.candidates.records import CandidateRecords

        return CandidateRecords(self.database, self.paths.backup_dir)

    @cached_property
    def candidate_views(self) -> CandidateViews:
        from offerdesk.services.candidates.views import CandidateViews

        return CandidateViews(self.database)

    @cached_property
    def candidate_export(self) -> CandidateExport:
        from offerdesk.services.candidates.exporting import CandidateExport

        return CandidateExport(self.database)

    @cached_property
    def candidate_import(self) -> CandidateImport:
        from offerdesk.services.candidates.importing import CandidateImport

        return CandidateImport(self.database, self.paths.backup_dir)

    @cached_property
    def offer_editing(self) -> OfferEditing:
        from offerdesk.services.offers.editing import OfferEditing

        return OfferEditing(self.database, self.paths)

    @cached_property
    def offer_json(self) -> OfferJson:
        from offerdesk.services.offers.json_document import OfferJson

        return OfferJson(self.database, self.paths.backup_dir)

    @cached_property
    def scripts(self) -> ScriptService:
        from offerdesk.services.callprep.scripts import ScriptService

        return ScriptService(self.database)

    @cached_property
    def prep_sheets(self) -> PrepSheetService:
        from offerdesk.services.callprep.prep_sheet import PrepSheetService

        return PrepSheetService(self)

    @cached_property
    def templates(self) -> TemplateLibrary:
        from offerdesk.services.letters.library import TemplateLibrary

        return TemplateLibrary(self.database, self.paths)

    @cached_property
    def template_adoption(self) -> TemplateAdoption:
        from offerdesk.services.letters.adoption import TemplateAdoption

        return TemplateAdoption(self.database, self.paths)

    @cached_property
    def letters(self) -> LetterService:
        from offerdesk.services.letters.export import LetterService

        return LetterService(self.database, self.paths, self.settings)

    @cached_property
    def email_drafts(self) -> EmailDraftService:
        from offerdesk.services.letters.email_draft import EmailDraftService

        return EmailDraftService(self.database, self.letters, self.settings)

    @cached_property
    def calls(self) -> CallService:
        from offerdesk.services.callprep.calls import CallService

        return CallService(self.database)

    @cached_property
    def practice(self) -> PracticeService:
        from offerdesk.services.callprep.practice import PracticeService

        return PracticeService(self.database)

    @cached_property
    def library(self) -> LibraryService:
        from offerdesk.services.callprep.library import LibraryService

        return LibraryService(self.database, backup_dir=self.paths.backup_dir)

    @cached_property
    def compensation(self) -> CompensationService:
        from offerdesk.services.offers.compensation import CompensationService

        return CompensationService(self.database)

    @cached_property
    def roles(self) -> RoleService:
        from offerdesk.services.offers.roles import RoleService

        return RoleService(self.database)

    @cached_property
    def stats(self) -> StatsService:
        from offerdesk.services.stats import StatsService

        return StatsService(self.database)

    @cached_property
    def coach(self) -> CoachService:
        from offerdesk.services.coach import CoachService

        return CoachService(self.database)

    @cached_property
    def backups(self) -> BackupService:
        from offerdesk.services.setup.backups import BackupService

        return BackupService(self.database, self.paths.backup_dir, encrypt=self.settings.backup_encrypted)

    @cached_property
    def search_memory(self) -> SearchMemory:
        """This user's remembered objection searches (a file in the config folder, never the shared database)."""
        from offerdesk.services.callprep.search_memory import MEMORY_FILENAME, SearchMemory

        return SearchMemory(self.paths.config_dir / MEMORY_FILENAME)

    @cached_property
    def team(self) -> TeamService:
        """Who is on a team's server and what the current login may do (its role is looked up once)."""
        from offerdesk.services.team.members import TeamService

        return TeamService(self.database)

    @cached_property
    def audit(self) -> AuditTrail:
        from offerdesk.services.team.audit import AuditTrail

        return AuditTrail(self.database)

    def close(self) -> None:
        if "letters" in self.__dict__:  # the letter processes a batch started end with the session
            self.letters.close()
        self.database.close()


def open_backups(paths: AppPaths, db_url: str | None = None) -> BackupService:
    """The backups of the database, without opening or checking it: restoring is the way out of a damaged file."""
    from offerdesk.services.setup.backups import BackupService

    url, password = without_password(normalize_url(resolve_db_url(paths, db_url)))
    database = Database(url, password=password)
    return BackupService(database, paths.backup_dir, encrypt=SettingsService(database).backup_encrypted)


def lock_for_window(paths: AppPaths, db_url: str | None = None) -> WindowLock | None:
    """The one-window-per-database lock (None for a server database, or a folder that does not exist yet: opening
    says so); AlreadyOpen names the window that holds it."""
    path = sqlite_file(normalize_url(resolve_db_url(paths, db_url)))
    if path is None:
        return None
    if path == paths.database_file:
        paths.data_dir.mkdir(parents=True, exist_ok=True)
    if not path.parent.is_dir():
        return None
    return WindowLock.acquire(path)


def open_database(paths: AppPaths, db_url: str | None = None) -> Database:
    """Check the target before SQLite touches it; create the default data folder, never a user-named one."""
    url, password = without_password(normalize_url(resolve_db_url(paths, db_url)))  # the password: keychain
    path = sqlite_file(url)
    if path is not None:
        if path == paths.database_file:
            paths.data_dir.mkdir(parents=True, exist_ok=True)
        check_sqlite_file(path)
        check_database_health(path, paths.backup_dir)  # before anything writes: a damaged file stays as it is
    database = Database(url, password=password)
    if path is not None:
        marker = OpenMarker.place(path)  # before SQLite opens the file: a crash from here on is noticed
        database.after_write.append(marker.record)
        database.on_close.append(lambda checkpointed: marker.release(checkpointed=checkpointed))
    return database


def prepare_schema(
    database: Database, paths: AppPaths, *, seed_demo_data: bool, upgrade_server: bool = False
) -> StartupReport:
    status = schema.schema_status(database)
    created = status.state is schema.SchemaState.EMPTY
    backup = None
    if status.state is not schema.SchemaState.CURRENT:
        if status.state is schema.SchemaState.OUTDATED and not database.is_sqlite and not upgrade_server:
            raise DatabaseError(
                f"The shared database {database.display_name} uses schema {status.revision}; "
                "ask its administrator to run `offerdesk db upgrade`."
            )
        backup = schema.upgrade(database, paths.backup_dir)
    elif upgrade_server:  # `offerdesk db upgrade` of a current server still renews its triggers, roles and grants
        from offerdesk.storage.server_objects import reinstall

        reinstall(database)
    database.enable_wal()
    database.wrote()
    content = load_shipped_content()
    with database.transaction() as session:
        if created or installed_content_version(session) < content.version:
            install_shipped_content(session, content)
        register_bundled_templates(session)  # cheap; a new release may ship new or changed templates
        if created and seed_demo_data:
            seed_demo(session)
    return StartupReport(
        created=created,
        upgraded_from=status.revision if status.state is schema.SchemaState.OUTDATED else None,
        backup=backup,
        seeded_demo=created and seed_demo_data,
    )


def open_services(
    paths: AppPaths, db_url: str | None = None, *, seed_demo_data: bool = True, upgrade_server: bool = False
) -> tuple[Services, StartupReport]:
    """Open (creating or upgrading as needed) and wire the services; a shared server is upgraded only on request."""
    database = open_database(paths, db_url)
    try:
        report = prepare_schema(database, paths, seed_demo_data=seed_demo_data, upgrade_server=upgrade_server)
    except BaseException:
        database.close()
        raise
    remove_stale_partials(paths)
    return Services.over(paths, database), report
