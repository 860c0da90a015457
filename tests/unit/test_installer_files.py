"""The installers' packaging files promise what a recruiter relies on: no admin rights, upgrades recognised,
data kept unless asked, a dark-mode Mac app, and a build that still succeeds without signing secrets.

These tools (Inno Setup, hdiutil, codesign) do not run here, so the files are read as text, and the scripts are
run where they can be: their argument checks and their "no secrets, no signing" path.
"""

from __future__ import annotations

import importlib.util
import os
import plistlib
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

from offerdesk.paths import APP_NAME

REPO = Path(__file__).resolve().parents[2]
INSTALLER = REPO / "installer"
ISS = INSTALLER / "windows" / "offerdesk.iss"
WORKFLOW = REPO / ".github" / "workflows" / "installers.yml"
SHELL_SCRIPTS = sorted((INSTALLER / "macos").glob("*.sh"))
SIGN_AND_NOTARIZE = INSTALLER / "macos" / "sign_and_notarize.sh"
MAKE_DMG = INSTALLER / "macos" / "make_dmg.sh"
GUID = re.compile(r"^\{\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$", re.IGNORECASE)
ENTRY_PARAMETER = re.compile(r'(\w+):\s*("(?:[^"]|"")*"|[^;]*)')
SECRETS = (
    "MACOS_SIGN_IDENTITY",
    "MACOS_CERT_P12",
    "MACOS_CERT_PASSWORD",
    "APPLE_ID",
    "APPLE_TEAM_ID",
    "APPLE_APP_PASSWORD",
    "WINDOWS_CERT_PFX",
    "WINDOWS_CERT_PASSWORD",
)


# ---- Windows: the Inno Setup script ----


