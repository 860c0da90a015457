"""Every code the domain stores has words a recruiter reads, and those words are never the code itself."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from enum import Enum
from typing import Literal, get_args, get_origin

import pytest

import offerdesk.domain
from offerdesk.domain import labels
from offerdesk.domain.calls import DECLINE_REASONS, ObjectionCode
from offerdesk.domain.metrics import OUTCOMES
from offerdesk.domain.offers import ComponentKind, OfferStatus

CODE = re.compile(r"^[a-z]+(_[a-z]+)+$|^[A-Z]+(_[A-Z]+)*$")


def _domain_modules() -> list[object]:
    return [
        importlib.import_module(f"offerdesk.domain.{m.name}") for m in pkgutil.iter_modules(offerdesk.domain.__path__)
    ]


def _domain_enums() -> list[type[Enum]]:
    found: dict[str, type[Enum]] = {}
    for module in _domain_modules():
        for _name, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, Enum) and value.__module__.startswith("offerdesk.domain"):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def _domain_literals() -> list[tuple[str, object]]:
    """Each Literal alias once, named where it is first found (an alias imported elsewhere is the same one)."""
    found: dict[object, str] = {}
    for module in _domain_modules():
        for name, value in vars(module).items():
            if get_origin(value) is Literal:
                found.setdefault(value, name)
    return [(name, value) for value, name in found.items()]


def _looks_like_code(text: str, code: str) -> bool:
    return text == code or (CODE.match(text) is not None and len(text) > 3)


@pytest.mark.parametrize("kind", _domain_enums(), ids=lambda kind: kind.__name__)
def test_every_member_of_every_domain_enum_has_its_own_words(kind: type[Enum]) -> None:
    for member in kind:
        assert member in labels.labels_of(kind), f"{kind.__name__}.{member.name} has no label"
        words = labels.label(member)
        assert words.strip(), f"{kind.__name__}.{member.name} has an empty label"
        assert not _looks_like_code(words, str(member.value)), f"{kind.__name__}.{member.name} reads “{words}”"
    assert kind in labels._ENUM_LABELS, f"{kind.__name__} is missing from domain/labels.py"
    assert set(labels._ENUM_LABELS[kind]) == set(kind), f"{kind.__name__}'s labels do not match its members"


def test_the_walk_finds_the_vocabularies_the_screens_show() -> None:
    names = {kind.__name__ for kind in _domain_enums()}
    assert {"OfferStatus", "ComponentKind", "PayUnit", "ObjectionCode", "AskStyle", "Stage"} <= names
    assert {name for name, _ in _domain_literals()} == {"Position", "Side", "ChangedBy"}


@pytest.mark.parametrize(("name", "literal"), _domain_literals(), ids=str)
def test_every_literal_value_in_the_domain_has_words(name: str, literal: object) -> None:
    words = labels.LITERAL_LABELS.get(literal)
    assert words is not None, f"{name} is missing from labels.LITERAL_LABELS"
    assert set(words) == set(get_args(literal))
    for value, text in words.items():
        assert text.strip() and not _looks_like_code(text, value)


@pytest.mark.parametrize("reason", DECLINE_REASONS)
def test_decline_reasons_read_as_words(reason: str) -> None:
    text = labels.reason_label(reason)
    assert text and not _looks_like_code(text, reason)


@pytest.mark.parametrize("outcome", OUTCOMES)
def test_dashboard_outcomes_read_as_words(outcome: str) -> None:
    text = labels.outcome_label(outcome)
    assert text and not _looks_like_code(text, outcome)


def test_examples() -> None:
    assert labels.label(ComponentKind.SIGN_ON) == "Sign-on bonus"
    assert labels.label(OfferStatus.LETTER_SENT) == "Letter sent" == OfferStatus.LETTER_SENT.label
    assert labels.reason_label(ObjectionCode.COMP_LOW) == "Pay too low"
    assert labels.reason_label("OTHER") == "Other reason"
    assert labels.reason_label("VISA_SPONSORSHIP") == "Visa sponsorship"  # a code typed into the library by hand
    assert labels.code_label(OfferStatus, "no_longer_a_status") == "No longer a status"
    assert labels.choices(ComponentKind)[3] == ("sign_on", "Sign-on bonus")
