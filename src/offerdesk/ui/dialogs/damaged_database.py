"""Starting on a damaged database: say what was found, and offer the newest good backup besides quitting.

The restore is BackupService.restore, the same as `offerdesk backup restore`: it keeps the damaged file (and its -wal)
aside in the backups folder first, so choosing it destroys nothing; quitting leaves every file as it was.
"""

from __future__ import annotations

import logging

from offerdesk.errors import DatabaseDamaged, OfferDeskError
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import Services, StartupReport, open_backups, open_services
from offerdesk.ui.dialogs.prompter import Prompter

log = logging.getLogger(__name__)

DAMAGED_TITLE = "OfferDesk found a damaged database"
QUIT = "Quit"


def restore_label(shown_time: str) -> str:
    return f"Restore the newest good backup ({shown_time})"


def open_or_offer_restore(
    paths: AppPaths, db_url: str | None, prompter: Prompter, *, seed_demo_data: bool = True
) -> tuple[Services, StartupReport] | None:
    """The opened services; on a damaged database, the restore the user chose and then the services; None to quit
    (every refusal has been shown)."""
    try:
        return open_services(paths, db_url, seed_demo_data=seed_demo_data)
    except DatabaseDamaged as error:
        damaged = error
    except OfferDeskError as error:
        prompter.error("OfferDesk cannot start", str(error))
        return None
    log.warning("damaged database: %s", damaged)
    backups = open_backups(paths, db_url)
    good = backups.newest_good()
    if good is None:
        prompter.error(DAMAGED_TITLE, f"{damaged} There is no good backup to restore in {paths.backup_dir}.")
        return None
    label = restore_label(good.shown_time)
    question = (
        f"{damaged.finding}\n\nThe newest good backup is from {good.shown_time} ({good.path.name}, {good.shown_size}). "
        "Restoring it keeps the damaged file aside in the backups folder; changes made after the backup are not in it."
    )
    if prompter.ask_action(DAMAGED_TITLE, question, [label], QUIT) != label:
        return None
    try:
        restored = backups.restore(str(good.path))
        opened = open_services(paths, db_url, seed_demo_data=seed_demo_data)
    except OfferDeskError as error:
        prompter.error("The backup was not restored", str(error))
        return None
    prompter.info("Backup restored", restored)
    return opened
