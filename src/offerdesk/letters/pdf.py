"""Turn finished .docx letters into PDFs with whatever converter this machine has.

LibreOffice (every platform) is preferred: it runs headless and, started once for a whole batch, costs ~0.14 s a
document instead of ~1 s a call. Microsoft Word through docx2pdf is the fallback on Windows and macOS, where many
recruiters have Word but not LibreOffice. Nothing here imports Qt: the CLI and the GUI both call it.

Every converter writes atomically: PDFs are made in a hidden folder inside the output folder and moved into place
with `os.replace` only once all of them have been checked, so a failed or interrupted run never leaves a
half-written PDF where the user looks.
"""

from __future__ import annotations

import atexit
import contextlib
import importlib
import io
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from offerdesk.domain.wording import noun
from offerdesk.errors import OfferDeskError
from offerdesk.letters.offline_office import offline_environment, prepare_profile

log = logging.getLogger(__name__)

SOFFICE_ENV = "OFFERDESK_SOFFICE"
"""Names the soffice program to use; `none` disables LibreOffice (tests of the no-converter path use it)."""

BASE_TIMEOUT = 30.0
PER_DOCUMENT_TIMEOUT = 5.0
MAX_DOCUMENTS_PER_CALL = 200
MAX_ARGUMENT_CHARS = 24_000
"""Windows caps a whole command line at 32,767 characters; stay well below it whatever the path lengths."""

PDF_MAGIC = b"%PDF"
WORD_FILTER = "MS Word 2007 XML"
"""Forced import filter: without it LibreOffice happily "converts" a text file named .docx into a PDF of its bytes."""

_WINDOWS_SOFFICE = ("LibreOffice/program/soffice.exe", "LibreOffice/program/soffice.com")
_MACOS_SOFFICE = "LibreOffice.app/Contents/MacOS/soffice"


class ConversionError(OfferDeskError):
    """A document could not be turned into a PDF; `details` keeps the converter's own output for the log."""

    def __init__(self, message: str, details: str = "") -> None:
        super().__init__(message)
        self.details = details


class NoConverterError(ConversionError):
    """No PDF converter is installed on this computer."""

    def __init__(self) -> None:
        super().__init__(
            "No PDF converter is installed: install LibreOffice (free, from libreoffice.org)"
            + (", or Microsoft Word," if sys.platform in ("win32", "darwin") else "")
            + " and try again."
        )


