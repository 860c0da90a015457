"""Encrypted backup files: AES-256-GCM over 1 MB chunks, so a database of any size is encrypted in little memory.

A file is the header (a marker, the key's id, a random nonce prefix) and then chunks, each its flag (last or not),
its length and its ciphertext. Every chunk's nonce is the prefix and the chunk's number, and its tag covers the
header, the number and the flag, so a chunk moved, dropped, changed or cut off is found, not read. The key's id
(a hash of the key, which tells nothing of it) says which key a file needs before any decryption is tried.
The cipher library is imported when a file is encrypted or decrypted: the keys and headers need only hashlib, and
the window, which reads them at start-up, would otherwise carry the library's 7 MB in every session.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import struct
from pathlib import Path
from typing import IO

MAGIC = b"OFFERDESK-BACKUP-AES256GCM-1\n"
KEY_BYTES = 32
KEY_ID_BYTES = 8
PREFIX_BYTES = 8
CHUNK = 1024 * 1024
_TAG = 16
_CHUNK_HEAD = struct.Struct(">BI")  # last-chunk flag, ciphertext length
HEADER_BYTES = len(MAGIC) + KEY_ID_BYTES + PREFIX_BYTES


class NotThisKey(Exception):
    """The file was encrypted with another key than the one given."""


class Damaged(Exception):
    """The file is cut off or was changed after it was written."""


def new_key() -> bytes:
    return os.urandom(KEY_BYTES)


def key_text(key: bytes) -> str:
    """The key as 44 characters a person can copy into a password manager or OFFERDESK_BACKUP_KEY."""
    return base64.urlsafe_b64encode(key).decode("ascii")


def key_from_text(text: str) -> bytes | None:
    """The key written by key_text, or None when `text` is not one."""
    try:
        key = base64.urlsafe_b64decode(text.strip().encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    return key if len(key) == KEY_BYTES else None


def key_id(key: bytes) -> bytes:
    return hashlib.sha256(b"OfferDesk backup key id\0" + key).digest()[:KEY_ID_BYTES]


def needed_key_id(path: Path) -> bytes | None:
    """The id of the key `path` is encrypted with, or None when it is not an encrypted backup."""
    with path.open("rb") as stream:
        header = stream.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        return None
    return header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES]


def _nonce(prefix: bytes, number: int) -> bytes:
    return prefix + struct.pack(">I", number)


def _associated(header: bytes, number: int, last: bool) -> bytes:
    return header + struct.pack(">IB", number, last)


def encrypt_stream(source: IO[bytes], target: IO[bytes], key: bytes) -> None:
    """Write `source`'s bytes encrypted into `target`, one chunk in memory at a time."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    cipher = AESGCM(key)
    header = MAGIC + key_id(key) + os.urandom(PREFIX_BYTES)
    prefix = header[-PREFIX_BYTES:]
    target.write(header)
    number = 0
    block = source.read(CHUNK)
    while True:
        following = source.read(CHUNK) if block else b""
        last = not following
        sealed = cipher.encrypt(_nonce(prefix, number), block, _associated(header, number, last))
        target.write(_CHUNK_HEAD.pack(last, len(sealed)))
        target.write(sealed)
        if last:
            return
        block, number = following, number + 1
        if number >= 2**32:
            raise ValueError("a backup this large cannot be encrypted in one file")


def decrypt_stream(source: IO[bytes], target: IO[bytes], key: bytes) -> None:
    """Write the plain bytes of the encrypted `source` into `target`; NotThisKey or Damaged when it cannot."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    header = source.read(HEADER_BYTES)
    if len(header) < HEADER_BYTES or not header.startswith(MAGIC):
        raise Damaged("it does not start as an encrypted OfferDesk backup")
    if header[len(MAGIC) : len(MAGIC) + KEY_ID_BYTES] != key_id(key):
        raise NotThisKey()
    cipher, prefix = AESGCM(key), header[-PREFIX_BYTES:]
    number = 0
    while True:
        head = source.read(_CHUNK_HEAD.size)
        if len(head) < _CHUNK_HEAD.size:
            raise Damaged("it is cut off")
        last, length = _CHUNK_HEAD.unpack(head)
        if last not in (0, 1) or length > CHUNK + _TAG:
            raise Damaged("a part of it was changed")
        sealed = source.read(length)
        if len(sealed) < length:
            raise Damaged("it is cut off")
        try:
            target.write(cipher.decrypt(_nonce(prefix, number), sealed, _associated(header, number, bool(last))))
        except InvalidTag:
            raise Damaged("a part of it was changed") from None
        if last:
            if source.read(1):
                raise Damaged("it has bytes after its end")
            return
        number += 1
