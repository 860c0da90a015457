"""The one Jinja environment letters (and call scripts) render with.

Sandboxed (no attribute starting with `_`, no calling into Python internals), StrictUndefined (a missing value
is an error naming the field, never a blank), autoescape (values with & < > " ' are XML text, not markup), and
limits that stop hostile templates: every text, list or number a template builds is checked against its limit
before it is allocated (limits.py), a template cannot reach other files (include, import, extends), and a render
that runs past its time limit is interrupted.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Mapping
from typing import Any, NoReturn

from jinja2 import StrictUndefined, nodes
from jinja2.runtime import Context
from jinja2.sandbox import SandboxedEnvironment, SandboxedEscapeFormatter, SandboxedFormatter
from jinja2.utils import missing
from markupsafe import Markup

from offerdesk import window_turn
from offerdesk.domain.text_rules import text_problem
from offerdesk.letters.limits import (
    CappedCodeGenerator,
    CappedFormatterMixin,
    LimitReached,
    TemplateLimit,
    TemplateRefused,
    capped_concat,
    capped_filters,
    capped_lipsum,
    capped_range,
    check_binop,
    check_method,
    checked_output,
    checked_pieces,
    sized,
)
from offerdesk.letters.word_pictures import FILTERS as WORD_PICTURE_FILTERS

__all__ = ["LimitReached", "TemplateLimit", "TemplateRefused"]

MAX_EXPONENT = 64
RENDER_SECONDS = 10.0
SETTING_GROUPS = frozenset({"company", "signatory", "recruiter"})  # filled from settings, not from the offer


class RenderTimeout(TemplateRefused):
    pass


class ExpressionFailed(TemplateRefused):
    """An expression of the template itself fails (a division by zero, text plus a number, an element a list
    does not have); `problem` says what went wrong, to be placed in a sentence naming the template and paragraph."""

    def __init__(self, problem: str) -> None:
        super().__init__(f"The template stopped: {problem}.")
        self.problem = problem


# What a template's own code raises (Python's errors, passed on by Jinja): `{{ 1/0 }}`, `{{ "a" + 1 }}`,
# `{{ "{}".format() }}`. Raised anywhere else (no template line in the traceback) they are a defect of ours.
TEMPLATE_CODE_ERRORS = (ArithmeticError, TypeError, LookupError, ValueError)


def expression_problem(error: BaseException) -> str:
    """What a failing expression did, in a recruiter's words (Python's own message in brackets)."""
    detail = f" ({error})" if str(error) else ""
    if isinstance(error, ZeroDivisionError):
        return "a number is divided by zero"
    if isinstance(error, ArithmeticError):
        return f"a calculation cannot be done{detail}"
    if isinstance(error, TypeError):
        return f"two values that cannot be combined that way are used together{detail}"
    if isinstance(error, LookupError):
        return f"it asks for an element that is not there{detail}"
    return f"a value is not what the expression needs{detail}"


def _kind_of(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, str):
        return f"the text “{value[:30]}”"
    return {"list": "the list", "tuple": "the list", "int": "the number", "float": "the number"}.get(
        type(value).__name__, "the value"
    )


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
        if owner is not missing:  # `none.x`, `[1][5]`, `candidate.full_name.x`: a part of a value that has none
            part = f"element {name}" if isinstance(name, int) else f"“{name}”"
            raise ExpressionFailed(f"{_kind_of(owner)} has no {part}")
        raise TemplateRefused(f"The template uses “{name}”, which is not a field OfferDesk knows.")

    __str__ = __iter__ = __len__ = __bool__ = __eq__ = __ne__ = __hash__ = _fail_with_undefined_error
    __getattr__ = __getitem__ = __call__ = __add__ = __contains__ = _fail_with_undefined_error


class OtherFilesRefused(TemplateLimit):
    """{% include %}, {% import %} and {% extends %}: a letter is one file, and other files are not the template's."""

    def __init__(self, lineno: int) -> None:
        super().__init__("tries to use another file (templates cannot include, import or extend other files)", lineno)
        self.args = (f"Templates cannot include, import or extend other files (line {lineno}).",)


_OTHER_FILES = (nodes.Include, nodes.Import, nodes.FromImport, nodes.Extends)


class _CappedFormatter(CappedFormatterMixin, SandboxedFormatter):
    pass


class _CappedEscapeFormatter(CappedFormatterMixin, SandboxedEscapeFormatter):
    pass


