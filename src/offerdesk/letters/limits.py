"""Size limits a template meets as it builds a text, so a hostile one is refused before it takes the memory.

A time limit alone is not enough: one filter call (`center(10**8)`) or a few doublings allocate gigabytes in far
less than the render's ten seconds. So every way a template can make a long text or a long list is checked
against the size it *will* have, before the work is done: the operators, the string methods, the filters that
pad, repeat, join or fill, `~` concatenation, macro and block output, and the letter as a whole.
"""

from __future__ import annotations

import functools
import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from jinja2 import filters as jinja_filters
from jinja2 import pass_environment, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.nodes import Concat
from jinja2.utils import Namespace, generate_lorem_ipsum

from offerdesk.errors import OfferDeskError

MAX_TEXT = 1_000_000  # characters any single value built in a template may have
MAX_ITEMS = 1_000_000  # elements any list built in a template may have
MAX_RANGE = 100_000  # numbers one range() may count
MAX_OUTPUT = 20_000_000  # characters of one rendered part: far above any letter, far below a memory problem
MAX_BITS = 100_000  # size of a number a template may compute (about 30,000 digits)
_HUGE = 10**12  # what a width too long to read stands for


class TemplateRefused(OfferDeskError):
    """A template (or a value) that OfferDesk will not render; the message says which and where."""


class TemplateLimit(TemplateRefused):
    """A template that would exceed a limit; `problem` says what it does, to be placed in a sentence."""

    def __init__(self, problem: str, lineno: int | None = None) -> None:
        self.problem = problem
        self.lineno = lineno
        where = f" (line {lineno})" if lineno else ""
        super().__init__(f"The template {problem}{where}.")


class LimitReached(TemplateRefused):
    """A limit a template reached while a letter was made, in a sentence naming the template and the place."""


class TextTooLong(TemplateLimit):
    def __init__(self, limit: int = MAX_TEXT, what: str = "text") -> None:
        unit = "items" if what == "list" else "characters"
        super().__init__(f"builds a {what} longer than {limit:,} {unit}")


def need(size: int, limit: int = MAX_TEXT, what: str = "text") -> None:
    """Refuse a value that would be longer than the limit, before it is built."""
    if size > limit:
        raise TextTooLong(limit, what)


def _number(value: Any) -> int:
    return value if isinstance(value, int) else 0


def _width(digits: str) -> int:
    return int(digits) if len(digits) <= 12 else _HUGE


def text_weight(value: Any, limit: int = MAX_TEXT) -> int:
    """About how long `str(value)` would be, counted without building it (counting stops once past `limit`).

    A list of a million long texts is small to hold (the same text a million times) but huge to print.
    """
    total, pending = 0, [value]
    while pending and total <= limit:
        item = pending.pop()
        if isinstance(item, str):
            total += len(item) + 2
        elif isinstance(item, bool) or item is None:
            total += 5
        elif isinstance(item, int):
            total += item.bit_length() // 3 + 1
        elif isinstance(item, list | tuple | set | frozenset):
            total += 2 + 2 * len(item)
            pending.extend(item)
        elif isinstance(item, dict):
            total += 2 + 4 * len(item)
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, Namespace):
            pending.append(object.__getattribute__(item, "_Namespace__attrs"))
        else:
            total += 32
    return total


def _text_size(value: Any) -> int:
    return len(value) if isinstance(value, str) else text_weight(value)


def sized(value: Any) -> Any:
    """The value, if it is within the limits (the check after a call whose size could not be foreseen)."""
    if isinstance(value, str):
        need(len(value))
    elif isinstance(value, list | tuple | dict):
        need(len(value), MAX_ITEMS, "list")
    return value


# -- operators ----------------------------------------------------------------------------------------------------
_PRINTF = re.compile(r"%(\([^)]*\))?[-#0 +]*(\*|\d+)?(?:\.(\*|\d+))?[hlL]?([a-zA-Z%])")


def printf_size(template: str, args: Any) -> int:
    """About how long `template % args` will be: its text, each value, and every width and precision asked for."""
    mapping = isinstance(args, Mapping)
    values: Sequence[Any] = () if mapping else args if isinstance(args, tuple) else (args,)
    total, position = len(template), 0
    for match in _PRINTF.finditer(template):
        if match[4] == "%":
            continue
        for group in (match[2], match[3]):
            if group == "*":
                total += abs(_number(values[position])) if position < len(values) else 0
                position += 1
            elif group:
                total += _width(group)
        if not mapping and position < len(values):
            total += _text_size(values[position])
            position += 1
    if mapping:
        total += sum(_text_size(value) for value in args.values())
    return total


