"""Opening the window's database when it is a team server: an unreachable server or a schema this OfferDesk cannot
work on is said in a sentence naming the server, with the local database offered instead.

A SQLite file goes the way it always has (damaged_database.open_or_offer_restore: the restore offer).
"""

from __future__ import annotations

import logging

from offerdesk.errors import OfferDeskError, ServerUnreachable
from offerdesk.paths import AppPaths
from offerdesk.services.setup.bootstrap import Services, StartupReport, WindowLock, lock_for_window, open_services
from offerdesk.services.setup.team_connection import is_server, local_url, server_label
from offerdesk.ui.dialogs.damaged_database import open_or_offer_restore
from offerdesk.ui.dialogs.prompter import Prompter

log = logging.getLogger(__name__)

UNREACHABLE_TITLE = "The team database cannot be reached"
REFUSED_TITLE = "OfferDesk cannot work on the team database"
OPEN_LOCAL = "Open the local database instead"
TRY_AGAIN = "Try again"
QUIT = "Quit"

Opened = tuple[Services, StartupReport, WindowLock | None]  # and the local database's lock, when it was opened instead


def open_for_window(
    paths: AppPaths, db_url: str | None, prompter: Prompter, *, seed_demo_data: bool = True
) -> Opened | None:
    """The services the window starts on (the server, or the local database the user chose instead); None to quit,
    everything refused having been said."""
    if not is_server(db_url):
        opened = open_or_offer_restore(paths, db_url, prompter, seed_demo_data=seed_demo_data)
        return None if opened is None else (*opened, None)
    assert db_url is not None
    where = server_label(db_url)
    while True:
        try:
            services, report = open_services(paths, db_url, seed_demo_data=False)  # no demo records for a team
            return services, report, None
        except ServerUnreachable as error:
            log.warning("team database unreachable at start: %s", error)
            answer = prompter.ask_action(
                UNREACHABLE_TITLE,
                f"OfferDesk cannot reach the team database {where}: nothing answered there. Check the network, or "
                "ask the administrator whether the server is running.\n\nYou can work on this computer's own "
                "database meanwhile; OfferDesk tries the team database again at the next start.",
                [OPEN_LOCAL, TRY_AGAIN],
                QUIT,
            )
        except OfferDeskError as error:  # a schema it cannot work on, another program's database, a refusal
            log.warning("team database refused at start: %s", error)
            answer = prompter.ask_action(REFUSED_TITLE, str(error), [OPEN_LOCAL], QUIT)
        if answer == TRY_AGAIN:
            continue
        if answer != OPEN_LOCAL:
            return None
        return _open_local(paths, prompter, seed_demo_data=seed_demo_data)


def _open_local(paths: AppPaths, prompter: Prompter, *, seed_demo_data: bool) -> Opened | None:
    """The local database, as a start without a team database opens it (its window lock first)."""
    local = local_url(paths)
    try:
        lock = lock_for_window(paths, local)
    except OfferDeskError as error:
        prompter.error("OfferDesk is already open", str(error))
        return None
    opened = open_or_offer_restore(paths, local, prompter, seed_demo_data=seed_demo_data)
    if opened is None:
        if lock is not None:
            lock.release()
        return None
    return (*opened, lock)
