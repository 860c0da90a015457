"""What the Copy buttons of call prep and the call put on the clipboard: a filled script, one step, a talk track,
as HTML and as plain text (domain/clip_text.py). Placeholders for values not known yet stay visible («start date?»)
in both, so nothing pasted hides a gap."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from offerdesk.domain.clip_text import ClipText
from offerdesk.services.callprep.scripts import FillBudget, FilledText, fill


def step_source(step: Mapping[str, Any], style: str = "direct") -> str:
    """The text of one step as the script says it: in the chosen ask style where the step has variants."""
    if "variants" in step:
        variants: Mapping[str, str] = step["variants"]
        return variants.get(style) or next(iter(variants.values()), "")
    return str(step.get("text", ""))


def talk_track_text(filled: FilledText) -> ClipText:
    return ClipText(f"<p>{filled.html}</p>", filled.plain)


def step_text(title: str, filled: FilledText, tip: str = "") -> ClipText:
    """One step: its title, the filled words, and its tip."""
    html = [f"<h4>{escape(title)}</h4>", f"<p>{filled.html}</p>"]
    plain = [title, filled.plain]
    if tip:
        html.append(f"<p><i>Tip: {escape(tip)}</i></p>")
        plain.append(f"Tip: {tip}")
    return ClipText("".join(html), "\n".join(plain))


def script_text(steps: Sequence[Mapping[str, Any]], values: Any, budget: FillBudget | None = None) -> ClipText:
    """The whole script, each step numbered, filled with the candidate's and the offer's values."""
    parts = [
        step_text(f"{number}. {step.get('title', '')}", fill(step_source(step), values, budget), step.get("tip", ""))
        for number, step in enumerate(steps, start=1)
    ]
    return ClipText("".join(part.html for part in parts), "\n\n".join(part.plain for part in parts).strip())
