"""None, True and False outlive whatever the Qt binding does to their reference counts.

PySide6 6.12.0 (the release PySide6-Pdf requires) returns a reference it does not own from every wrapped method
that returns nothing (None) and from `Signal.emit` and `Signal.disconnect` (True or False): each call lowers that
object's reference count by one. On Python 3.11 a count that reaches zero frees the object, and freeing None or a
bool aborts the interpreter ("Fatal Python error: bool_dealloc"): after a few hundred searches in the candidate
list, mid-session or at exit. Python 3.12 makes these objects immortal; on 3.11 they get a reference count that no
session can use up, which is the same in effect. Nothing else changes: the binding's calls stay as they are.
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 60  # references added: 10^18 lost ones, far below the count's 2^63 limit


def keep_alive() -> None:
    """Give None, True and False the headroom once (calling again adds nothing)."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return  # immortal already; a 3.12 count must not be written
    for value in (None, True, False):
        count = ctypes.c_ssize_t.from_address(id(value))  # ob_refcnt, the first field of every object
        if count.value < HEADROOM:
            count.value += HEADROOM
