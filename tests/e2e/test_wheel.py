"""The built wheel carries its resources and templates: installed outside the checkout, it finds them."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.e2e.conftest import Runner

ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    [built] = out.glob("offerdesk-*.whl")
    return built


@pytest.mark.slow
def test_wheel_contains_resources_templates_and_migrations(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "offerdesk/resources/content/objections.json" in names
    assert "offerdesk/templates/manifest.json" in names
    manifest = json.loads((ROOT / "templates" / "manifest.json").read_text(encoding="utf-8"))
    assert {f"offerdesk/templates/{t['file']}" for t in manifest["templates"]} <= names
    assert not any(name.startswith("offerdesk/templates/build") for name in names)
    assert "offerdesk/storage/migrations/env.py" in names
    assert any(name.startswith("offerdesk/storage/migrations/versions/0001") for name in names)


@pytest.mark.slow
def test_installed_wheel_runs_from_outside_the_checkout(wheel: Path, run: Runner, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target), str(wheel)],
        check=True, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    env = {"PYTHONPATH": str(target), "OFFERDESK_DATA_DIR": str(tmp_path / "data")}
    where = run(sys.executable, "-c", "import offerdesk; print(offerdesk.__file__)", env=env)
    assert Path(where.stdout.strip()).is_relative_to(target)
    info = run(sys.executable, "-m", "offerdesk", "info", "--format", "json", env=env)
    assert info.returncode == 0, info.stderr
    counts = json.loads(info.stdout)["counts"]
    assert counts["templates"] >= 1 and counts["scripts"] == 6 and counts["candidates"] == 20
    gui = run(sys.executable, "-m", "offerdesk", env={**env, "OFFERDESK_SMOKE_TEST": "1"})
    assert gui.returncode == 0, gui.stderr
    assert "20 candidates listed" in gui.stdout
