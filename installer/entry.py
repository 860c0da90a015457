"""The one script behind both frozen executables; the executable's own name says which face to show.

`offerdesk` (console) is the command line, `offerdesk-gui` (windowed) is the window, exactly as the pip-installed
commands of the same names. One script means one analysis and one archive for both, so the bundle holds every
library once.
"""

import multiprocessing
import sys
from pathlib import Path

GUI_SUFFIX = "-gui"


def _is_gui(executable: str) -> bool:
    return Path(executable).stem.lower().endswith(GUI_SUFFIX)


if __name__ == "__main__":
    multiprocessing.freeze_support()  # letter batches render in spawned processes, which re-enter this script
    if _is_gui(sys.executable):
        from offerdesk.app import main
    else:
        from offerdesk.cli import main
    raise SystemExit(main())