def iss_sections() -> dict[str, list[str]]:
    """Each [Section]'s lines; comments and blank lines dropped outside [Code] (where ';' ends statements)."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            current = heading.group(1).lower()
            sections.setdefault(current, [])
        elif current == "code" or (line and not line.startswith(";")):
            sections[current].append(raw if current == "code" else line)
    return sections


def setup_directives() -> dict[str, str]:
    directives: dict[str, str] = {}
    for line in iss_sections()["setup"]:
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            directives[key.strip().lower()] = value.strip()
    return directives


def entries(section: str) -> list[dict[str, str]]:
    """`Name: "..."; Filename: "..."; Tasks: ...` lines as dicts (parameter names lower-cased, quotes removed)."""
    return [
        {key.lower(): value.strip().strip('"') for key, value in ENTRY_PARAMETER.findall(line)}
        for line in iss_sections()[section]
        if not line.startswith("#")
    ]


def uninstall_code() -> str:
    code = "\n".join(iss_sections()["code"])
    match = re.search(r"procedure CurUninstallStepChanged\b.*?\nend;", code, re.DOTALL | re.IGNORECASE)
    assert match, "the [Code] section has no CurUninstallStepChanged procedure"
    return match.group(0)


def test_the_installer_asks_for_no_administrator_rights_and_installs_per_user() -> None:
    directives = setup_directives()
    assert directives["privilegesrequired"] == "lowest"
    assert directives["defaultdirname"] == r"{autopf}\OfferDesk"


def test_the_installer_has_a_fixed_app_id_so_an_upgrade_finds_the_earlier_install() -> None:
    assert GUID.match(setup_directives()["appid"]), "AppId must be a literal GUID written {{...}"


def test_version_bundle_and_icon_come_from_the_command_line() -> None:
    directives = setup_directives()
    text = ISS.read_text(encoding="utf-8")
    assert directives["appversion"] == "{#AppVersion}"
    assert directives["outputbasefilename"] == "OfferDesk-{#AppVersion}-setup"
    assert directives["setupiconfile"] == "{#IconFile}"
    assert re.search(r'#define SourceDir "\.\.\\\.\.\\dist\\OfferDesk"', text)
    assert any(entry.get("source", "").startswith("{#SourceDir}") for entry in entries("files"))


def test_the_installer_is_a_64_bit_modern_solid_lzma2_setup_that_closes_a_running_offerdesk() -> None:
    directives = setup_directives()
    assert directives["architecturesallowed"] == "x64compatible"
    assert directives["architecturesinstallin64bitmode"] == "x64compatible"
    assert directives["compression"] == "lzma2"
    assert directives["solidcompression"] == "yes"
    assert directives["wizardstyle"] == "modern"
    assert directives["closeapplications"] == "yes"
    assert directives["uninstalldisplayicon"] == r"{app}\offerdesk-gui.exe"


def test_the_start_menu_opens_the_window_program_and_the_command_line_has_no_shortcut() -> None:
    icons = entries("icons")
    start_menu = [icon for icon in icons if icon["name"].startswith(("{autoprograms}", "{group}"))]
    assert [icon["filename"] for icon in start_menu] == [r"{app}\offerdesk-gui.exe"]
    assert "tasks" not in start_menu[0]
    assert not [icon for icon in icons if icon["filename"].endswith(r"\offerdesk.exe")]


def test_the_desktop_shortcut_is_an_unticked_task() -> None:
    desktop = [icon for icon in entries("icons") if icon["name"].startswith(("{autodesktop}", "{userdesktop}"))]
    assert len(desktop) == 1
    task = desktop[0].get("tasks")
    assert task, "the desktop shortcut must come from a task the recruiter ticks"
    tasks = {entry["name"]: entry for entry in entries("tasks")}
    assert "unchecked" in tasks[task].get("flags", "").split()


def test_an_upgrade_removes_only_the_old_program_libraries() -> None:
    assert entries("installdelete") == [{"type": "filesandordirs", "name": r"{app}\_internal"}]


def test_the_uninstaller_names_the_data_folder_offerdesk_really_uses() -> None:
    # platformdirs.user_data_dir(APP_NAME, appauthor=False) on Windows: %LOCALAPPDATA%\<APP_NAME>.
    code = "\n".join(iss_sections()["code"])
    assert f"ExpandConstant('{{localappdata}}\\{APP_NAME}')" in code
    assert "{app}" not in code, "the uninstaller's data question must not point into the install folder"


def test_the_data_question_is_asked_only_in_a_visible_uninstall() -> None:
    code = uninstall_code()
    silent = re.search(r"if\s+UninstallSilent(\(\))?\s+then\s+Exit;", code, re.IGNORECASE)
    question = code.find("MsgBox(")
    assert silent, "a silent uninstall must skip the question (and keep the data)"
    assert question > silent.start()


def test_the_data_question_says_what_goes_and_defaults_to_no() -> None:
    code = uninstall_code()
    call = re.search(r"if\s+MsgBox\((.*?)\)\s*=\s*IDYES\s+then", code, re.DOTALL | re.IGNORECASE)
    assert call, "the data is deleted only when the answer is Yes"
    assert "Also delete your OfferDesk data (candidates, offers, letters) in ' + DataDir + '?" in call.group(1)
    assert "A backup is not kept." in call.group(1)
    assert re.search(r"MB_YESNO\s+or\s+MB_DEFBUTTON2", call.group(1)), "Enter must answer No"


def test_the_data_is_deleted_only_after_a_yes() -> None:
    code = uninstall_code()
    yes = re.search(r"=\s*IDYES\s+then", code)
    assert yes
    deletions = [match.start() for match in re.finditer(r"\b(DelTree|DeleteFile|RemoveDir)\(", code)]
    assert deletions, "a Yes must delete the data"
    assert min(deletions) > yes.end()


# ---- macOS: Info.plist keys and entitlements ----


def load_info_plist() -> Callable[[str], dict[str, object]]:
    spec = importlib.util.spec_from_file_location("info_plist", INSTALLER / "macos" / "info_plist.py")
    assert spec is not None and spec.loader is not None
    module: ModuleType = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function: Callable[[str], dict[str, object]] = module.info_plist
    return function


def test_the_mac_app_is_named_versioned_and_identified_as_agreed() -> None:
    keys = load_info_plist()("1.2.3")
    assert keys["CFBundleName"] == keys["CFBundleDisplayName"] == "OfferDesk"
    assert keys["CFBundleIdentifier"] == "com.offerdesk.OfferDesk"
    assert keys["CFBundleShortVersionString"] == keys["CFBundleVersion"] == "1.2.3"
    assert keys["LSApplicationCategoryType"] == "public.app-category.business"
    assert isinstance(keys["NSHumanReadableCopyright"], str)
    assert keys["NSHumanReadableCopyright"]


def test_the_mac_app_is_sharp_on_retina_follows_dark_mode_and_names_its_oldest_macos() -> None:
    keys = load_info_plist()("1.2.3")
    assert keys["NSHighResolutionCapable"] is True
    assert keys["NSRequiresAquaSystemAppearance"] is False
    minimum = keys["LSMinimumSystemVersion"]
    assert isinstance(minimum, str)
    assert re.fullmatch(r"\d+\.\d+", minimum)


def test_the_info_plist_keys_can_be_written_as_a_plist() -> None:
    keys = load_info_plist()("1.2.3")
    assert plistlib.loads(plistlib.dumps(keys)) == keys


def test_the_entitlements_take_only_the_exception_python_needs() -> None:
    entitlements = plistlib.loads((INSTALLER / "macos" / "entitlements.plist").read_bytes())
    assert entitlements == {"com.apple.security.cs.allow-unsigned-executable-memory": True}


# ---- macOS: the shell scripts ----


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_a_shell_script_uses_bash_and_stops_at_the_first_failure(script: Path) -> None:
    lines = script.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#!/usr/bin/env bash"
    assert "set -euo pipefail" in [line.strip() for line in lines[:30]]
    assert os.access(script, os.X_OK), f"{script.name} must be executable"


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda path: path.name)
def test_a_shell_script_is_valid_bash(script: Path) -> None:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    result = subprocess.run([bash, "-n", str(script)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def run_script(script: Path, *arguments: str, **secrets: str) -> subprocess.CompletedProcess[str]:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is not installed")
    environment = {key: value for key, value in os.environ.items() if key not in SECRETS}
    environment.update(secrets)
    return subprocess.run(
        [bash, str(script), *arguments], capture_output=True, text=True, env=environment, check=False, timeout=30
    )


def test_without_a_signing_identity_signing_is_skipped_and_the_build_goes_on(tmp_path: Path) -> None:
    result = run_script(SIGN_AND_NOTARIZE, "sign", str(tmp_path / "OfferDesk.app"))
    assert result.returncode == 0
    assert "MACOS_SIGN_IDENTITY" in result.stderr


def test_notarizing_names_every_missing_secret_and_the_build_goes_on(tmp_path: Path) -> None:
    result = run_script(SIGN_AND_NOTARIZE, "notarize", str(tmp_path / "x.dmg"), MACOS_SIGN_IDENTITY="Developer ID")
    assert result.returncode == 0
    assert "APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD" in result.stderr


def test_signing_with_an_identity_but_no_app_fails_naming_the_path(tmp_path: Path) -> None:
    app = tmp_path / "OfferDesk.app"
    result = run_script(SIGN_AND_NOTARIZE, "sign", str(app), MACOS_SIGN_IDENTITY="Developer ID")
    assert result.returncode == 1
    assert str(app) in result.stderr


MACH_O = "#!/bin/sh\n# MACH-O stand-in\n"


def fake_tool(bin_dir: Path, name: str, body: str) -> None:
    tool = bin_dir / name
    tool.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    tool.chmod(0o755)


def fake_app(root: Path) -> Path:
    """A bundle shaped like PyInstaller's, whose "binaries" are shell scripts the stand-in `file` calls Mach-O."""
    app = root / "OfferDesk.app"
    contents = app / "Contents"
    files = {
        "MacOS/offerdesk": MACH_O + 'echo "info from $OFFERDESK_DATA_DIR"\n',
        "MacOS/offerdesk-gui": MACH_O,
        "Frameworks/libpython3.11.dylib": MACH_O,
        "Frameworks/PySide6/QtCore.abi3.so": MACH_O,
        "Frameworks/PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore": MACH_O,
        "Resources/base_library.zip": "not code",
        "Info.plist": "<plist/>",
    }
    for relative, text in files.items():
        path = contents / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        path.chmod(0o755 if text.startswith("#!") else 0o644)
    return app


