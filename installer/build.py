"""Build the frozen OfferDesk for this system: `python installer/build.py`.

It makes the icons and the licence notice, runs PyInstaller over `installer/offerdesk.spec` and prints what the
bundle weighs, how long the build took and how fast the frozen app starts against the pip-installed one:
`dist/OfferDesk/` (Windows, Linux) or `dist/OfferDesk.app` (macOS), holding `offerdesk` and `offerdesk-gui`.
The Windows installer and the macOS disk image are made from that folder (see installer/README.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

INSTALLER = Path(__file__).resolve().parent
REPO = INSTALLER.parent
sys.path[:0] = [str(INSTALLER), str(REPO / "src")]

from figures import bundle_folder, executable, size_mb, start_figures  # noqa: E402
from make_icons import make_icons  # noqa: E402
from windows_version import write_version_file  # noqa: E402

from offerdesk import __version__  # noqa: E402
from offerdesk.services.setup.licences import write_licence_notice  # noqa: E402

SPEC = INSTALLER / "offerdesk.spec"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=REPO / "dist", help="where the bundle goes (default: dist/)")
    parser.add_argument("--work", type=Path, default=REPO / "build", help="PyInstaller's work folder (build/)")
    parser.add_argument("--no-measure", action="store_true", help="skip the start-up figures (they take ~30 s)")
    parser.add_argument("--runs", type=int, default=5, help="starts per median in the start-up figures")
    return parser.parse_args(argv)


def prepare(generated: Path) -> None:
    """What the spec picks up from `generated`: icons, the licence notice and (on Windows) the version resource."""
    shutil.rmtree(generated, ignore_errors=True)
    make_icons(generated / "icons")
    write_licence_notice(generated / "third-party-licences.txt")
    if sys.platform == "win32":
        write_version_file(generated / "windows-version.txt", __version__)


def freeze(dist: Path, work: Path, generated: Path) -> float:
    """Run PyInstaller; the seconds it took. A failed build raises with PyInstaller's own last words."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work / "pyinstaller"), str(SPEC)]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, env={**os.environ, "OFFERDESK_BUILD_DIR": str(generated)})
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    generated = args.work / "installer"
    prepare(generated)
    try:
        build_s = freeze(args.dist, args.work, generated)
    except subprocess.CalledProcessError as error:
        print(f"build.py: PyInstaller failed (exit {error.returncode}); its messages are above.", file=sys.stderr)
        return 1
    folder = bundle_folder(args.dist)
    for name in ("offerdesk", "offerdesk-gui"):
        if not executable(args.dist, name).is_file():
            print(f"build.py: the bundle has no {name} executable in {folder}.", file=sys.stderr)
            return 1
    figures = f"bundle_mb={size_mb(folder):.1f} build_s={build_s:.1f}"
    if not args.no_measure:
        frozen, installed = start_figures(args.dist, args.runs)
        figures += f" start_ms={frozen:.0f} pip_start_ms={installed:.0f} start_ratio={frozen / installed:.2f}"
    print(f"OfferDesk {__version__} built in {folder}")
    print(figures, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
