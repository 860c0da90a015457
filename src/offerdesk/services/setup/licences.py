"""The libraries OfferDesk ships with and the licences they come under, for Help → About and the installer.

What is bundled is read from the installed packages' metadata: the requirement graph from OfferDesk's own
`Requires-Dist`, plus Python itself and the Qt libraries inside PySide6. A frozen app keeps little of that
metadata, so the installer build writes the notice to `resources/third-party-licences.txt` and the app reads it
from there when it is present.

The notice is plain text; its summary is a tab-separated block between two marker lines so that the About
dialog can read the table back from a shipped file.
"""

from __future__ import annotations

import os
import platform
import sys
import tomllib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.requirements import InvalidRequirement, Requirement
from packaging.utils import canonicalize_name

from offerdesk import __version__
from offerdesk.files import atomic_write
from offerdesk.resources import resource_path

NOTICE_FILE = "third-party-licences.txt"
SUMMARY_START = "=== SUMMARY: name, version, licence (tab-separated) ==="
SUMMARY_END = "=== END OF SUMMARY ==="
_RULE = "=" * 78
_THIN_RULE = "-" * 78
_SHORT_LICENCE = 80  # a `License` field longer than this is the licence's full text, not its name
_LICENCE_FILE_PREFIXES = ("LICENSE", "LICENCE", "COPYING", "NOTICE")
_NOT_STATED = "not stated"

_QT_TEXT = (
    "PySide6 bundles the Qt libraries (Qt {version}). OfferDesk uses Qt under the GNU Lesser General Public\n"
    "License version 3 (LGPL-3.0-only): https://www.gnu.org/licenses/lgpl-3.0.html, which adds to the GNU\n"
    "General Public License version 3: https://www.gnu.org/licenses/gpl-3.0.html.\n"
    "The Qt libraries are shipped as separate shared libraries in the OfferDesk folder, unchanged, so they can be\n"
    "replaced with another build of the same Qt version. Qt's source code is available from\n"
    "https://download.qt.io/official_releases/qt/ and https://code.qt.io/."
)


@dataclass(frozen=True)
class Licence:
    """One bundled distribution: what it is and the licence it comes under, with the licence's full text."""

    name: str
    version: str
    licence: str
    home_page: str
    text: str


def bundled_licences() -> list[Licence]:
    """Python, Qt and every distribution OfferDesk needs at run time, sorted by name."""
    return list(_bundled())


@cache
def _bundled() -> tuple[Licence, ...]:
    found = [_licence_of(dist) for dist in _runtime_distributions("offerdesk")]
    found = [replace(licence, text=licence.text or _gnu_text(licence.licence)) for licence in found]
    found.append(_python_licence())
    qt = _qt_licence()
    found.append(replace(qt, text=f"{qt.text}\n\n{_gnu_text(qt.licence)}"))
    return tuple(sorted(found, key=lambda licence: licence.name.lower()))


# The GNU licences whose packages name them without shipping their text; the LGPL-3.0 adds to the GPL-3.0, so a
# copy of both goes with it. OfferDesk uses the packages offered under "LGPL-3.0 OR GPL" (PySide6) under the LGPL.
_GNU_TEXTS = {"LGPL-3.0": ("LGPL-3.0", "GPL-3.0"), "LGPL-2.1": ("LGPL-2.1",)}


def _gnu_text(licence: str) -> str:
    """The full text of the GNU licence `licence` names, from resources/licences/, or "" for any other licence."""
    for named, files in _GNU_TEXTS.items():
        if named in licence:
            return "\n\n".join(_read(resource_path("licences", f"{name}.txt")) for name in files)
    return ""


def _runtime_distributions(root: str) -> list[metadata.Distribution]:
    """The distributions `root` requires at run time, transitively, following only the requirements whose
    markers hold here (extras included only where a requirement asks for them). `root` itself is left out."""
    seen: dict[str, metadata.Distribution] = {}
    pending: list[tuple[str, frozenset[str]]] = [(root, frozenset())]
    pending += [(r.name, frozenset(r.extras)) for r in _applicable(_checkout_dependencies(root), frozenset())]
    expanded: set[tuple[str, frozenset[str]]] = set()
    while pending:
        name, extras = pending.pop()
        key = (canonicalize_name(name), extras)
        if key in expanded:
            continue
        expanded.add(key)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # an optional platform package, or a frozen app's dropped metadata
        if key[0] != canonicalize_name(root):
            seen.setdefault(key[0], dist)
        for requirement in _applicable(dist.requires or [], extras):
            pending.append((requirement.name, frozenset(requirement.extras)))
    return list(seen.values())


def _checkout_dependencies(root: str) -> list[str]:
    """The dependencies a source checkout's pyproject.toml declares: an editable install's metadata is only as
    new as its last `pip install`, and a library added since must not go unlisted."""
    pyproject = Path(__file__).resolve().parents[4] / "pyproject.toml"
    try:
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return []
    if not isinstance(project, dict) or project.get("name") != root:
        return []
    dependencies = project.get("dependencies", [])
    return [str(line) for line in dependencies] if isinstance(dependencies, list) else []


def _applicable(lines: Iterable[str], extras: frozenset[str]) -> Iterator[Requirement]:
    for line in lines:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        marker = requirement.marker
        if marker is None or any(marker.evaluate({"extra": extra}) for extra in extras or {""}):
            yield requirement


def _licence_of(dist: metadata.Distribution) -> Licence:
    return Licence(
        name=_first(dist, "Name") or "unnamed",
        version=dist.version,
        licence=_licence_name(dist),
        home_page=_home_page(dist),
        text=_joined(_licence_texts(dist)),
    )