class LetterEnvironment(SandboxedEnvironment):
    """The sandbox, with every way of building a long text or list checked against its limit first."""

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = CappedCodeGenerator
    concat = staticmethod(capped_concat)
    checked_pieces = staticmethod(checked_pieces)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options, finalize=checked_output)
        self.filters = capped_filters(self.filters)
        self.filters.update(WORD_PICTURE_FILTERS)  # word_date, word_number: an adopted letter's own layouts
        self.globals.update(range=capped_range, lipsum=capped_lipsum)

    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for node in tree.find_all(_OTHER_FILES):
            raise OtherFilesRefused(node.lineno)
        return tree

    def getattr(self, obj: Any, attribute: str) -> Any:
        window_turn.give_way()  # a long render pauses here while the window is behind (offerdesk.window_turn)
        return super().getattr(obj, attribute)

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > MAX_EXPONENT:
            raise TemplateLimit(f"raises a number to the power {right}, more than the {MAX_EXPONENT} allowed")
        check_binop(operator, left, right)
        return super().call_binop(context, operator, left, right)

    def call(self, context: Context, obj: Any, /, *args: Any, **kwargs: Any) -> Any:
        check_method(obj, args, kwargs)
        return sized(super().call(context, obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        """str.format and format_map, through a formatter that refuses widths and texts past the limit."""
        if super().wrap_str_format(value) is None:
            return None
        text: str = value.__self__
        mapped = value.__name__ == "format_map"

        def capped(*args: Any, **kwargs: Any) -> str:
            formatter: SandboxedFormatter = (
                _CappedEscapeFormatter(self, escape=text.escape) if isinstance(text, Markup) else _CappedFormatter(self)
            )
            if not mapped:
                return type(text)(formatter.vformat(text, args, kwargs))
            if kwargs or len(args) != 1:
                raise TypeError("format_map() takes exactly one argument")
            return type(text)(formatter.vformat(text, (), args[0]))

        return capped


def make_environment() -> LetterEnvironment:
    return LetterEnvironment(autoescape=True, undefined=LetterUndefined, keep_trailing_newline=True)


# -- values -----------------------------------------------------------------------------------------------------
def check_value(field: str, value: str) -> str:
    """The value as it will appear, or TemplateRefused with the one text rule's sentence (domain/text_rules.py)."""
    text = value.replace("\r\n", "\n")
    if problem := text_problem(text, field, multiline=True):
        raise TemplateRefused(problem)
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
REFIRE_SECONDS = 0.2


class time_limit:  # noqa: N801 (used as `with time_limit(…)`, like a function)
    """Interrupt the calling thread's Python code after `seconds` (the Jinja code of a runaway template).

    The interruption is an asynchronous RenderTimeout. One can be lost: delivered while the thread runs a
    finaliser (`__del__`, a weakref callback), it is printed and ignored. So the watchdog sends it again every
    REFIRE_SECONDS until the guarded block has ended, and the exit clears any still pending.
    """

    def __init__(self, seconds: float = RENDER_SECONDS) -> None:
        self.seconds = seconds
        self._thread_id = 0
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._active = False
        self._fired = False

    def __enter__(self) -> time_limit:
        self._thread_id = threading.get_ident()
        self._active = True
        threading.Thread(target=self._watch, name="offerdesk-render-watchdog", daemon=True).start()
        return self

    def _send(self, error: type[BaseException] | None) -> None:
        target = ctypes.py_object(error) if error is not None else None
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self._thread_id), target)

    def _watch(self) -> None:
        if self._done.wait(self.seconds):
            return
        while True:
            with self._lock:
                if not self._active:
                    return
                self._fired = True
                self._send(RenderTimeout)
            if self._done.wait(REFIRE_SECONDS):
                return

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: Any) -> None:
        while True:  # a late interruption may land right here: retry until the watchdog is off
            try:
                with self._lock:
                    self._active = False
                    if self._fired:
                        self._send(None)  # clear one still pending (the render may just have finished)
                break
            except RenderTimeout:
                continue
        self._done.set()
        if kind is not None and issubclass(kind, RenderTimeout) and self._fired:
            raise RenderTimeout(f"The template did not finish within {self.seconds:g} seconds and was stopped.")


def guarded(render: Callable[[], str], seconds: float = RENDER_SECONDS) -> str:
    with time_limit(seconds):
        return render()
