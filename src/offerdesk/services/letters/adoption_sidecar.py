"""The mapping an adopted letter was made with, kept beside its prepared copy so the mapping can be reopened.

The sidecar `<template file>.mapping.json` names the recruiter's original file (its name and sha256, and the copy
of it kept in the template folder) and, for each placeholder id, the choice made: kind, value, picture and whether
the recruiter confirmed it or it is OfferDesk's suggestion; and the plain words the recruiter marked as
placeholders, which are found again with them.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from offerdesk.errors import ValidationError
from offerdesk.letters.adopt.model import Choice, ChoiceKind

VERSION = 1
MAPPING_SUFFIX = ".docx.mapping.json"  # beside "Name-1a2b3c4d.docx": "Name-1a2b3c4d.docx.mapping.json"
ORIGINAL_SUFFIX = ".original.docx"  # the recruiter's file as it was: "Name-1a2b3c4d.original.docx"


@dataclass(frozen=True)
class SavedMapping:
    source_name: str  # the original file's name, as the recruiter had it
    source_sha256: str
    original: Path  # the copy of the original kept in the template folder
    choices: dict[str, Choice]
    words: tuple[str, ...] = ()  # plain words marked as placeholders ("Employee Name")


def mapping_path(template: Path) -> Path:
    return template.with_name(template.name + ".mapping.json")


def original_path(template: Path) -> Path:
    return template.with_name(template.name.removesuffix(".docx") + ORIGINAL_SUFFIX)


def encode(source: Path, original: bytes, template_file: str, choices: Mapping[str, Choice],
           words: Sequence[str] = ()) -> bytes:  # fmt: skip
    document = {
        "version": VERSION,
        "source": {"file_name": source.name, "sha256": hashlib.sha256(original).hexdigest()},
        "original": template_file.removesuffix(".docx") + ORIGINAL_SUFFIX,
        "choices": {
            placeholder: {"kind": c.kind.value, "value": c.value, "picture": c.picture, "confirmed": c.confirmed}
            for placeholder, c in choices.items()
        },
        "words": list(words),
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def decode(template: Path) -> SavedMapping:
    """The mapping saved beside `template`; a ValidationError when it was not adopted or the file is damaged."""
    path = mapping_path(template)
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValidationError(f"{template.name} was added as it was, not adopted, so it has no mapping.") from None
    except (OSError, ValueError) as error:
        raise ValidationError(f"The mapping of {template.name} ({path}) cannot be read: {error}.") from None
    try:
        choices = {
            str(key): Choice(
                ChoiceKind(item["kind"]),
                str(item.get("value", "")),
                str(item.get("picture", "")),
                bool(item.get("confirmed", False)),
            )
            for key, item in document["choices"].items()
        }
        source = document["source"]
        words = tuple(str(word) for word in document.get("words", []))
        return SavedMapping(str(source["file_name"]), str(source["sha256"]),
                            template.with_name(str(document["original"])), choices, words)  # fmt: skip
    except (KeyError, TypeError, ValueError, AttributeError):
        raise ValidationError(f"The mapping of {template.name} ({path}) is damaged; adopt the letter again.") from None