def _first(dist: metadata.Distribution, field: str) -> str:
    values = dist.metadata.get_all(field) or []
    return str(values[0]).strip() if values else ""


def _licence_name(dist: metadata.Distribution) -> str:
    """License-Expression, else a short License field, else the trove classifiers' licences."""
    expression = _first(dist, "License-Expression")
    if expression:
        return _one_line(expression)
    stated = _first(dist, "License")
    if stated and len(stated) <= _SHORT_LICENCE and "\n" not in stated:
        return _one_line(stated)
    classifiers = [
        str(value).split("::")[-1].strip()
        for value in dist.metadata.get_all("Classifier") or []
        if str(value).startswith("License ::")
    ]
    return _one_line(" OR ".join(classifiers)) if classifiers else _NOT_STATED


def _home_page(dist: metadata.Distribution) -> str:
    urls: list[tuple[str, str]] = []
    for entry in dist.metadata.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        urls.append((label.strip().lower().replace("-", "").replace(" ", ""), url.strip()))
    for label, url in urls:
        if label == "homepage":
            return url
    home = _first(dist, "Home-page")
    if home:
        return home
    for label, url in urls:
        if label in ("source", "sourcecode", "repository", "code"):
            return url
    return urls[0][1] if urls else ""


def _licence_texts(dist: metadata.Distribution) -> list[str]:
    """The text of each `License-File` entry, then any LICENSE/COPYING/NOTICE file in the dist-info folder."""
    texts: list[str] = []
    for entry in dist.metadata.get_all("License-File") or []:
        for candidate in (f"licenses/{entry}", str(entry)):  # Metadata 2.4 puts them under licenses/
            text = dist.read_text(candidate)
            if text:
                texts.append(text)
                break
    for file in dist.files or []:
        if file.parts and file.parts[0].endswith(".dist-info") and file.name.upper().startswith(_LICENCE_FILE_PREFIXES):
            try:
                text = Path(str(dist.locate_file(file))).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            texts.append(text)
    unique: dict[str, str] = {}
    for text in texts:
        unique.setdefault(text.strip(), text)
    return [text for text in unique if text]


def _python_licence() -> Licence:
    candidates = [
        Path(os.__file__).parent / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE.txt",
        Path(sys.base_prefix) / "LICENSE",
    ]
    text = next((_read(path) for path in candidates if path.is_file()), "")
    return Licence("Python", platform.python_version(), "PSF-2.0", "https://www.python.org", text)


def _qt_licence() -> Licence:
    version = ""
    for name in ("PySide6-Essentials", "PySide6"):
        try:
            version = metadata.version(name)
            break
        except metadata.PackageNotFoundError:
            continue
    qt_version = ".".join(version.split(".")[:3]) or "unknown"
    return Licence("Qt", qt_version, "LGPL-3.0-only", "https://www.qt.io", _QT_TEXT.format(version=qt_version))


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return ""


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _joined(texts: list[str]) -> str:
    return f"\n{_THIN_RULE}\n".join(text.strip("\n") for text in texts)


# -- the notice ------------------------------------------------------------------------------------------------
def licence_notice_text(licences: Iterable[Licence]) -> str:
    """A header, the tab-separated summary between its marker lines, then each library's full licence text."""
    listed = list(licences)
    lines = [
        f"OfferDesk {__version__}: third-party software and licences",
        "",
        "OfferDesk includes the following libraries. Each is used under the licence named here; the full",
        "licence texts follow the summary.",
        "",
        SUMMARY_START,
        *(
            "\t".join(_one_line(part) or _NOT_STATED for part in (item.name, item.version, item.licence))
            for item in listed
        ),
        SUMMARY_END,
    ]
    for item in listed:
        lines += ["", _RULE, f"{item.name} {item.version}", f"Licence: {item.licence}"]
        if item.home_page:
            lines.append(f"Home page: {item.home_page}")
        lines += [_THIN_RULE, item.text.strip("\n") or "(No licence file is included with this distribution.)"]
    return "\n".join(lines) + "\n"


def parse_summary(notice: str) -> list[tuple[str, str, str]]:
    """The (name, version, licence) rows of a notice's summary block; empty when it has none."""
    rows: list[tuple[str, str, str]] = []
    inside = False
    for line in notice.splitlines():
        if line == SUMMARY_START:
            inside = True
        elif line == SUMMARY_END:
            break
        elif inside and line:
            name, version, licence = ([*line.split("\t"), "", ""])[:3]
            rows.append((name, version, licence))
    return rows


def write_licence_notice(path: Path) -> Path:
    """Write the notice built from the installed metadata to `path`, whole or not at all (the installer build
    calls this; a half-written notice must never ship)."""
    text = licence_notice_text(bundled_licences())
    with atomic_write(path, "w", encoding="utf-8", newline="\n") as file:
        file.write(text)
    return path


def _shipped_notice(folder: Path | None) -> Path | None:
    if folder is not None:
        return folder / NOTICE_FILE
    try:
        return resource_path(NOTICE_FILE)
    except FileNotFoundError:  # no resources/ folder at all: fall back to the metadata
        return None


@cache
def licence_notice(folder: Path | None = None) -> str:
    """The shipped notice (in `folder`, by default the app's resources) when there is one, else the notice
    built from the installed metadata."""
    shipped = _shipped_notice(folder)
    if shipped is not None and shipped.is_file():
        text = _read(shipped)
        if text:
            return text
    return licence_notice_text(bundled_licences())


def licence_summary(folder: Path | None = None) -> list[tuple[str, str, str]]:
    """(name, version, licence) for each bundled library, read from the same notice the dialog shows."""
    return parse_summary(licence_notice(folder))
