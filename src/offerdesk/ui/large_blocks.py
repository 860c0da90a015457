"""Memory the window frees goes back to the system on Linux, instead of staying resident for the session.

glibc gives a block of 128 KiB or more its own mapping, returned to the system when freed, but after the first such
block is freed it raises that threshold to the block's size (up to 32 MB). From then on the big short-lived blocks
of a session (a list of 100,000 ids read again after every change, a letter's document, an import's file) come from
the heap, and what they leave when freed stays resident: about 25 MB by the end of a working session at 100,000
candidates. A fixed threshold keeps them in mappings of their own. Other systems return memory their own way.
"""

from __future__ import annotations

import ctypes
import platform
import sys

M_MMAP_THRESHOLD = -3  # mallopt's parameter (malloc.h); setting it also ends glibc's raising of it
THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value


def return_large_blocks() -> bool:
    """Keep blocks of 128 KiB and more in mappings of their own (glibc only); True when it applied."""
    if not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc":
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD_BYTES))