def test_signing_goes_from_the_inside_out_with_entitlements_only_on_the_executables(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "codesign.log"
    fake_tool(bin_dir, "codesign", f'echo "$*" >> "{log}"')
    fake_tool(bin_dir, "file", 'if grep -q "MACH-O" "$2"; then echo "Mach-O 64-bit executable"; else echo data; fi')
    app = fake_app(tmp_path)
    contents = app / "Contents"

    result = run_script(
        SIGN_AND_NOTARIZE,
        "sign",
        str(app),
        MACOS_SIGN_IDENTITY="Developer ID Application: OfferDesk (TEAMID)",
        PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
    )

    assert result.returncode == 0, result.stderr
    assert "info from" in result.stdout, "the signed command line is started once"
    calls = log.read_text(encoding="utf-8").splitlines()
    signed = [call.rsplit(" ", 1)[1] for call in calls if "--sign" in call]
    assert signed == [
        str(contents / "Frameworks/PySide6/Qt/lib/QtCore.framework/Versions/A/QtCore"),
        str(contents / "Frameworks/PySide6/QtCore.abi3.so"),
        str(contents / "Frameworks/libpython3.11.dylib"),
        str(contents / "Frameworks/PySide6/Qt/lib/QtCore.framework"),
        str(contents / "MacOS/offerdesk"),
        str(contents / "MacOS/offerdesk-gui"),
        str(app),
    ]
    entitled = [call.rsplit(" ", 1)[1] for call in calls if "--entitlements" in call]
    assert entitled == [str(contents / "MacOS/offerdesk"), str(contents / "MacOS/offerdesk-gui"), str(app)]
    assert all("--options runtime" in call and "--timestamp" in call for call in calls if "--sign" in call)
    assert calls[-1].startswith("--verify")


NOTARY_SECRETS = {
    "MACOS_SIGN_IDENTITY": "Developer ID Application: OfferDesk (TEAMID)",
    "APPLE_ID": "release@offerdesk.example",
    "APPLE_TEAM_ID": "TEAMID",
    "APPLE_APP_PASSWORD": "abcd-efgh-ijkl-mnop",
}


@pytest.mark.parametrize(("verdict", "returncode"), [("Accepted", 0), ("Invalid", 1)])
def test_a_disk_image_is_stapled_only_when_apple_accepts_it(tmp_path: Path, verdict: str, returncode: int) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "tools.log"
    fake_tool(bin_dir, "codesign", f'echo "codesign $*" >> "{log}"')
    fake_tool(
        bin_dir,
        "xcrun",
        f'echo "xcrun $*" >> "{log}"\n'
        'case "$1 $2" in\n'
        f'  "notarytool submit") echo \'{{"id":"4f1c-77","status":"{verdict}","message":"Processing complete"}}\' ;;\n'
        '  "notarytool log") echo "the binary is not signed with a valid Developer ID certificate" ;;\n'
        "esac",
    )
    dmg = tmp_path / "OfferDesk-1.2.3-macos-arm64.dmg"
    dmg.write_bytes(b"disk image")

    result = run_script(
        SIGN_AND_NOTARIZE, "notarize", str(dmg), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}", **NOTARY_SECRETS
    )

    assert result.returncode == returncode, result.stderr
    calls = log.read_text(encoding="utf-8")
    assert "--wait" in calls
    if verdict == "Accepted":
        assert f"xcrun stapler staple {dmg}" in calls
    else:
        assert "stapler" not in calls
        assert "notarytool log 4f1c-77" in calls
        assert "not signed with a valid Developer ID certificate" in result.stderr


