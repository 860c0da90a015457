"""Libraries only some sessions need are loaded when they are used, not carried by every window: the Excel readers
(about 10 MB) by an import of a workbook, the cipher by an encrypted backup, icalendar by a calendar file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ON_DEMAND = ("openpyxl", "xlrd", "cryptography", "icalendar")

PROGRAM = """
import json, sys
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from offerdesk.paths import resolve_paths
from offerdesk.services.candidates.importing import ImportOptions
from offerdesk.services.setup.bootstrap import open_services

ON_DEMAND = {on_demand!r}
folder = Path(sys.argv[1])
loaded = {{}}
services, _ = open_services(resolve_paths(folder / "data"), seed_demo_data=False)
loaded["open"] = [name for name in ON_DEMAND if name in sys.modules]
table = folder / "people.csv"
table.write_text("Name,Email\\nAda Lovelace,ada@example.com\\n", encoding="utf-8")
services.candidate_import.run(table, ImportOptions())
services.backups.create(encrypt=False)
loaded["csv import and plain backup"] = [name for name in ON_DEMAND if name in sys.modules]
services.followups.feed_calendar(ZoneInfo("Europe/Amsterdam"), date(2026, 1, 5))
loaded["calendar"] = [name for name in ON_DEMAND if name in sys.modules]
print(json.dumps(loaded))
"""


def test_excel_cipher_and_calendar_libraries_load_only_when_used(tmp_path: Path) -> None:
    program = PROGRAM.format(on_demand=ON_DEMAND)
    done = subprocess.run(
        [sys.executable, "-c", program, str(tmp_path)], capture_output=True, text=True, timeout=120, check=True
    )
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded == {"open": [], "csv import and plain backup": [], "calendar": ["icalendar"]}
