"""The key encrypted backups are made with: made once, kept in this computer's keychain, never in a file.

OFFERDESK_BACKUP_KEY (the key's 44 characters) stands in for the keychain in scripts and on another computer. A
backup says which key it needs (by the key's id), so a key is never guessed: one that does not fit is refused.
"""

from __future__ import annotations

from pathlib import Path

from offerdesk.errors import DatabaseError, ValidationError
from offerdesk.services.setup.secrets import BACKUP_KEY, BACKUP_KEY_ENV, Keychain, from_environment, keychain
from offerdesk.storage.encrypted import key_from_text, key_id, key_text, new_key

TYPED = "typed backup key"  # a key the user typed, kept in this process's memory only
NOT_HERE = (
    "This backup ({name}) is encrypted with a key that is not in this computer's keychain (nor in {env}); "
    "restore it on the computer that made it, or set {env} to that computer's backup key "
    "(`offerdesk backup key` there shows it)."
)


class BackupKeys:
    def __init__(self, chain: Keychain | None = None) -> None:
        self._chain = chain

    @property
    def chain(self) -> Keychain:
        return self._chain or keychain()

    def _known(self, *, typed_for_reading: bool = False) -> list[bytes]:
        """The environment's key, then the keychain's (or, without one, the one typed for writing in this run)."""
        found = []
        places = [(BACKUP_KEY_ENV, from_environment(BACKUP_KEY_ENV)), ("the keychain", self.chain.get(BACKUP_KEY))]
        if typed_for_reading:
            places.append(("what was typed", self.chain.get(TYPED)))
        for where, text in places:
            if not text:
                continue
            key = key_from_text(text)
            if key is None:
                raise ValidationError(
                    f"The backup key in {where} is not a backup key "
                    "(it should be 44 characters, as `offerdesk backup key` shows)."
                )
            found.append(key)
        return found

    def for_writing(self) -> bytes:
        """The key new backups are encrypted with, made and kept in the keychain the first time."""
        known = self._known()
        if known:
            return known[0]
        if self.chain.available:
            key = new_key()
            if self.chain.set(BACKUP_KEY, key_text(key)):
                return key
            self.chain.forget_typed(BACKUP_KEY)  # a key kept nowhere would make backups no one can open
        typed = self._typed(BACKUP_KEY, "Type the backup key (44 characters) to encrypt this backup with")
        if typed is None:
            raise ValidationError(
                "Backups cannot be encrypted here: without a working keychain OfferDesk cannot keep a new backup key; "
                f"set {BACKUP_KEY_ENV} to the backup key (44 characters, as `offerdesk backup key` shows it on a "
                "computer with a keychain), or leave backup encryption off."
            )
        return typed

    def for_reading(self, path: Path, needed: bytes) -> bytes:
        """The key whose id is `needed`; a sentence (never a guess) when this computer does not have it."""
        for key in self._known(typed_for_reading=True):
            if key_id(key) == needed:
                return key
        typed = self._typed(TYPED, f"{path.name} is encrypted with another key; type that backup key (44 characters)")
        if typed is not None and key_id(typed) == needed:
            return typed
        raise DatabaseError(NOT_HERE.format(name=path.name, env=BACKUP_KEY_ENV))

    def shown(self) -> str:
        """The key as text, for the user to keep somewhere safe (made first if there is none)."""
        return key_text(self.for_writing())

    def _typed(self, name: str, label: str) -> bytes | None:
        """A key the user types, remembered as `name` for this run (never on disk) when it is one."""
        text = self.chain.ask(name, "Backup key", label)
        key = key_from_text(text) if text else None
        if text and key is None:
            self.chain.forget_typed(name)
        return key
