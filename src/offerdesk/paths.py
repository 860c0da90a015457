"""Where OfferDesk keeps its files; every location can be moved with --data-dir or OFFERDESK_DATA_DIR."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "OfferDesk"
DATA_DIR_ENV = "OFFERDESK_DATA_DIR"
DB_URL_ENV = "OFFERDESK_DB_URL"
DATABASE_FILENAME = "offerdesk.sqlite"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one OfferDesk installation (or of one test)."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def database_file(self) -> Path:
        return self.data_dir / DATABASE_FILENAME

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def templates_dir(self) -> Path:
        """User-added letter templates are copied here, so moving the source file breaks nothing."""
        return self.data_dir / "templates"

    @property
    def exports_dir(self) -> Path:
        return self.data_dir / "letters"

    @property
    def team_choice_file(self) -> Path:
        """The team database the window opened last (its URL without the password); absent: the local one."""
        return self.config_dir / "team-database.json"

    @property
    def window_state_file(self) -> Path:
        return self.config_dir / "window-state.ini"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "offerdesk.log"


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Platform folders, or everything under one folder when the user (or a test) names one."""
    chosen = data_dir if data_dir is not None else os.environ.get(DATA_DIR_ENV) or None
    if chosen is not None:
        root = Path(chosen).expanduser().absolute()
        return AppPaths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
    )


def resolve_db_url(paths: AppPaths, db_url: str | None = None) -> str:
    """An explicit URL (flag, then environment) wins over the SQLite file in the data folder."""
    chosen = db_url or os.environ.get(DB_URL_ENV) or None
    if chosen:
        return chosen
    return f"sqlite:///{paths.database_file.as_posix()}"
