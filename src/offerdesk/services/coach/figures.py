"""The coach's figures: acceptance after each objection, by offer type and ask style, and before/after practice.

Pure functions over the dashboard's per-offer facts and the logged calls, so every rate here is the dashboard's
acceptance rate (accepted / decided, with its small-sample rule) over a different set of offers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from offerdesk.domain.labels import group_label, reason_label
from offerdesk.domain.metrics import SMALL_SAMPLE, OfferFacts, compute

ACCEPTANCE = "acceptance_rate"


@dataclass(frozen=True)
class CoachCall:
    """One logged call about an offer: who made it, when, which ask, which objections came up."""

    call_id: int
    offer_id: int
    recruiter: str
    started_at: datetime
    ask_style: str
    objections: tuple[str, ...]


@dataclass(frozen=True)
class Rate:
    """The dashboard's acceptance rate over some offers: accepted of decided, shown as "40% (2 of 5)"."""

    accepted: int
    decided: int
    value: float | None
    display: str
    small_sample: bool
    offer_ids: tuple[int, ...]

    @property
    def percent(self) -> str:
        """ "40%", or "no decided offers" when there is nothing to divide."""
        return self.display.split(" (")[0] if self.decided else "no decided offers"


@dataclass(frozen=True)
class ObjectionLoss:
    """How offers fare after one objection came up on the recruiter's calls, beside the team's."""

    code: str
    label: str
    yours: Rate
    team: Rate
    sentence: str


@dataclass(frozen=True)
class AskStyleRow:
    offer_type: str
    offer_type_label: str
    ask_style: str
    ask_style_label: str
    yours: Rate
    team: Rate


@dataclass(frozen=True)
class PracticeEffect:
    """Real outcomes after one objection before the first practice of it and after, on the recruiter's calls."""

    code: str
    label: str
    first_practised: datetime
    practices: int
    before: Rate
    after: Rate
    sentence: str


@dataclass(frozen=True)
class DrillView:
    id: int
    code: str
    label: str
    recruiter: str
    due_on: date
    reason: str
    created_at: datetime
    done_at: datetime | None
    practice_result_id: int | None

    @property
    def is_open(self) -> bool:
        return self.done_at is None


@dataclass(frozen=True)
class CoachReport:
    """`recruiter` is whose numbers "yours" are ("" when they are all calls); `whose` says so in a sentence."""

    recruiter: str
    whose: str
    team_sentence: str
    losses: list[ObjectionLoss]
    ask_styles: list[AskStyleRow]
    drills: list[DrillView]
    practice: list[PracticeEffect]
    definition: str
    small_sample_below: int = SMALL_SAMPLE


DEFINITION = (
    "An objection's rate counts each offer once: the offers whose calls raised it, accepted divided by decided "
    "(accepted + declined + expired), as the dashboard counts acceptance; open and rescinded offers are left out. "
    "An offer's ask style is that of its latest call that recorded one. "
    f"Fewer than {SMALL_SAMPLE} decided offers is a small sample."
)


def rate_of(facts: Iterable[OfferFacts]) -> Rate:
    metric = compute(list(facts))[ACCEPTANCE]
    return Rate(
        accepted=metric.numerator,
        decided=metric.denominator,
        value=metric.value,
        display=metric.display,
        small_sample=metric.small_sample,
        offer_ids=metric.offer_ids,
    )


def _counts(rate: Rate) -> str:
    return f"{rate.accepted} of {rate.decided}"


def loss_sentence(label: str, yours: Rate, team: Rate, *, alone: bool) -> str:
    """ "After Pay too low your offers are accepted 32% of the time (8 of 25); team 55% (61 of 111).\""""
    if not yours.decided:
        head = f"After {label} none of your offers is decided yet"
    else:
        head = f"After {label} your offers are accepted {yours.percent} of the time ({_counts(yours)})"
    if yours.small_sample:
        head += ", a small sample"
    if alone:
        return head + "."
    tail = f"team {team.percent} ({_counts(team)})" if team.decided else "the team has no decided offers"
    return f"{head}; {tail}."


def _offers_by_code(calls: Iterable[CoachCall]) -> dict[str, set[int]]:
    result: dict[str, set[int]] = defaultdict(set)
    for call in calls:
        for code in call.objections:
            result[code].add(call.offer_id)
    return result


def _weakness(loss: ObjectionLoss) -> tuple[bool, float, int, str]:
    """Lowest acceptance first; a tie goes to the code with more offers behind it; undecided codes last."""
    value = loss.yours.value
    return (value is None, value if value is not None else 0.0, -loss.yours.decided, loss.code)