class Converter(ABC):
    """Something that turns .docx files into PDFs; see `LibreOfficeConverter` and `WordConverter`."""

    name: str

    @abstractmethod
    def convert(self, docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
        """Write `<stem>.pdf` for every document into `out_dir`; return the PDFs in the order given.

        All or nothing: when any document fails, `ConversionError` names it and no new PDF is left in `out_dir`.
        """


# --------------------------------------------------------------------------------------------------------------
# Finding a converter


def find_converter() -> Converter | None:
    """LibreOffice if it is installed (or named by OFFERDESK_SOFFICE), else Word via docx2pdf, else None."""
    soffice = find_soffice()
    if soffice is not None:
        return LibreOfficeConverter(soffice)
    if sys.platform in ("win32", "darwin") and _docx2pdf_available():
        return WordConverter()
    return None


def find_soffice() -> Path | None:
    """The soffice program: OFFERDESK_SOFFICE, then PATH, then where the installers put it on Windows and macOS."""
    chosen = os.environ.get(SOFFICE_ENV, "").strip()
    if chosen.lower() == "none":
        return None
    if chosen:
        found = shutil.which(chosen)
        if found is None:
            raise ConversionError(f"{SOFFICE_ENV} names {chosen}, which is not a program on this computer.")
        return Path(found)
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found is not None:
            return Path(found)
    for candidate in _install_locations():
        if candidate.is_file():
            return candidate
    return None


def _install_locations() -> list[Path]:
    """Where the official installers put soffice; apps started from the Dock or Start menu get no useful PATH."""
    if sys.platform == "win32":
        roots = {os.environ.get(var) for var in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)")}
        roots.update({r"C:\Program Files", r"C:\Program Files (x86)"})
        return [Path(root) / relative for root in sorted(r for r in roots if r) for relative in _WINDOWS_SOFFICE]
    if sys.platform == "darwin":
        return [Path("/Applications") / _MACOS_SOFFICE, Path.home() / "Applications" / _MACOS_SOFFICE]
    return []


def _docx2pdf_available() -> bool:
    """docx2pdf is optional (not a dependency): probe it without importing Word automation at start-up."""
    try:
        importlib.import_module("docx2pdf")
    except Exception:  # a broken optional package must not stop OfferDesk from starting
        return False
    return True


def convert_to_pdf(docx_files: Sequence[Path], out_dir: Path, converter: Converter | None = None) -> list[Path]:
    """Convert with the given converter or the best one installed; `NoConverterError` says what to install."""
    chosen = converter if converter is not None else find_converter()
    if chosen is None:
        raise NoConverterError()
    return chosen.convert(docx_files, out_dir)


# --------------------------------------------------------------------------------------------------------------
# Shared by every converter: input checks, the hidden staging folder, checking and publishing the PDFs


def _prepare(docx_files: Sequence[Path], out_dir: Path) -> tuple[list[Path], list[Path]]:
    """Absolute sources and their target PDFs; fail before starting any converter on a mistake we can see."""
    sources = [Path(path).absolute() for path in docx_files]
    for source in sources:
        if not source.exists():
            raise ConversionError(f"Cannot convert {source} to PDF because the file does not exist.")
        if not source.is_file():
            raise ConversionError(f"Cannot convert {source} to PDF because it is not a file.")
    out_dir = Path(out_dir).absolute()
    targets = [out_dir / f"{source.stem}.pdf" for source in sources]
    seen: dict[str, Path] = {}
    for source, target in zip(sources, targets, strict=True):
        key = target.name.casefold()
        if key in seen:
            raise ConversionError(
                f"{seen[key]} and {source} would both be saved as {target.name} in {out_dir}; rename one of them."
            )
        seen[key] = source
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ConversionError(f"Cannot create the folder {out_dir} for the PDFs ({error.strerror}).") from error
    return sources, targets


@contextlib.contextmanager
def _staging_dir(out_dir: Path) -> Iterator[Path]:
    """A hidden folder inside `out_dir` (same file system, so `os.replace` is atomic), removed afterwards."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=".offerdesk-pdf-", dir=out_dir))
    except OSError as error:
        raise ConversionError(f"Cannot write PDFs into {out_dir} ({error.strerror}).") from error
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _check_pdf(made: Path, source: Path, converter_name: str, details: str = "") -> None:
    """Converters report success for files they silently skipped: trust only a file that starts like a PDF."""
    try:
        with made.open("rb") as handle:
            head = handle.read(len(PDF_MAGIC))
    except OSError:
        head = b""
    if head != PDF_MAGIC:
        raise ConversionError(
            f"{converter_name} could not convert {source} to PDF; check that it is a Word document that opens "
            f"in {converter_name}.",
            details,
        )


def _publish(made: Sequence[Path], targets: Sequence[Path]) -> list[Path]:
    """Move the checked PDFs into place; each move is atomic, so a reader sees the old PDF or the new one."""
    for source, target in zip(made, targets, strict=True):
        try:
            source.replace(target)  # os.replace: atomic on one file system
        except OSError as error:
            raise ConversionError(
                f"Cannot save {target} ({error.strerror}); if it is open in another program, close it and try again."
            ) from error
    return list(targets)


# --------------------------------------------------------------------------------------------------------------
# LibreOffice


class LibreOfficeConverter(Converter):
    """Headless LibreOffice, one soffice call per batch, with a private profile so it never meets the user's own
    LibreOffice (a running soffice with the same profile would swallow our request and convert nothing), and
    without a network (offline_office.py), so a document cannot make it fetch anything."""

    name = "LibreOffice"

    def __init__(self, soffice: Path) -> None:
        self.soffice = soffice

    def __repr__(self) -> str:
        return f"LibreOfficeConverter({str(self.soffice)!r})"

    def convert(self, docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
        """`timeout` bounds the whole batch; by default each soffice call gets 30 s plus 5 s per document."""
        sources, targets = _prepare(docx_files, out_dir)
        if not sources:
            return []
        deadline = None if timeout is None else time.monotonic() + timeout
        with _staging_dir(targets[0].parent) as staging:
            made: list[Path] = []
            for number, chunk in enumerate(_chunks(sources)):
                chunk_dir = staging / f"{number:04d}"
                chunk_dir.mkdir()
                if deadline is None:
                    limit = BASE_TIMEOUT + PER_DOCUMENT_TIMEOUT * len(chunk)
                else:
                    limit = deadline - time.monotonic()
                    if limit <= 0:
                        raise ConversionError(_timeout_message(chunk, timeout))
                details = self._run(chunk, chunk_dir, limit, timeout if deadline is not None else None)
                for source in chunk:
                    pdf = chunk_dir / f"{source.stem}.pdf"
                    _check_pdf(pdf, source, self.name, details)
                    made.append(pdf)
            return _publish(made, targets)

    def _run(self, chunk: Sequence[Path], out_dir: Path, limit: float, overall: float | None) -> str:
        """One soffice process for `chunk`; returns what it printed (for the log and error details)."""
        private = _private_dirs()
        command = [
            str(self.soffice),
            f"-env:UserInstallation={private.profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--nodefault",
            "--nologo",
            f"--infilter={WORD_FILTER}",
            "--convert-to",
            "pdf",
            "--outdir",
            # URIs keep the command line ASCII, so names like "Zoë" survive a C locale and any Windows code page.
            out_dir.as_uri(),
            *(source.as_uri() for source in chunk),
        ]
        env = _soffice_environment(private)
        with private.lock, tempfile.TemporaryFile() as output:
            prepare_profile(private.profile)
            log.debug("running %s on %d letters", self.soffice, len(chunk))  # the letter names name people
            try:
                process = subprocess.Popen(
                    command, stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT, env=env,
                    **_new_process_group(),
                )  # fmt: skip
            except OSError as error:
                raise ConversionError(f"Cannot start LibreOffice at {self.soffice} ({error.strerror}).") from error
            try:
                returncode = process.wait(timeout=limit)
            except subprocess.TimeoutExpired:
                _kill_tree(process)
                raise ConversionError(
                    _timeout_message(chunk, overall if overall is not None else limit), _read(output)
                ) from None
            except BaseException:  # Ctrl+C or a cancelled worker: never leave soffice running behind us
                _kill_tree(process)
                raise
            details = _read(output)
        if returncode != 0:
            log.warning("soffice exited with %s converting %d letters", returncode, len(chunk))
        return details


def _chunks(sources: Sequence[Path]) -> Iterator[list[Path]]:
    """Batches that fit one command line and never hold two files with the same name (their PDFs would collide)."""
    chunk: list[Path] = []
    names: set[str] = set()
    chars = 0
    for source in sources:
        length = len(source.as_uri()) + 1
        name = source.stem.casefold()
        if chunk and (len(chunk) >= MAX_DOCUMENTS_PER_CALL or chars + length > MAX_ARGUMENT_CHARS or name in names):
            yield chunk
            chunk, names, chars = [], set(), 0
        chunk.append(source)
        names.add(name)
        chars += length
    if chunk:
        yield chunk


def _timeout_message(chunk: Sequence[Path], seconds: float | None) -> str:
    more = f" and {len(chunk) - 1} more {noun(len(chunk) - 1, 'document')}" if len(chunk) > 1 else ""
    return f"LibreOffice took longer than {seconds or 0:g} seconds to convert {chunk[0]}{more} and was stopped."


def _read(output: IO[bytes]) -> str:
    output.seek(0)
    return output.read().decode("utf-8", errors="replace").strip()


class _PrivateDirs:
    """The folders LibreOffice may write to, made once per process: a fresh profile costs a second or two, and a
    per-process one cannot be locked by another OfferDesk or by the user's own LibreOffice."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.profile = root / "profile"
        self.home = root / "home"
        self.cache = root / "cache"
        for folder in (self.profile, self.home, self.cache):
            folder.mkdir(parents=True, exist_ok=True)
        self.lock = threading.Lock()
        """One soffice at a time per profile: a second one would hand its work to the first and exit."""


_private: _PrivateDirs | None = None
_private_guard = threading.Lock()


def _private_dirs() -> _PrivateDirs:
    global _private
    with _private_guard:
        if _private is None or not _private.profile.is_dir():
            root = Path(tempfile.mkdtemp(prefix="offerdesk-libreoffice-"))
            atexit.register(shutil.rmtree, root, True)
            _private = _PrivateDirs(root)
        return _private


def _soffice_environment(private: _PrivateDirs) -> dict[str, str]:
    """Our environment, but with private HOME/XDG folders, every proxy variable pointing at a dead port (so nothing
    a document links to is fetched) and without a frozen app's library path."""
    env = dict(os.environ)
    env["HOME"] = str(private.home)
    env["XDG_CACHE_HOME"] = str(private.cache)
    env["XDG_CONFIG_HOME"] = str(private.home / ".config")
    # A PyInstaller build points the loader at its own bundled libraries; soffice must get the system's.
    for variable in ("LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH"):
        original = env.pop(f"{variable}_ORIG", None)
        if original is not None:
            env[variable] = original
        elif getattr(sys, "frozen", False):
            env.pop(variable, None)
    return offline_environment(env)


def _new_process_group() -> dict[str, Any]:
    """soffice starts soffice.bin as a child: a group of its own lets a timeout stop both."""
    if sys.platform == "win32":
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | subprocess.CREATE_NO_WINDOW}
    return {"start_new_session": True}


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    """Stop soffice and the soffice.bin it started; killing only the launcher would leave the worker running."""
    if sys.platform == "win32":
        subprocess.run(
            ["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True, check=False,
            creationflags=subprocess.CREATE_NO_WINDOW,
        )  # fmt: skip
    else:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        process.kill()
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)