def check_binop(operator: str, left: Any, right: Any) -> None:
    """Refuse `*`, `+`, `%` and `**` whose result would pass a limit."""
    if operator == "**" and isinstance(left, int) and isinstance(right, int) and right > 0:
        if max(left.bit_length(), 1) * right > MAX_BITS and abs(left) > 1:
            raise TemplateLimit(f"computes a number with more than {MAX_BITS:,} binary digits")
    elif operator == "*":
        if isinstance(left, int) and isinstance(right, int) and left.bit_length() + right.bit_length() > MAX_BITS:
            raise TemplateLimit(f"computes a number with more than {MAX_BITS:,} binary digits")
        for sequence, count in ((left, right), (right, left)):
            if isinstance(sequence, str):
                need(len(sequence) * _number(count))
            elif isinstance(sequence, list | tuple):
                need(len(sequence) * _number(count), MAX_ITEMS, "list")
    elif operator == "+":
        if isinstance(left, str) and isinstance(right, str):
            need(len(left) + len(right))
        elif isinstance(left, list | tuple) and isinstance(right, list | tuple):
            need(len(left) + len(right), MAX_ITEMS, "list")
    elif operator == "%" and isinstance(left, str):
        need(printf_size(left, right))


# -- methods ------------------------------------------------------------------------------------------------------
_PADDING = frozenset({"ljust", "rjust", "center", "zfill"})
_GROWING = frozenset({"append", "extend", "insert", "update", "setdefault"})


def _replace_size(text: str, old: Any, new: Any, count: Any = -1) -> int:
    if not isinstance(old, str) or not isinstance(new, str):
        return len(text)
    hits = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and count >= 0:
        hits = min(hits, count)
    return len(text) + hits * max(len(new) - len(old), 0)


