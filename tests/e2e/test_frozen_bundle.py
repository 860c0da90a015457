"""The frozen bundle a recruiter's installer carries, built here by `python installer/build.py` and run as they run it.

Built once per run (about a minute); every test then starts the frozen executables in their own processes, with a
user's own home and data folder, and no Python of ours on the path.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from offerdesk.letters.text import document_text
from offerdesk.storage.schema import SCHEMA_HEAD
from tests.e2e.conftest import Runner

ROOT = Path(__file__).parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the bundle of this system is built by CI there"),
]


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/OfferDesk/ of a fresh build, in a temporary folder (the checkout's own dist/ is left alone)."""
    out = tmp_path_factory.mktemp("frozen")
    try:
        import PyInstaller  # noqa: F401 - the build needs it; say so plainly if it is missing
    except ImportError:
        pytest.fail("PyInstaller is not installed: install the tests with `pip install -e '.[test,installer]'`")
    built = subprocess.run(
        [sys.executable, str(ROOT / "installer" / "build.py"), "--dist", str(out / "dist"), "--work",
         str(out / "build"), "--no-measure"],
        capture_output=True, text=True, timeout=1200, check=False,
    )  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    assert "bundle_mb=" in built.stdout
    return out / "dist" / "OfferDesk"


def frozen_env(tmp_path: Path) -> dict[str, str]:
    """No PYTHONPATH or virtual environment leaks into the frozen app: it must carry everything itself."""
    return {"OFFERDESK_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": "", "VIRTUAL_ENV": "", "PYTHONHOME": ""}


def test_the_frozen_window_opens_on_the_demo_data(bundle: Path, run: Runner, tmp_path: Path) -> None:
    shown = run(str(bundle / "offerdesk-gui"), env={**frozen_env(tmp_path), "OFFERDESK_SMOKE_TEST": "1"}, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "OfferDesk window painted: 20 candidates listed" in shown.stdout
    assert "Traceback" not in shown.stderr


def test_the_frozen_command_line_reports_checks_writes_and_measures(bundle: Path, run: Runner, tmp_path: Path) -> None:
    cli, env = str(bundle / "offerdesk"), frozen_env(tmp_path)
    info = run(cli, "info", env=env, timeout=120)
    assert info.returncode == 0, info.stderr
    assert f"Schema revision:  {SCHEMA_HEAD}" in info.stdout and "Candidates:       20" in info.stdout

    shipped = bundle / "_internal" / "offerdesk" / "templates" / "written-offer.docx"
    checked = run(cli, "templates", "check", str(shipped), env=env)
    assert checked.returncode == 0 and "No problems found." in checked.stdout, checked.stdout + checked.stderr

    letter = tmp_path / "letter.docx"
    written = run(cli, "letters", "export", "--offer", "1", "--out", str(letter), "--pdf", env=env, timeout=300)
    assert written.returncode == 0, written.stderr
    assert "Aisha Rahman" in document_text(letter)
    assert letter.with_suffix(".pdf").read_bytes().startswith(b"%PDF")  # LibreOffice found as the pip app finds it

    stats = run(cli, "stats", env=env)
    assert stats.returncode == 0 and "Acceptance rate" in stats.stdout, stats.stderr


def test_keyring_loads_every_backend_the_installed_app_loads(bundle: Path, run: Runner, tmp_path: Path) -> None:
    frozen = run(str(bundle / "offerdesk"), "info", "--format", "json", env=frozen_env(tmp_path), timeout=120)
    installed = run(sys.executable, "-m", "offerdesk", "info", "--format", "json", env=frozen_env(tmp_path))
    assert frozen.returncode == 0 and installed.returncode == 0, frozen.stderr + installed.stderr
    backends = json.loads(frozen.stdout)["keychain_backends"]
    assert backends == json.loads(installed.stdout)["keychain_backends"]
    assert {"keyring.backends.macOS.Keyring", "keyring.backends.Windows.WinVaultKeyring",
            "keyring.backends.SecretService.Keyring"} <= set(backends)  # fmt: skip


def test_the_bundle_carries_its_licences_icon_and_migrations(bundle: Path) -> None:
    package = bundle / "_internal" / "offerdesk"
    notice = (package / "resources" / "third-party-licences.txt").read_text(encoding="utf-8")
    assert "PySide6" in notice and "SQLAlchemy" in notice and "GNU LESSER GENERAL PUBLIC LICENSE" in notice
    assert (package / "resources" / "icons" / "offerdesk.svg").is_file()
    migrations = sorted(path.name[:4] for path in (package / "storage" / "migrations" / "versions").glob("0*.py"))
    assert migrations[-1] == SCHEMA_HEAD


def test_unused_qt_modules_stay_out_and_what_stays_finds_its_libraries(bundle: Path) -> None:
    """The exclusions take whole Qt parts out; none may leave a library that needs something taken out."""
    names = [path.name for path in (bundle / "_internal").rglob("*")]
    for unused in ("WebEngine", "Qt6Qml", "Qt6Quick", "Qt63D", "Multimedia", "Qt6Designer", "libgtk-3"):
        assert not [name for name in names if unused in name], unused
    ldd = shutil.which("ldd")
    assert ldd is not None
    internal = bundle / "_internal"
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    missing = []
    for library in [p for p in internal.rglob("*.so*") if p.is_file()]:
        found = subprocess.run([ldd, str(library)], capture_output=True, text=True, check=False,
                               env={"LD_LIBRARY_PATH": search})  # fmt: skip
        missing += [f"{library.relative_to(internal)}: {line.strip()}" for line in found.stdout.splitlines()
                    if "not found" in line]  # fmt: skip
    assert missing == []
