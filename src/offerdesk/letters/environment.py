"""The one Jinja environment letters (and call scripts) render with.

Sandboxed (no attribute starting with `_`, no calling into Python internals), StrictUndefined (a missing value
is an error naming the field, never a blank), autoescape (values with & < > " ' are XML text, not markup), and
limits that stop hostile templates: string and list repetition and powers are capped before anything is
allocated, and a render that runs past its time limit is interrupted.
"""

from __future__ import annotations

import ctypes
import threading
import unicodedata
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, NoReturn

from jinja2 import StrictUndefined
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment

from offerdesk.errors import OfferDeskError

MAX_TEXT = 1_000_000  # characters any single value built in a template may have
MAX_EXPONENT = 64
RENDER_SECONDS = 10.0
SETTING_GROUPS = frozenset({"company", "signatory", "recruiter"})  # filled from settings, not from the offer


class TemplateRefused(OfferDeskError):
    """A template (or a value) that OfferDesk will not render; the message says which and where."""


class RenderTimeout(TemplateRefused):
    pass


class Group(dict[str, Any]):
    """A dict of fields that knows its dotted path, so a missing field is reported as `offer.sign_on`."""

    def __init__(self, path: str, values: Mapping[str, Any]) -> None:
        super().__init__(values)
        self.path = path


class LetterUndefined(StrictUndefined):
    """Fails with the field's full name whenever a template uses a value the offer does not have."""

    __slots__ = ()

    def _fail_with_undefined_error(self, *args: Any, **kwargs: Any) -> NoReturn:
        owner = self._undefined_obj
        name = self._undefined_name
        hint = self._undefined_hint or ""
        if "unsafe" in hint:
            raise TemplateRefused(f"The template tries to reach inside the program ({hint}); it was refused.")
        if isinstance(owner, Group) and name is not None:
            if owner.path in SETTING_GROUPS:
                raise TemplateRefused(
                    f"The template uses {owner.path}.{name}, which is not set yet: set it with "
                    f"`offerdesk settings set {owner.path}.{name} …` (or under Letters → Settings)."
                )
            raise TemplateRefused(f"The template uses {owner.path}.{name}, which this offer does not have.")
        raise TemplateRefused(f"The template uses “{name}”, which is not a field OfferDesk knows.")

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = _fail_with_undefined_error
    __getattr__ = __getitem__ = __call__ = __add__ = __contains__ = _fail_with_undefined_error


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | bytes | list | tuple) else 0


class LetterEnvironment(SandboxedEnvironment):
    intercepted_binops = frozenset({"*", "**", "+"})

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise TemplateRefused(f"The template raises a number to the power {right}; the limit is {MAX_EXPONENT}.")
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if _size(sequence) and isinstance(count, int) and _size(sequence) * count > MAX_TEXT:
                    raise TemplateRefused("The template builds a text or list too large to be a letter.")
        if operator == "+" and _size(left) + _size(right) > MAX_TEXT:
            raise TemplateRefused("The template builds a text or list too large to be a letter.")
        return super().call_binop(context, operator, left, right)


def make_environment() -> LetterEnvironment:
    return LetterEnvironment(autoescape=True, undefined=LetterUndefined, keep_trailing_newline=True)


# -- values -----------------------------------------------------------------------------------------------------
_ALLOWED_CONTROLS = {"\n", "\t"}


def check_value(field: str, value: str) -> str:
    """The value as it will appear, or TemplateRefused naming the field that holds a control character."""
    text = value.replace("\r\n", "\n")
    for char in text:
        category = unicodedata.category(char)
        if (category == "Cc" and char not in _ALLOWED_CONTROLS) or category == "Cs" or char in "\ufffe\uffff":
            raise TemplateRefused(
                f"{field} contains an invisible control character (U+{ord(char):04X}); remove it and try again."
            )
    return text


def checked_context(values: Mapping[str, Any], path: str = "") -> Any:
    """Validate every text in a nested context; dicts become Groups so missing fields are named precisely."""

    def walk(value: Any, where: str) -> Any:
        if isinstance(value, str):
            return check_value(where, value)
        if isinstance(value, Mapping):
            return Group(where, {key: walk(item, f"{where}.{key}" if where else key) for key, item in value.items()})
        if isinstance(value, list | tuple):
            return [walk(item, f"{where}[{index}]") for index, item in enumerate(value)]
        return value

    return walk(values, path)


# -- time limit -------------------------------------------------------------------------------------------------
@contextmanager
def time_limit(seconds: float = RENDER_SECONDS) -> Iterator[None]:
    """Interrupt the calling thread's Python code after `seconds` (the Jinja code of a runaway template)."""
    thread_id = threading.get_ident()
    lock = threading.Lock()
    state = {"active": True, "fired": False}

    def interrupt() -> None:
        with lock:
            if state["active"]:
                state["fired"] = True
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(RenderTimeout))

    timer = threading.Timer(seconds, interrupt)
    timer.daemon = True
    timer.start()
    try:
        yield
    except RenderTimeout:
        raise RenderTimeout(f"The template did not finish within {seconds:g} seconds and was stopped.") from None
    finally:
        with lock:
            state["active"] = False
            if state["fired"]:  # clear an interruption that arrived just as the render finished
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), None)
        timer.cancel()


def guarded(render: Callable[[], str], seconds: float = RENDER_SECONDS) -> str:
    with time_limit(seconds):
        return render()