def test_make_dmg_refuses_a_folder_that_is_not_an_app(tmp_path: Path) -> None:
    assert run_script(MAKE_DMG, "only-one-argument").returncode == 2
    result = run_script(MAKE_DMG, str(tmp_path), "1.2.3", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "no app bundle" in result.stderr
    assert not (tmp_path / "out").exists()


# ---- The workflow ----


def workflow_text() -> str:
    return WORKFLOW.read_text(encoding="utf-8")


def workflow_steps_text() -> list[str]:
    """The workflow's steps as text, one chunk per `- name:` / `- uses:` item of `steps:`."""
    steps = workflow_text().split("    steps:\n", 1)[1]
    return re.split(r"\n(?=      - (?:name|uses):)", steps)


def test_the_workflow_builds_on_windows_and_both_kinds_of_mac() -> None:
    text = workflow_text()
    for runner in ("windows-latest", "macos-14", "macos-15-intel"):
        assert re.search(rf"^\s*- os: {runner}$", text, re.MULTILINE), runner
    assert re.search(r"tags:\s*\[\"v\*\"\]", text)
    assert "workflow_dispatch:" in text


def test_the_workflow_smoke_tests_the_frozen_command_line_in_bash() -> None:
    smoke = next(step for step in workflow_steps_text() if "Smoke test" in step)
    assert "shell: bash" in smoke
    assert "OFFERDESK_DATA_DIR: ${{ runner.temp }}/offerdesk-data" in smoke
    assert "dist/OfferDesk/offerdesk.exe" in smoke
    assert "dist/OfferDesk.app/Contents/MacOS/offerdesk" in smoke
    assert '"$cli" info' in smoke
    assert '"$cli" letters export --offer 1 --out "$LETTER"' in smoke
    assert 'test -s "$LETTER"' in smoke


def test_the_workflow_builds_and_uploads_both_installers() -> None:
    text = workflow_text()
    assert "pip install '.[installer]'" in text
    assert "python installer/build.py" in text
    assert "installer\\windows\\offerdesk.iss" in text
    assert "/DAppVersion=$env:VERSION" in text
    assert "installer/macos/make_dmg.sh dist/OfferDesk.app" in text
    assert "actions/upload-artifact@v4" in text
    assert "python -c 'import offerdesk; print(offerdesk.__version__)'" in text
    assert '>> "$GITHUB_OUTPUT"' in text


def test_secrets_reach_only_the_signing_steps() -> None:
    for step in workflow_steps_text():
        if "secrets." in step:
            name = re.search(r"- name: (.*)", step)
            assert name and re.match(r"(Sign|Notarize) ", name.group(1)), step


def test_the_workflow_parses_as_yaml_with_the_runner_matrix() -> None:
    yaml = pytest.importorskip("yaml")
    workflow = yaml.safe_load(workflow_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["tags"] == ["v*"]
    assert "workflow_dispatch" in triggers
    job = workflow["jobs"]["installer"]
    assert {entry["os"] for entry in job["strategy"]["matrix"]["include"]} == {
        "windows-latest",
        "macos-14",
        "macos-15-intel",
    }
    smoke = next(step for step in job["steps"] if "Smoke test" in step.get("name", ""))
    assert smoke["shell"] == "bash"
    assert smoke["env"]["OFFERDESK_DATA_DIR"] == "${{ runner.temp }}/offerdesk-data"
    for step in job["steps"]:
        if any("secrets." in str(value) for value in step.get("env", {}).values()):
            assert step["name"].startswith(("Sign ", "Notarize ")), step["name"]
