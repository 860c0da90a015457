"""On Linux the window keeps large blocks in mappings of their own, so what it frees goes back to the system."""

from __future__ import annotations

import platform
import sys

from offerdesk.ui import large_blocks


def test_large_blocks_are_returned_where_glibc_allows_it() -> None:
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert large_blocks.return_large_blocks() is glibc
    assert large_blocks.return_large_blocks() is glibc  # setting it again changes nothing
