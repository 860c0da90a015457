"""Reading a call-prep library file (a colleague's export): every item checked, each problem one sentence.

The whole file is read and checked before the database is touched, so a bad file changes nothing. A library file
is from outside: besides its fields, every script text and talk track is filled in once with example values, on
one clock for the whole file, so a text that would run for ever or build a huge text is refused here, naming the
item, instead of freezing call prep later.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from jinja2 import TemplateSyntaxError

from offerdesk.domain.offers import OfferType
from offerdesk.domain.text_rules import check_text
from offerdesk.errors import ValidationError
from offerdesk.files import read_json
from offerdesk.letters.environment import RenderTimeout, TemplateRefused, checked_context
from offerdesk.services.callprep.scripts import SCRIPT_SECONDS, FillBudget, fill_problem

LIBRARY_FORMAT = "offerdesk-library"
LIBRARY_VERSION = 1

ItemKind = Literal["script", "objection"]
OBJECTION_LIST_FIELDS = ("says", "probe", "levers", "avoid", "keywords")
OBJECTION_FIELDS = ("title", *OBJECTION_LIST_FIELDS, "talk_track")
STEP_FIELDS = ("key", "title", "text", "variants", "tip")

_CODE = re.compile(r"[A-Z0-9_]+")
_KEY = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_CODE_LENGTH, _KEY_LENGTH, _TITLE_LENGTH = 32, 100, 200  # the column widths (PostgreSQL enforces them)
_FIELD_NAMES = {"talk_track": "talk track", "says": "“candidate says”", "offer_type": "offer type"}


# --- validation: every check raises one sentence that names the field ------------------------------------------


def _label(field: str) -> str:
    return _FIELD_NAMES.get(field, field)


def _title(value: Any, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(f"The title of the {what} cannot be empty.")
    if len(value.strip()) > _TITLE_LENGTH:
        raise ValidationError(f"The title of the {what} is longer than {_TITLE_LENGTH} characters.")
    return value.strip()


def _text(value: Any, field: str, what: str) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"The {_label(field)} of the {what} must be text.")
    return value


def _strings(value: Any, field: str, what: str) -> list[str]:
    """A list of non-empty strings; a bare string is refused because it would silently become a list of letters."""
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise ValidationError(f"The {_label(field)} of the {what} must be a list of lines of text.")
    items: list[str] = []
    for position, item in enumerate(value, start=1):
        if not isinstance(item, str) or not item.strip():
            raise ValidationError(f"Line {position} of the {_label(field)} of the {what} must be non-empty text.")
        items.append(item.strip())
    return items


def _offer_type(value: Any, what: str) -> OfferType:
    try:
        return OfferType(value)
    except ValueError:
        choices = ", ".join(kind.value for kind in OfferType)
        raise ValidationError(f"The offer type “{value}” of the {what} is not one of {choices}.") from None


def _steps(value: Any, what: str) -> list[dict[str, Any]]:
    """Each step has a key and a title and either one text or one text per ask style (variants)."""
    if isinstance(value, str) or not isinstance(value, Sequence) or not value:
        raise ValidationError(f"The steps of the {what} must be a non-empty list.")
    steps: list[dict[str, Any]] = []
    seen: set[str] = set()
    for position, step in enumerate(value, start=1):
        where, ref = f"Step {position} of the {what}", f"step {position} of the {what}"
        if not isinstance(step, Mapping):
            raise ValidationError(f"{where} must be a set of fields (key, title, text or variants).")
        unknown = sorted(set(step) - set(STEP_FIELDS))
        if unknown:
            raise ValidationError(f"{where} has the unknown field “{unknown[0]}”.")
        key = step.get("key")
        if not isinstance(key, str) or not key.strip():
            raise ValidationError(f"{where} needs a key.")
        if key in seen:
            raise ValidationError(f"{where} repeats the step key “{key}”.")
        seen.add(key)
        title = step.get("title")
        if not isinstance(title, str) or not title.strip():
            raise ValidationError(f"{where} needs a title.")
        clean: dict[str, Any] = {"key": key, "title": title.strip()}
        has_text, has_variants = "text" in step, "variants" in step
        if has_text and has_variants:
            raise ValidationError(f"{where} has both a text and variants; keep one of them.")
        if not has_text and not has_variants:
            raise ValidationError(f"{where} needs a text or variants (one text per ask style).")
        if has_text:
            if not isinstance(step["text"], str):
                raise ValidationError(f"The text of {ref} must be text.")
            clean["text"] = step["text"]
        else:
            variants = step["variants"]
            if not isinstance(variants, Mapping) or not variants:
                raise ValidationError(f"The variants of {ref} must map each ask style to its text.")
            for style, text in variants.items():
                if not isinstance(style, str) or not style or not isinstance(text, str):
                    raise ValidationError(f"The variant “{style}” of {ref} must be text.")
            clean["variants"] = dict(variants)
        if "tip" in step:
            if not isinstance(step["tip"], str):
                raise ValidationError(f"The tip of {ref} must be text.")
            clean["tip"] = step["tip"]
        steps.append(clean)
    return steps


def _check_code(code: Any) -> str:
    if not isinstance(code, str) or not _CODE.fullmatch(code) or len(code) > _CODE_LENGTH:
        raise ValidationError(
            f"The objection code “{code}” must be 1 to {_CODE_LENGTH} upper-case letters, digits and _ (like COMP_LOW)."
        )
    return code


def _check_key(key: Any) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key) or len(key) > _KEY_LENGTH:
        raise ValidationError(
            f"The script key “{key}” must be lower-case words joined by hyphens, at most {_KEY_LENGTH} characters "
            "(like verbal-offer)."
        )
    return key


def _check_kind(kind: str) -> ItemKind:
    if kind == "script":
        return "script"
    if kind == "objection":
        return "objection"
    raise ValidationError(f"“{kind}” is not a library item kind; use script or objection.")


def _objection_content(code: str, fields: Mapping[str, Any], what: str = "") -> dict[str, Any]:
    """The objection exactly as a shipped item looks, so its fingerprint compares with the shipped hash."""
    what = what or f"objection {code}"
    return {
        "code": code,
        "title": _title(fields.get("title"), what),
        **{field: _strings(fields.get(field, []), field, what) for field in OBJECTION_LIST_FIELDS},
        "talk_track": _text(fields.get("talk_track", ""), "talk_track", what),
    }


def _script_content(key: str, fields: Mapping[str, Any], what: str = "") -> dict[str, Any]:
    what = what or f"script {key}"
    return {
        "key": key,
        "offer_type": _offer_type(fields.get("offer_type"), what).value,
        "title": _title(fields.get("title"), what),
        "steps": _steps(fields.get("steps"), what),
    }


@dataclass(frozen=True)
class _Incoming:
    kind: ItemKind
    key: str
    content: dict[str, Any]
    favourite: bool


def _check_all_text(value: Any, where: str) -> None:
    """Every text in the file, keys too, by the one rule for stored text (domain.text_rules), named by its place."""
    if isinstance(value, str):
        check_text(value, where, multiline=True)
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(str(key), where, multiline=False)
            _check_all_text(item, f"{where} › {key}")
    elif isinstance(value, list):
        for position, item in enumerate(value, start=1):
            _check_all_text(item, f"{where} › {position}")


def read_library_file(path: Path) -> list[_Incoming]:
    """Parse and check the whole file before the database is touched, so a bad file changes nothing."""
    data = read_json(path, "library file")
    if not isinstance(data, dict) or data.get("format") != LIBRARY_FORMAT:
        raise ValidationError(f"{path} is not an OfferDesk library file (its format is not “{LIBRARY_FORMAT}”).")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValidationError(f"{path} is damaged: its library version “{version}” is not a whole number.")
    if version != LIBRARY_VERSION:
        raise ValidationError(
            f"{path} is a library file of version {version}, but this OfferDesk reads version {LIBRARY_VERSION}."
        )
    _check_all_text(data, path.name)
    incoming: list[_Incoming] = []
    for kind, section, id_field in (("objection", "objections", "code"), ("script", "scripts", "key")):
        items = data.get(section, [])
        if not isinstance(items, list):
            raise ValidationError(f"{path} is damaged: “{section}” is not a list.")
        seen: set[str] = set()
        for position, item in enumerate(items, start=1):
            if not isinstance(item, dict):
                raise ValidationError(f"{path} is damaged: {kind} {position} is not a set of fields.")
            key = _check_code(item.get(id_field)) if kind == "objection" else _check_key(item.get(id_field))
            if key in seen:
                raise ValidationError(f"{path} holds the {kind} “{key}” twice.")
            seen.add(key)
            what = f"{kind} {key} in {path.name}"
            content = _objection_content(key, item, what) if kind == "objection" else _script_content(key, item, what)
            incoming.append(_Incoming(_check_kind(kind), key, content, item.get("favourite") is True))
    trial_fill(path, incoming, example_script_values())
    return incoming


# Filling in every text of a file once, on one clock: a real library of a few hundred items takes well under a
# second; a file whose texts together take longer is refused, so an import never keeps the window waiting.
TRIAL_SECONDS = 5.0
_REFUSED_PROBLEMS = (RenderTimeout, TemplateRefused, TemplateSyntaxError)


def _texts(item: _Incoming) -> list[tuple[str, str]]:
    """(where, text) for every text call prep fills in: each step or variant of a script, an objection's track."""
    if item.kind == "objection":
        return [("its talk track", item.content["talk_track"])] if item.content["talk_track"] else []
    texts = []
    for position, step in enumerate(item.content["steps"], start=1):
        if "text" in step:
            texts.append((f"step {position}", step["text"]))
        else:
            texts += [(f"step {position} ({style})", text) for style, text in step["variants"].items()]
    return texts


def trial_fill(path: Path, incoming: list[_Incoming], values: Any) -> None:
    """Fill every text once with `values`; the first that runs too long, reaches a limit or is broken refuses the
    file with a sentence naming the file, the item, the step and the problem."""
    budget = FillBudget(TRIAL_SECONDS)
    for item in incoming:
        for where, text in _texts(item):
            seconds = min(SCRIPT_SECONDS, budget.remaining())
            what = f"the {item.kind} {item.key}, {where}"
            if seconds <= 0:
                raise ValidationError(
                    f"{path} was not imported: filling in its texts took longer than {TRIAL_SECONDS:g} seconds in all "
                    f"(stopped at {what}); nothing was imported."
                )
            _rendered, problem = fill_problem(text, values, seconds)
            if isinstance(problem, _REFUSED_PROBLEMS):
                sentence = str(problem).rstrip(".")
                raise ValidationError(f"{path} was not imported: in {what}, {sentence[:1].lower()}{sentence[1:]}.")


def example_script_values() -> Any:
    """The values a trial fills texts with: every letter field's catalogue example (as call prep has them)."""
    from offerdesk.letters.check import example_values

    return checked_context(example_values())
