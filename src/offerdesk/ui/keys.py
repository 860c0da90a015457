"""The keys that work inside a panel (not menu shortcuts): one registry the panels bind from, their on-screen
hint lines are written from, and Help → Keyboard Shortcuts lists, so the three never disagree."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

_SYMBOLS = {"Left": "←", "Right": "→", "Up": "↑", "Down": "↓", "Escape": "Esc", "Return": "Enter"}


@dataclass(frozen=True)
class PanelKey:
    name: str  # what the panel binds it to
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is the one the hint shows
    does: str  # said in Help → Keyboard Shortcuts
    hint: str = ""  # the word on the panel's hint line; empty: not on it
    symbol: str = ""  # shown instead of the first key on the hint line (e.g. "↑↓" for a pair)


def key_label(portable: str) -> str:
    """A key as this platform writes it, arrows as arrows."""
    return _SYMBOLS.get(portable, QKeySequence(portable).toString(QKeySequence.SequenceFormat.NativeText))


def keys_label(key: PanelKey) -> str:
    """All of a key's keys, each once (Return and the keypad's Enter both read “Enter”)."""
    return " or ".join(dict.fromkeys(key_label(k) for k in key.keys))


def hint_line(keys: tuple[PanelKey, ...]) -> str:
    """“← back · → next · …”: the keys of a panel that carry a hint, in registry order."""
    return " · ".join(f"{key.symbol or key_label(key.keys[0])} {key.hint}" for key in keys if key.hint)


CALL_SCRIPT_KEYS = (
    PanelKey("previous", ("Left", "PgUp"), "Previous step", "back"),
    PanelKey("next", ("Right", "PgDown"), "Next step (on the last step: asks, then how the call ended)", "next"),
    PanelKey("back", ("Escape",), "Back one step; out of the search; on the first step, leave the call", "back"),
    PanelKey("style_previous", ("Up",), "Previous ask style (on the ask step)"),
    PanelKey("style_next", ("Down",), "Next ask style (on the ask step)", "ask style", "↑↓"),
    PanelKey("search", ("Ctrl+K",), "Search the objections", "objections"),
    PanelKey("suggestion", ("Ctrl+Return", "Ctrl+Enter"), "Open the objection the call's notes sound like"),
    PanelKey("end", ("Ctrl+E",), "End the call: choose how it ended", "end call"),
)
CALL_OUTCOME_KEYS = (
    PanelKey("yes", ("Y",), "They said yes", "yes"),
    PanelKey("need_time", ("T",), "They need time", "needs time"),
    PanelKey("counter", ("C",), "They countered", "counter"),
    PanelKey("no", ("N",), "They said no", "no"),
    PanelKey("save", ("Return", "Enter"), "Save the call", "save"),
    PanelKey("back", ("Escape",), "Back to the script", "back"),
)
LIST_KEYS = (
    PanelKey("rows", ("Up", "Down"), "Previous / next row of a table or list"),
    PanelKey("next_control", ("Tab",), "Next control or panel (tables too: Tab never moves from cell to cell)"),
    PanelKey("previous_control", ("Shift+Tab",), "Previous control or panel"),
)

PANEL_KEYS: tuple[tuple[str, tuple[PanelKey, ...]], ...] = (
    ("On the call", CALL_SCRIPT_KEYS),
    ("How the call ended", CALL_OUTCOME_KEYS),
    ("Tables and lists", LIST_KEYS),
)
