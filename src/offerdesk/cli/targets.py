"""Where `--out` writes: an existing file is replaced only when asked, a read-only one never, and a mistyped
folder is named rather than created."""

from __future__ import annotations

import stat
from pathlib import Path

from offerdesk.errors import ValidationError


def _folder_must_exist(folder: Path) -> None:
    if not folder.is_dir():
        raise ValidationError(f"The folder {folder} does not exist; create it first or check the spelling.")


def checked_file(path: Path, overwrite: bool) -> Path:
    """`path` as a file to write, or a sentence saying why it is not written."""
    if path.is_dir():
        raise ValidationError(f"{path} is a folder; name a file in it.")
    _folder_must_exist(path.parent)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return path
    if not mode & stat.S_IWUSR:
        raise ValidationError(f"{path} is read-only, so OfferDesk leaves it as it is; choose another name.")
    if not overwrite:
        raise ValidationError(f"{path} already exists; add --overwrite to replace it, or choose another name.")
    return path


def checked_folder(folder: Path) -> Path:
    """`folder` to write files into; it may be new, but the folder it goes in must exist."""
    if folder.exists() and not folder.is_dir():
        raise ValidationError(f"{folder} is a file, not a folder; name a folder for the letters.")
    _folder_must_exist(folder.parent)
    return folder