# --------------------------------------------------------------------------------------------------------------
# Microsoft Word through docx2pdf (Windows and macOS only)


class WordConverter(Converter):
    """Microsoft Word driven by docx2pdf; used only where LibreOffice is missing, as Word is slower and can show
    dialogs. docx2pdf is optional and imported only here. It offers no way to stop Word, so `timeout` is ignored."""

    name = "Microsoft Word"

    def __repr__(self) -> str:
        return "WordConverter()"

    def convert(self, docx_files: Sequence[Path], out_dir: Path, timeout: float | None = None) -> list[Path]:
        """Copies the documents under numbered names and converts the folder, so Word starts once per batch."""
        sources, targets = _prepare(docx_files, out_dir)
        if not sources:
            return []
        try:
            docx2pdf: Any = importlib.import_module("docx2pdf")
        except Exception as error:
            raise NoConverterError() from error
        with _staging_dir(targets[0].parent) as staging:
            inbox, outbox = staging / "in", staging / "out"
            inbox.mkdir()
            outbox.mkdir()
            names = [f"{number:05d}" for number in range(len(sources))]
            for name, source in zip(names, sources, strict=True):
                shutil.copyfile(source, inbox / f"{name}.docx")
            details = self._run(docx2pdf, inbox, outbox)
            made = [outbox / f"{name}.pdf" for name in names]
            for pdf, source in zip(made, sources, strict=True):
                _check_pdf(pdf, source, self.name, details)
            return _publish(made, targets)

    def _run(self, docx2pdf: Any, inbox: Path, outbox: Path) -> str:
        """docx2pdf prints a progress bar (to a None stderr in a windowed build) and calls sys.exit on macOS errors:
        capture both and turn every failure into a ConversionError."""
        captured = io.StringIO()
        com = _com_apartment()
        try:
            with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
                docx2pdf.convert(str(inbox), str(outbox))
        except (Exception, SystemExit) as error:
            details = f"{captured.getvalue()}\n{error!r}".strip()
            raise ConversionError(
                "Microsoft Word could not convert the letters to PDF; check that Word is installed and activated, "
                "or install LibreOffice.",
                details,
            ) from error
        finally:
            com.close()
        return captured.getvalue().strip()


def _com_apartment() -> contextlib.ExitStack:
    """Word's COM automation fails in a worker thread unless that thread joined a COM apartment first (Windows)."""
    stack = contextlib.ExitStack()
    if sys.platform == "win32":
        try:
            pythoncom: Any = importlib.import_module("pythoncom")
        except ImportError:
            return stack
        pythoncom.CoInitialize()
        stack.callback(pythoncom.CoUninitialize)
    return stack
