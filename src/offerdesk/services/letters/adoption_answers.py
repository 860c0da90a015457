"""What the adoption says about a letter as a whole, and the mapping's suggestions and texts it builds on."""

from __future__ import annotations

from pathlib import Path

from offerdesk.letters.adopt import text_placeholders
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, Suggestion
from offerdesk.letters.docx_file import WordPackage

RECOGNISED = "«Name», [Name], {Name}, #Name#, <<Name>>, Word merge fields or {{ name }}"


def answer_for(source: Path, package: WordPackage, placeholders: tuple[Placeholder, ...]) -> str:
    """Why `source` cannot be adopted or needs no adoption, in one sentence; "" when it can be mapped."""
    own_loops = getattr(text_placeholders, "uses_own_loops", None)  # TEMPORARY until wt-typed is merged
    if own_loops is not None and (loops := own_loops(package)):
        return (
            f"{source.name} is not a single letter: it loops over {loops}, which OfferDesk cannot fill from one "
            "offer; keep using it with the program it was made for."
        )
    if placeholders:
        return ""
    from offerdesk.letters.check import check_template

    report = check_template(source)
    if report.fields and not any(problem.kind == "unknown_field" for problem in report.problems):
        return f"{source.name} is already an OfferDesk template; add it as it is (Add… or `offerdesk templates add`)."
    return (
        f"{source.name} has no placeholders OfferDesk recognises: {RECOGNISED}; put one where each value goes "
        "(plain words such as Name or Salary are not recognised, since the same words are in the letter's text)."
    )


def suggest(placeholder: Placeholder) -> list[Suggestion]:
    try:  # TEMPORARY fallback until wt-mapping is merged
        from offerdesk.letters.adopt import mapping  # type: ignore[attr-defined]
    except ImportError:
        return []
    return mapping.suggest(placeholder)  # type: ignore[no-any-return]


def suggested(placeholder: Placeholder) -> Choice | None:
    try:
        from offerdesk.letters.adopt import mapping  # type: ignore[attr-defined]
    except ImportError:
        return None
    return mapping.suggested_choice(placeholder)  # type: ignore[no-any-return]


def expression(choice: Choice) -> str:
    try:
        from offerdesk.letters.adopt import mapping  # type: ignore[attr-defined]
    except ImportError:
        import json

        if choice.kind is ChoiceKind.FIELD:
            return "{{ " + choice.value + " }}"
        return "{{ " + json.dumps(choice.value) + " }}" if choice.kind is ChoiceKind.TEXT else ""
    return mapping.expression(choice)  # type: ignore[no-any-return]


def choice_text(choice: Choice | None) -> str:
    """A choice as the command line shows it: "candidate.first_name (suggested)", 'text "…"', "empty"."""
    if choice is None:
        return "? (unmapped)"
    marker = " (confirmed)" if choice.confirmed else " (suggested)"
    if choice.kind is ChoiceKind.TEXT:
        return f"text “{choice.value}”{marker}"
    if choice.kind is ChoiceKind.EMPTY:
        return f"empty{marker}"
    picture = f" as “{choice.picture}”" if choice.picture else ""
    return f"{choice.value}{picture}{marker}"
