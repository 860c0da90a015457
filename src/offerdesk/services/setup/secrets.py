"""Secrets OfferDesk keeps for the user (a team database password, the backup key) in the system keychain.

Nothing secret is ever written to a file: a secret lives in the keychain (service "OfferDesk"), in an environment
variable the user set for a script, or in this process's memory after the user typed it. Where the keychain is
missing, locked or broken, the app still runs: it says once what it will not remember and asks when it needs one.
"""

from __future__ import annotations

import getpass
import logging
import os
import sys
from collections.abc import Callable
from types import ModuleType

log = logging.getLogger(__name__)

SERVICE = "OfferDesk"
DB_PASSWORD_ENV = "OFFERDESK_DB_PASSWORD"
BACKUP_KEY_ENV = "OFFERDESK_BACKUP_KEY"
BACKUP_KEY = "backup-key"
UNAVAILABLE = (
    "The system keychain is not available ({reason}), so OfferDesk will not remember the team database password "
    "or the backup key: it asks for them when they are needed (or reads {db_env} and {key_env})."
)

Asker = Callable[[str, str], "str | None"]  # (title, label) → what the user typed, or None when they cancel
Notifier = Callable[[str], None]


def ask_on_terminal(title: str, label: str) -> str | None:
    """The command line's question: typed without echo on a terminal; a script without a terminal is not asked."""
    if sys.stdin is None or not sys.stdin.isatty():
        return None
    try:
        return getpass.getpass(f"{title} — {label}: ") or None
    except (EOFError, KeyboardInterrupt):
        return None


def _keyring() -> ModuleType:
    """keyring, imported when a secret is first needed: a start on a SQLite file never pays for it."""
    import keyring
    import keyring.backends.fail
    import keyring.errors

    return keyring


def keychain_backend() -> str:
    """Which keychain keyring found, as `offerdesk info` names it: a frozen build that lost its backends says
    "none" here instead of failing on the first team password."""
    keyring = _keyring()
    backend = keyring.get_keyring()
    if isinstance(backend, keyring.backends.fail.Keyring):
        return "none (passwords are asked for each time)"
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def keychain_backends_known() -> list[str]:
    """Every keychain backend keyring loaded (usable here or not), for `offerdesk info --format json`: the proof that
    a frozen build still carries the macOS, Windows and Secret Service backends."""
    import keyring.backend

    keyring.backend.get_all_keyring()  # loads every backend: keyring's own and others', all named by entry points
    return sorted(f"{kind.__module__}.{kind.__qualname__}" for kind in keyring.backend.KeyringBackend._classes)


def tell_on_stderr(sentence: str) -> None:
    print(f"offerdesk: {sentence}", file=sys.stderr)


class Keychain:
    """Named secrets under the service "OfferDesk"; a keychain that fails is said once, then no longer tried."""

    def __init__(self, ask: Asker = ask_on_terminal, notify: Notifier = tell_on_stderr) -> None:
        self.ask_user = ask
        self.notify = notify
        self._broken: str | None = None
        self._told = False
        self._typed: dict[str, str] = {}  # secrets typed in this process: remembered for it only, never on disk

    @property
    def available(self) -> bool:
        keyring = _keyring()
        if self._broken is None and isinstance(keyring.get_keyring(), keyring.backends.fail.Keyring):
            self._fail("no keychain is installed")
        return self._broken is None

    def _fail(self, reason: str) -> None:
        self._broken = reason
        log.warning("the system keychain is not available: %s", reason)
        if not self._told:
            self._told = True
            self.notify(UNAVAILABLE.format(reason=reason, db_env=DB_PASSWORD_ENV, key_env=BACKUP_KEY_ENV))

    def get(self, name: str) -> str | None:
        if name in self._typed:
            return self._typed[name]
        if not self.available:
            return None
        try:
            return _keyring().get_password(SERVICE, name)  # type: ignore[no-any-return]
        except _keychain_errors() as error:  # locked, missing, or its service (D-Bus, the OS store) failing
            self._fail(_reason(error))
            return None

    def set(self, name: str, value: str) -> bool:
        """Keep `value`; True when the keychain holds it, False when it is kept for this process only."""
        self._typed[name] = value
        if not self.available:
            return False
        try:
            _keyring().set_password(SERVICE, name, value)
        except _keychain_errors() as error:  # as in get: the keychain cannot keep the secret
            self._fail(_reason(error))
            return False
        del self._typed[name]
        return True

    def delete(self, name: str) -> None:
        self._typed.pop(name, None)
        if not self.available:
            return
        keyring = _keyring()
        try:
            keyring.delete_password(SERVICE, name)
        except keyring.errors.PasswordDeleteError:
            pass  # there was none
        except _keychain_errors() as error:  # as in get
            self._fail(_reason(error))

    def ask(self, name: str, title: str, label: str) -> str | None:
        """Ask the user for the secret `name`; what they type is remembered for this process (never on disk)."""
        typed = self.ask_user(title, label)
        if typed:
            self._typed[name] = typed
        return typed or None

    def forget_typed(self, name: str) -> None:
        self._typed.pop(name, None)


def _keychain_errors() -> tuple[type[BaseException], ...]:
    """What a keychain backend raises when it cannot serve: keyring's own errors, and the OS or D-Bus failures
    (OSError, RuntimeError) the Linux and macOS backends let through; a defect of ours is not among them."""
    return (_keyring().errors.KeyringError, OSError, RuntimeError)


def _reason(error: BaseException) -> str:
    """The kind of failure, never the message: a backend's text could echo what it was given."""
    errors = _keyring().errors
    if isinstance(error, errors.KeyringLocked):
        return "it is locked"
    if isinstance(error, errors.NoKeyringError):
        return "no keychain is installed"
    return f"it reported {type(error).__name__}"


_current = Keychain()


def keychain() -> Keychain:
    """The process's keychain; the window replaces its asker and notifier with its own dialogs."""
    return _current


def use_keychain(replacement: Keychain) -> Keychain:
    """Install `replacement` (the window's, or a test's) and return the one it replaces."""
    global _current
    previous, _current = _current, replacement
    return previous


def from_environment(variable: str) -> str | None:
    return os.environ.get(variable) or None
