"""The core packages and the command line never import Qt: the GUI is one face, the CLI the other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import offerdesk

PACKAGE = Path(offerdesk.__file__).parent
QT_FREE = ("domain", "storage", "services", "letters", "importing", "cli")


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_core_packages_do_not_import_qt() -> None:
    offenders = []
    for package in QT_FREE:
        for path in (PACKAGE / package).rglob("*.py"):
            if any(name.split(".")[0] in ("PySide6", "shiboken6") for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_core_packages_do_not_import_the_gui() -> None:
    offenders = []
    for package in ("domain", "storage", "services", "letters", "importing"):
        for path in (PACKAGE / package).rglob("*.py"):
            if any(name.startswith(("offerdesk.ui", "offerdesk.app")) for name in _imports(path)):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_running_a_cli_command_loads_no_qt(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from offerdesk.cli import main\n"
        f"code = main(['--data-dir', {str(tmp_path)!r}, 'info'])\n"
        "assert code == 0, code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip().splitlines()[-1] == "[]"


def _offenders(packages: tuple[str, ...], forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for package in packages:
        for path in (PACKAGE / package).rglob("*.py"):
            names = _imports(path)
            if any(name == prefix or name.startswith(prefix + ".") for name in names for prefix in forbidden):
                found.append(str(path.relative_to(PACKAGE)))
    return sorted(found)


def test_the_gui_and_the_cli_reach_the_database_only_through_services() -> None:
    assert _offenders(("ui", "cli"), ("sqlalchemy", "offerdesk.storage")) == []


def test_letters_are_filled_from_domain_values_never_from_database_rows() -> None:
    assert _offenders(("letters", "domain"), ("sqlalchemy", "offerdesk.storage", "offerdesk.services")) == []


def test_the_command_line_modules_import_each_other_without_a_circle() -> None:
    """A command module needs the session, never the dispatch table that names it."""
    modules = {f"offerdesk.cli.{path.stem}": path for path in (PACKAGE / "cli").glob("*.py") if path.stem != "__init__"}
    graph = {}
    for name, path in modules.items():
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "offerdesk.cli":
                imported.update(f"offerdesk.cli.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        graph[name] = {other for other in imported if other in modules and other != name}

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        return any(nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})) for nxt in graph[start])

    assert sorted(name for name in graph if reaches(name, name, {name})) == []


def test_offer_rows_are_built_only_by_the_offer_gateway() -> None:
    """storage/offers.py is the one place where terms become version, component, grant and contingency rows."""
    rows = {"OfferVersion", "OfferComponent", "EquityGrant", "Contingency"}
    builders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in rows:
                builders.append(str(path.relative_to(PACKAGE)))
    assert sorted(set(builders)) == ["storage/offers.py"]
