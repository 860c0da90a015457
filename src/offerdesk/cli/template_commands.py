"""`offerdesk templates adopt FILE`: show what OfferDesk would put in place of each placeholder, then add it."""

from __future__ import annotations

import argparse
import difflib
from pathlib import Path

from offerdesk.cli.session import services_for
from offerdesk.domain.offers import OfferType
from offerdesk.errors import ValidationError
from offerdesk.letters.adopt.model import Choice, ChoiceKind, PlaceholderKind
from offerdesk.letters.fields import all_paths


def _pair(option: str, text: str, example: str) -> tuple[str, str]:
    placeholder, equals, value = text.partition("=")
    if not equals or not placeholder.strip():
        raise ValidationError(f"{option} needs PLACEHOLDER=VALUE, e.g. {option} {example}; “{text}” is not that.")
    return placeholder.strip(), value


def _field(placeholder: str, name: str) -> str:
    known = sorted(path for path in all_paths() if "[]" not in path)
    if name.strip() in known:
        return name.strip()
    close = difflib.get_close_matches(name.strip(), known, n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(close)}?" if close else "`offerdesk templates fields` lists them."
    raise ValidationError(f"--map {placeholder}={name}: OfferDesk has no field “{name}”; {hint}")


def given_choices(args: argparse.Namespace) -> dict[str, Choice]:
    """The choices typed on the command line, each confirmed by the recruiter who typed it."""
    given: dict[str, Choice] = {}
    for text in args.map:
        placeholder, name = _pair("--map", text, "FirstName=candidate.first_name")
        given[placeholder] = Choice(ChoiceKind.FIELD, _field(placeholder, name), confirmed=True)
    for text in args.text:
        placeholder, value = _pair("--text", text, '"Company=Brightpath Software"')
        given[placeholder] = Choice(ChoiceKind.TEXT, value, confirmed=True)
    for placeholder in args.empty:
        given[placeholder.strip()] = Choice(ChoiceKind.EMPTY, confirmed=True)
    return given


def templates_adopt(args: argparse.Namespace) -> int:
    from offerdesk.services.letters.adoption import choice_text, display_name, listed

    source = Path(args.file)
    with services_for(args) as services:
        adoption = services.template_adoption
        words = list(args.words)
        draft = adoption.inspect(source, given_choices(args), words)
        if draft.answer:
            raise ValidationError(draft.answer)
        width = max(len(display_name(placeholder)) for placeholder in draft.placeholders)
        for placeholder in draft.placeholders:
            context = f"   ({placeholder.note})" if placeholder.kind is PlaceholderKind.BLANK else ""
            print(f"{display_name(placeholder):<{width}} -> {choice_text(draft.choices.get(placeholder.id))}{context}")
        if unmapped := draft.unmapped():
            print(f"Still unmapped: {listed(unmapped, 40)}; give --map PLACEHOLDER=FIELD, --text PLACEHOLDER=TEXT "
                  "or --empty PLACEHOLDER for each (a blank by its number, e.g. XX#2). Nothing was added.")  # fmt: skip
            return 1
        if not args.name:
            print("Every placeholder has a choice; check the suggested ones, then add it with --name NAME.")
            return 0
        offer_type = OfferType(args.offer_type) if args.offer_type else None
        added = adoption.adopt(source, args.name, draft.choices, offer_type, args.locale, words).value
    print(f"Added “{added.name}” (prepared copy at {added.path}; {source.name} itself is unchanged).")
    print(f'Use it with: offerdesk letters export --offer ID --template "{added.name}"')
    return 0
