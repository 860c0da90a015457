"""What the adoption says about a letter as a whole, and the mapping's suggestions and texts it builds on."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from offerdesk.errors import ValidationError
from offerdesk.letters.adopt import mapping, text_parts, text_placeholders
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind, Suggestion
from offerdesk.letters.docx_file import WordPackage

RECOGNISED = "«Name», [Name], {Name}, #Name#, <<Name>>, Word merge fields or {{ name }}"


def answer_for(source: Path, package: WordPackage, placeholders: tuple[Placeholder, ...]) -> str:
    """Why `source` cannot be adopted or needs no adoption, in one sentence; "" when it can be mapped."""
    if loops := own_loops(package):
        return (
            f"{source.name} is not a single letter: it loops over {' and '.join(loops)}, which OfferDesk cannot fill "
            "from one offer; keep using it with the program it was made for."
        )
    if any(placeholder.kind is not PlaceholderKind.BLANK for placeholder in placeholders):
        return ""
    from offerdesk.letters.check import check_template

    report = check_template(source)
    if report.fields and not any(problem.kind == "unknown_field" for problem in report.problems):
        return f"{source.name} is already an OfferDesk template; add it as it is (Add… or `offerdesk templates add`)."
    if placeholders:  # only blanks ("XX", "$XX.XX") in a letter that does not fill from OfferDesk yet
        return ""
    return nothing_recognised(source)


def nothing_recognised(source: Path) -> str:
    """The answer for a letter with no placeholder OfferDesk can find by itself: its plain words can be marked."""
    return (
        f"{source.name} has no placeholders OfferDesk recognises: {RECOGNISED} or XX blanks; put one where "
        "each value goes, or mark the plain words that stand for a value (such as Name or Salary) as a placeholder "
        "(Mark words… or --words), since OfferDesk cannot tell them from the letter's own words."
    )


def own_loops(package: WordPackage) -> list[str]:
    """The letter's own lists it loops over, in every text part ("items", "docs.order_line")."""
    loops: list[str] = []
    for name in text_parts(package):
        root = etree.fromstring(package.data[name], etree.XMLParser(resolve_entities=False, no_network=True))
        loops += [loop for loop in text_placeholders.uses_own_loops(root) if loop not in loops]
    return loops


def suggest(placeholder: Placeholder) -> list[Suggestion]:
    return mapping.suggest(placeholder)


def suggested(placeholder: Placeholder) -> Choice | None:
    return mapping.suggested_choice(placeholder)


def expression(choice: Choice) -> str:
    """The docxtpl text of a choice; a field OfferDesk does not have is the recruiter's to correct."""
    try:
        return mapping.expression(choice)
    except ValueError as error:
        raise ValidationError(str(error)) from None


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