def objection_losses(
    facts: Mapping[int, OfferFacts], yours: Sequence[CoachCall], team: Sequence[CoachCall], *, alone: bool
) -> list[ObjectionLoss]:
    """Every objection code raised on the recruiter's calls, weakest first."""
    mine, everyone = _offers_by_code(yours), _offers_by_code(team)
    losses = []
    for code, offer_ids in mine.items():
        label = reason_label(code)
        own = rate_of(facts[i] for i in sorted(offer_ids) if i in facts)
        all_ = rate_of(facts[i] for i in sorted(everyone.get(code, offer_ids)) if i in facts)
        losses.append(ObjectionLoss(code, label, own, all_, loss_sentence(label, own, all_, alone=alone)))
    return sorted(losses, key=_weakness)


def _latest_styles(calls: Iterable[CoachCall]) -> dict[int, str]:
    styles: dict[int, tuple[datetime, int, str]] = {}
    for call in calls:
        if not call.ask_style:
            continue
        key = (call.started_at, call.call_id, call.ask_style)
        if call.offer_id not in styles or key > styles[call.offer_id]:
            styles[call.offer_id] = key
    return {offer_id: style for offer_id, (_at, _id, style) in styles.items()}


def _by_type_and_style(facts: Mapping[int, OfferFacts], calls: Iterable[CoachCall]) -> dict[tuple[str, str], Rate]:
    groups: dict[tuple[str, str], list[OfferFacts]] = defaultdict(list)
    for offer_id, style in sorted(_latest_styles(calls).items()):
        fact = facts.get(offer_id)
        if fact is not None:
            groups[(fact.offer_type, style)].append(fact)
    return {key: rate_of(members) for key, members in groups.items()}


def ask_style_rows(
    facts: Mapping[int, OfferFacts], yours: Sequence[CoachCall], team: Sequence[CoachCall]
) -> list[AskStyleRow]:
    """Acceptance by (offer type, ask style): every pair used, yours beside the team's (empty where a side has none)."""
    own, all_ = _by_type_and_style(facts, yours), _by_type_and_style(facts, team)
    empty = rate_of(())
    # a pair can be yours alone when someone else called the same offer last; it still gets its row
    pairs = list(all_) + [pair for pair in own if pair not in all_]
    rows = [
        AskStyleRow(
            offer_type,
            group_label("offer_type", offer_type),
            style,
            group_label("ask_style", style),
            own.get((offer_type, style), empty),
            all_.get((offer_type, style), empty),
        )
        for offer_type, style in pairs
    ]
    best_first = sorted(rows, key=lambda r: (-(r.team.value or 0.0), -r.team.decided, r.ask_style))
    return sorted(best_first, key=lambda r: r.offer_type_label)  # stable: within a type, the best style leads


def effect_sentence(label: str, before: Rate, after: Rate) -> str:
    def part(name: str, rate: Rate) -> str:
        if not rate.decided:
            return f"{name} no decided offers"
        warning = ", small sample" if rate.small_sample else ""
        return f"{name} {rate.percent} ({_counts(rate)}{warning})"

    return f"{label}: {part('before the first practice', before)}; {part('after it', after)}."


def practice_effects(
    facts: Mapping[int, OfferFacts],
    yours: Sequence[CoachCall],
    practised: Mapping[str, tuple[datetime, int]],
) -> list[PracticeEffect]:
    """For each code practised (first time, attempts): the offers whose calls raised it, split by the last such call.

    An offer counts after the practice when the objection last came up on a call at or after the first practice
    (the recruiter met it with the practice behind them), before it otherwise; each offer counts once.
    """
    last_raised: dict[str, dict[int, datetime]] = defaultdict(dict)
    for call in yours:
        for code in call.objections:
            known = last_raised[code].get(call.offer_id)
            if known is None or call.started_at > known:
                last_raised[code][call.offer_id] = call.started_at
    effects = []
    for code, (first, attempts) in sorted(practised.items(), key=lambda item: item[1][0]):
        raised = last_raised.get(code, {})
        before = rate_of(facts[i] for i, at in sorted(raised.items()) if at < first and i in facts)
        after = rate_of(facts[i] for i, at in sorted(raised.items()) if at >= first and i in facts)
        label = reason_label(code)
        effects.append(
            PracticeEffect(code, label, first, attempts, before, after, effect_sentence(label, before, after))
        )
    return effects
