"""The bundled libraries' licences: what the installed metadata says OfferDesk ships, and the notice file the
installer build writes for a frozen app to read back."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from offerdesk.services.setup.licences import (
    NOTICE_FILE,
    SUMMARY_END,
    SUMMARY_START,
    Licence,
    bundled_licences,
    licence_notice,
    licence_summary,
    parse_summary,
    write_licence_notice,
)


def _by_name() -> dict[str, Licence]:
    return {canonicalize_name(licence.name): licence for licence in bundled_licences()}


def test_the_libraries_the_app_runs_on_are_listed_with_their_licence() -> None:
    listed = _by_name()
    for name in ("pyside6-essentials", "sqlalchemy", "docxtpl", "keyring", "python", "qt"):
        assert name in listed, f"{name} missing from {sorted(listed)}"
        assert listed[name].licence.strip(), f"{name} has no licence"
        assert listed[name].version.strip(), f"{name} has no version"


def test_qt_is_named_as_used_under_the_lgpl() -> None:
    qt = _by_name()["qt"]
    assert qt.licence == "LGPL-3.0-only"
    assert "PySide6 bundles the Qt libraries" in qt.text


def test_every_lgpl_library_goes_with_the_full_text_of_its_licence() -> None:
    """The LGPL asks that a copy of it (and of the GPL it adds to) go with the program; most wheels ship neither."""
    listed = _by_name()
    for name in ("qt", "pyside6-essentials", "shiboken6"):
        text = listed[name].text
        assert "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3" in text, name
        assert "GNU GENERAL PUBLIC LICENSE\n                       Version 3" in text, name
    assert "Version 2.1, February 1999" in listed["docxtpl"].text
    assert all(licence.text.strip() for licence in listed.values() if "GPL" in licence.licence)


def test_tools_only_the_tests_and_the_build_use_are_not_listed() -> None:
    listed = _by_name()
    for name in ("pytest", "pytest-qt", "hypothesis", "ruff", "mypy", "pyinstaller", "offerdesk"):
        assert name not in listed


def test_a_licence_files_text_is_included() -> None:
    assert "Permission is hereby granted" in _by_name()["sqlalchemy"].text


def test_the_written_notice_reads_back_as_the_same_summary(tmp_path: Path) -> None:
    written = write_licence_notice(tmp_path / "resources" / NOTICE_FILE)
    text = written.read_text(encoding="utf-8")
    expected = [(licence.name, licence.version, licence.licence) for licence in bundled_licences()]
    assert parse_summary(text) == expected
    assert licence_summary(written.parent) == expected
    assert "Permission is hereby granted" in text
    assert [path.name for path in written.parent.iterdir()] == [NOTICE_FILE]  # no temporary file left behind


def test_a_shipped_notice_is_preferred_over_the_installed_metadata(tmp_path: Path) -> None:
    shipped = tmp_path / NOTICE_FILE
    shipped.write_text(
        f"Shipped notice\n\n{SUMMARY_START}\nExample\t1.0\tMIT\n{SUMMARY_END}\n\nExample's licence text\n",
        encoding="utf-8",
    )
    assert licence_notice(tmp_path).startswith("Shipped notice")
    assert licence_summary(tmp_path) == [("Example", "1.0", "MIT")]


def test_without_a_shipped_notice_it_is_built_from_the_metadata(tmp_path: Path) -> None:
    rows = licence_summary(tmp_path)
    assert ("SQLAlchemy", _by_name()["sqlalchemy"].version, "MIT") in rows
    assert "Permission is hereby granted" in licence_notice(tmp_path)


def test_every_declared_dependency_is_listed() -> None:
    """Also from a source checkout whose installed metadata is older than its pyproject.toml."""
    pyproject = tomllib.loads((Path(__file__).parents[4] / "pyproject.toml").read_text(encoding="utf-8"))
    declared = {canonicalize_name(Requirement(line).name) for line in pyproject["project"]["dependencies"]}
    assert declared - set(_by_name()) == set()
