"""The version resource of the Windows executables: what Explorer's Properties → Details and the installer show."""

from __future__ import annotations

import re
from pathlib import Path

_TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'OfferDesk'),
      StringStruct('FileDescription', 'OfferDesk: prepare, make and measure the job offer ask'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('ProductName', 'OfferDesk'),
      StringStruct('ProductVersion', '{version}'),
      StringStruct('LegalCopyright', 'OfferDesk'),
    ])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])]),
  ]
)
"""


def version_numbers(version: str) -> tuple[int, int, int, int]:
    """ "1.2.3" → (1, 2, 3, 0): Windows wants four numbers; a suffix such as "rc1" is left out of them."""
    leading = re.match(r"\d+(?:\.\d+)*", version)
    numbers = [int(part) for part in leading.group(0).split(".")] if leading else []
    first, second, third, fourth = (*numbers, 0, 0, 0, 0)[:4]
    return first, second, third, fourth


def write_version_file(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_TEMPLATE.format(numbers=version_numbers(version), version=version), encoding="utf-8")
    return path