def check_method(method: Any, args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Refuse a string method that pads or repeats past the limit, and a list or dict grown past it."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if isinstance(owner, str):
        if name in _PADDING and args:
            need(max(len(owner), _number(args[0])))
        elif name == "expandtabs":
            need(len(owner) + owner.count("\t") * _number(args[0] if args else kwargs.get("tabsize", 8)))
        elif name == "replace" and len(args) >= 2:
            need(_replace_size(owner, *args[:3]))
    elif isinstance(owner, list | dict) and name in _GROWING:
        grown = len(args[0]) if name in ("extend", "update") and args and hasattr(args[0], "__len__") else 1
        need(len(owner) + grown, MAX_ITEMS, "list")


class CappedFormatterMixin(string.Formatter):
    """str.format that refuses a field width past the limit, and stops once the text it builds passes it."""

    built = 0

    def format_field(self, value: Any, format_spec: str) -> Any:
        widths = [_width(digits) for digits in re.findall(r"\d+", format_spec)]
        need(max([_text_size(value), *widths]))
        result = super().format_field(value, format_spec)
        self.built += len(result)
        need(self.built)
        return result


# -- filters ------------------------------------------------------------------------------------------------------
def _listed(value: Any) -> list[Any]:
    items = list(value) if isinstance(value, Iterable) else [value]
    need(len(items), MAX_ITEMS, "list")
    return items


def _center(value: Any, width: int = 80) -> str:
    need(max(len(str(value)), _number(width)))
    return jinja_filters.do_center(value, width)


def _format(value: Any, *args: Any, **kwargs: Any) -> str:
    need(printf_size(str(value), kwargs or args))
    return jinja_filters.do_format(value, *args, **kwargs)


def _indent(text: Any, width: int | str = 4, first: bool = False, blank: bool = False) -> str:
    lines = str(text).count("\n") + 1
    need(len(str(text)) + lines * (len(width) if isinstance(width, str) else _number(width)))
    return jinja_filters.do_indent(text, width, first, blank)


@pass_environment
def _wordwrap(environment: Any, text: str, width: int = 79, *args: Any, **kwargs: Any) -> str:
    wrap = kwargs.get("wrapstring", args[1] if len(args) > 1 else None) or environment.newline_sequence
    breaks = len(text) // max(_number(width), 1) + text.count(" ") + text.count("\n") + 1
    need(len(text) + len(str(wrap)) * breaks)
    return jinja_filters.do_wordwrap(environment, text, width, *args, **kwargs)


@pass_eval_context
def _replace(eval_ctx: Any, text: str, old: str, new: str, count: int | None = None) -> str:
    need(_replace_size(str(text), old, new, -1 if count is None else count))
    return jinja_filters.do_replace(eval_ctx, text, old, new, count)


@pass_eval_context
def _join(eval_ctx: Any, value: Any, d: str = "", attribute: Any = None) -> str:
    items = _listed(value)
    need(len(str(d)) * max(len(items) - 1, 0) + (sum(_text_size(item) for item in items) if attribute is None else 0))
    joined = jinja_filters.sync_do_join(eval_ctx, items, d, attribute)
    need(len(joined))
    return joined


def _batch(value: Any, linecount: int, fill_with: Any = None) -> Any:
    need(_number(linecount), MAX_ITEMS, "list")
    return jinja_filters.do_batch(value, linecount, fill_with)


def _slice(value: Any, slices: int, fill_with: Any = None) -> Any:
    need(_number(slices), MAX_ITEMS, "list")
    return jinja_filters.sync_do_slice(value, slices, fill_with)


@pass_environment
def _sum(environment: Any, iterable: Any, attribute: Any = None, start: Any = 0) -> Any:
    items = _listed(iterable)
    if isinstance(start, str | list | tuple) and attribute is None:
        sizes = len(start) + sum(len(item) for item in items if isinstance(item, str | list | tuple))
        need(sizes, MAX_TEXT if isinstance(start, str) else MAX_ITEMS, "text" if isinstance(start, str) else "list")
    return jinja_filters.sync_do_sum(environment, items, attribute, start)


_CAPPED: dict[str, Callable[..., Any]] = {
    "center": _center,
    "format": _format,
    "indent": _indent,
    "wordwrap": _wordwrap,
    "replace": _replace,
    "join": _join,
    "batch": _batch,
    "slice": _slice,
    "sum": _sum,
}


def _weighed(jinja_filter: Callable[..., Any]) -> Callable[..., Any]:
    """The filter, refusing a value whose text would pass MAX_TEXT (most filters print their value first)."""
    position = 1 if getattr(jinja_filter, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(jinja_filter)
    def weighed(*args: Any, **kwargs: Any) -> Any:
        if len(args) > position and not isinstance(args[position], str):
            need(text_weight(args[position]))
        return jinja_filter(*args, **kwargs)

    return weighed


def capped_filters(original: Mapping[str, Callable[..., Any]]) -> dict[str, Callable[..., Any]]:
    """The filters, with the ones that pad, repeat, join or fill checking the size they will build first."""
    return {name: _weighed(jinja_filter) for name, jinja_filter in {**original, **_CAPPED}.items()}


def capped_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise TemplateLimit(f"counts to {len(numbers):,} (a loop or list may count to {MAX_RANGE:,})")
    return numbers


# -- joining ------------------------------------------------------------------------------------------------------
def capped_concat(pieces: Iterable[str], output_limit: int = MAX_OUTPUT, output_name: str = "letter") -> str:
    """Join output pieces: a macro's or block's text (a list) up to MAX_TEXT, a whole part up to `output_limit`."""
    limit, what = (MAX_TEXT, "text") if isinstance(pieces, list) else (output_limit, output_name)
    collected, total = [], 0
    for piece in pieces:
        total += len(piece)
        need(total, limit, what)
        collected.append(piece)
    return "".join(collected)


def checked_pieces(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """The operands of `~`, if joined they stay within MAX_TEXT."""
    need(sum(_text_size(value) for value in values))
    return values


def checked_output(value: Any) -> Any:
    """A `{{ value }}` that would print longer than MAX_TEXT (a list of long texts) is refused before printing."""
    if not isinstance(value, str):
        need(text_weight(value))
    return value


def capped_lipsum(n: int = 5, html: bool = True, min: int = 20, max: int = 100) -> str:
    need(_number(n) * _number(max) * 12)
    return generate_lorem_ipsum(n, html, min, max)


class CappedCodeGenerator(CodeGenerator):
    """Jinja's code generator, with `a ~ b` checking the joined length before it is built."""

    @optimizeconst
    def visit_Concat(self, node: Concat, frame: Frame) -> None:  # noqa: N802 (Jinja's visitor naming)
        if frame.eval_ctx.volatile:
            func_name = "(markup_join if context.eval_ctx.volatile else str_join)"
        elif frame.eval_ctx.autoescape:
            func_name = "markup_join"
        else:
            func_name = "str_join"
        self.write(f"{func_name}(environment.checked_pieces((")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write(")))")
