"""The source of every imported module is not kept in memory for the life of the window.

PySide6 looks at each module as it is imported to see whether it uses PySide6 (for its opt-in `__feature__`
switches): it reads the module's whole source with `inspect.getsource`, which keeps every line in `linecache`.
Nothing reads those lines again, yet at start-up they come to about 30 MB of strings (1,200 modules), and each
dialog or export that imports a library adds its source. The check is kept as it is; only the lines it read are
let go of once it has answered. A traceback still shows its source lines: `linecache` reads a file when asked.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType

_CHECK = "_mod_uses_pyside"  # shibokensupport.feature's test of a freshly imported module
_MARK = "_offerdesk_forgets_source"


def forget_after_import_check() -> bool:
    """Let go of the source lines PySide6's import check reads; False when this PySide6 has no such check."""
    import PySide6.QtCore  # noqa: F401  (installs the import check this wraps)

    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, _CHECK, None)
    if feature is None or not callable(check):
        return False
    if not getattr(check, _MARK, False):
        setattr(feature, _CHECK, _forgetting(check))
    linecache.clearcache()  # what it read before now: the modules imported so far
    return True


def _forgetting(check: Callable[[ModuleType], bool]) -> Callable[[ModuleType], bool]:
    def check_and_forget(module: ModuleType) -> bool:
        cached = set(linecache.cache)
        try:
            return check(module)
        finally:
            for filename in set(linecache.cache) - cached:
                linecache.cache.pop(filename, None)

    setattr(check_and_forget, _MARK, True)
    return check_and_forget
