"""Offer metrics for the yes/no dashboard: what each number means, the per-offer facts, and the arithmetic.

Everything here is pure: the service reads the offers, their status histories and their calls in bulk, turns each
offer into one `OfferFacts`, and these functions count. Definitions are sentences because the UI shows them next
to the numbers; a rate nobody can explain gets argued about instead of acted on.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal

from offerdesk.domain.calls import OTHER_REASON
from offerdesk.domain.labels import reason_label
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import ValidationError

SMALL_SAMPLE = 10
"""A rate whose denominator is below this is flagged: a handful of offers says little about a recruiter or role."""

NO_VALUE = "—"
NO_GROUP = "(none)"

OUTCOMES = ("accepted", "declined", "expired", "rescinded", "open", "not_extended")
GROUPS = ("period", "role", "recruiter", "offer_type", "ask_style", "objection", "script")

_ACCEPTED = frozenset({OfferStatus.VERBALLY_ACCEPTED, OfferStatus.SIGNED, OfferStatus.STARTED})
_EXTENSIONS = frozenset({OfferStatus.VERBAL_EXTENDED, OfferStatus.LETTER_SENT})
TRACKED = (
    OfferStatus.VERBAL_EXTENDED,
    OfferStatus.LETTER_SENT,
    OfferStatus.SIGNED,
    OfferStatus.STARTED,
    OfferStatus.DECLINED,
    OfferStatus.EXPIRED,
    OfferStatus.RESCINDED,
    OfferStatus.RENEGED,
)
"""The statuses `summarize` looks at in `reached`."""
ACCEPTANCE_STATUSES = _ACCEPTED
EXTENSION_STATUSES = _EXTENSIONS
_DECIDED = frozenset({"accepted", "declined", "expired"})
_FINAL_LOSSES = (OfferStatus.DECLINED, OfferStatus.EXPIRED, OfferStatus.RESCINDED)


def local_moment(moment: datetime) -> datetime:
    """A stored (naive UTC) time as the user's own clock read it, naive: days and months are the user's."""
    return moment.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


def local_day(moment: datetime) -> date:
    """The user's calendar day of a stored time: a period typed as days means the user's days, not UTC's."""
    return local_moment(moment).date()


@dataclass(frozen=True)
class Definition:
    key: str
    label: str
    sentence: str


EXTENDED_SENTENCE = (
    "An offer is extended verbally when its history reaches verbal extended and in writing when it reaches letter "
    "sent; its extension time is the first of these, and period filters apply to that time."
)
OUTCOME_SENTENCE = (
    "An offer is accepted once its history reaches verbally accepted, signed or started (even if later reneged "
    "or rescinded), declined once it reaches declined, and open while extended without acceptance, decline, expiry "
    "or rescinding. Period filters and months are the user's calendar days of the extension time."
)
OPEN_SENTENCE = "Offers extended and not yet answered: no acceptance, decline, expiry or rescinding yet."
RESCINDED_SENTENCE = (
    "Extended offers the company withdrew, before the candidate answered or after a yes; one rescinded after a yes "
    "still counts as accepted (the candidate's answer), and never as a renege."
)

DEFINITIONS: dict[str, Definition] = {
    d.key: d
    for d in (
        Definition(
            "acceptance_rate",
            "Acceptance rate",
            "Accepted offers divided by decided offers (accepted + declined + expired); offers rescinded before an "
            "answer are the employer's decision and open offers have no answer yet, so both are left out and "
            "reported apart.",
        ),
        Definition(
            "verbal_acceptance_rate",
            "Verbal acceptance rate",
            "The acceptance rate among offers that were extended verbally (their history reaches verbal extended).",
        ),
        Definition(
            "written_acceptance_rate",
            "Written acceptance rate",
            "Among offers whose history reaches letter sent, those signed (or started) divided by those decided "
            "(accepted + declined + expired).",
        ),
        Definition(
            "time_to_accept_days",
            "Time to accept",
            "The median number of days from an offer's extension time to its first acceptance, accepted offers only.",
        ),
        Definition(
            "renege_rate",
            "Renege rate",
            "Accepted offers the candidate later backed out of (reneged), divided by accepted offers; an offer the "
            "company rescinded after the yes is not a renege.",
        ),
        Definition(
            "offer_to_start",
            "Offer to start",
            "Accepted offers whose candidate started, divided by accepted offers.",
        ),
        Definition(
            "decline_reasons",
            "Decline reasons",
            "The recorded reason (an objection code, or OTHER) of every declined offer, ranked by count; the headline "
            "shows the most common one. An offer accepted and later reneged on was not declined: a renege is not a "
            "decline, it counts in the renege rate and its reason among the renege reasons.",
        ),
    )
}


@dataclass(frozen=True)
class MetricValue:
    """One number with what it is made of: offer_ids are the offers behind it (its denominator), for drill-down."""

    key: str
    label: str
    value: float | None
    numerator: int
    denominator: int
    display: str
    small_sample: bool
    offer_ids: tuple[int, ...]


@dataclass(frozen=True)
class OfferFacts:
    """What the metrics need to know about one offer, read once from its history and its calls.

    `signed` (history reaches signed or started) and `rescinded` (history reaches rescinded after an extension)
    are last and defaulted so that code building facts without them keeps working. `decline_reason` is the reason
    recorded when the offer was lost: the decline's for a declined offer, the renege's for a reneged one.
    """

    offer_id: int
    candidate_name: str
    role: str
    recruiter: str
    offer_type: str
    extended_at: datetime | None
    verbal: bool
    written: bool
    accepted_at: datetime | None
    outcome: str
    reneged: bool
    started: bool
    decline_reason: str
    ask_style: str
    objections: tuple[str, ...]
    script: str
    signed: bool = False
    rescinded: bool = False


@dataclass(frozen=True)
class HistoryFacts:
    """The part of OfferFacts that comes from the status history alone."""

    extended_at: datetime | None
    verbal: bool
    written: bool
    accepted_at: datetime | None
    outcome: str
    reneged: bool
    started: bool
    signed: bool
    decline_reason: str
    rescinded: bool = False


def read_history(events: Iterable[tuple[datetime, str, str]], decision_reason: str = "") -> HistoryFacts:
    """Summarise a status history given as (at, to_status value, reason_code) in time order.

    The history, not the current status, decides: an offer accepted and later reneged still counts as accepted.
    """
    extended_at: datetime | None = None
    accepted_at: datetime | None = None
    reached: dict[str, str] = {}
    for at, status, reason in events:
        if status in _EXTENSIONS and extended_at is None:
            extended_at = at
        if status in _ACCEPTED and accepted_at is None:
            accepted_at = at
        reached.setdefault(status, reason)
    return summarize(extended_at, accepted_at, reached, decision_reason)


def summarize(
    extended_at: datetime | None, accepted_at: datetime | None, reached: Mapping[str, str], decision_reason: str = ""
) -> HistoryFacts:
    """The outcome of a history already reduced to its extension time, first acceptance time and the statuses it
    reached (each with its reason code); the service gets these from one grouped query."""
    if extended_at is None:
        outcome = "not_extended"
    elif accepted_at is not None:
        outcome = "accepted"
    else:
        outcome = next((s.value for s in _FINAL_LOSSES if s in reached), "open")
    reneged = OfferStatus.RENEGED in reached and accepted_at is not None
    reason = ""
    if outcome == "declined" or reneged:
        lost = OfferStatus.DECLINED if outcome == "declined" else OfferStatus.RENEGED
        reason = decision_reason or reached[lost] or OTHER_REASON
    return HistoryFacts(
        extended_at=extended_at,
        verbal=OfferStatus.VERBAL_EXTENDED in reached,
        written=OfferStatus.LETTER_SENT in reached,
        accepted_at=accepted_at,
        outcome=outcome,
        reneged=reneged,
        started=OfferStatus.STARTED in reached and accepted_at is not None,
        signed=(OfferStatus.SIGNED in reached or OfferStatus.STARTED in reached) and accepted_at is not None,
        decline_reason=reason,
        rescinded=OfferStatus.RESCINDED in reached and extended_at is not None,
    )


def percent_text(numerator: int, denominator: int) -> str:
    """A share as a whole percentage, half rounding up (5 of 8 is 63%, not the 62% of round-half-to-even)."""
    return f"{(200 * numerator + denominator) // (2 * denominator)}%"


def small_sample(denominator: int) -> bool:
    """Too few offers to mean much; none at all is no sample, and shows as no value instead."""
    return 0 < denominator < SMALL_SAMPLE


def _ratio(key: str, numerator: Sequence[OfferFacts], denominator: Sequence[OfferFacts]) -> MetricValue:
    n, d = len(numerator), len(denominator)
    value = n / d if d else None
    display = f"{percent_text(n, d)} ({n} of {d})" if d else NO_VALUE
    return MetricValue(
        key=key,
        label=DEFINITIONS[key].label,
        value=value,
        numerator=n,
        denominator=d,
        display=display,
        small_sample=small_sample(d),
        offer_ids=tuple(f.offer_id for f in denominator),
    )


def _time_to_accept(accepted: Sequence[OfferFacts]) -> MetricValue:
    timed = [f for f in accepted if f.accepted_at is not None and f.extended_at is not None]
    days = [(f.accepted_at - f.extended_at).total_seconds() / 86400 for f in timed]  # type: ignore[operator]
    value = statistics.median(days) if days else None
    shown = Decimal(value).quantize(Decimal("0.1"), ROUND_HALF_UP) if value is not None else None
    return MetricValue(
        key="time_to_accept_days",
        label=DEFINITIONS["time_to_accept_days"].label,
        value=value,
        numerator=len(days),
        denominator=len(days),
        display=f"{shown} days" if shown is not None else NO_VALUE,
        small_sample=small_sample(len(days)),
        offer_ids=tuple(f.offer_id for f in timed),
    )


Reasons = list[tuple[str, int, tuple[int, ...]]]


def _declined(f: OfferFacts) -> bool:
    return f.outcome == "declined"


def _reneged(f: OfferFacts) -> bool:
    return f.outcome == "accepted" and f.reneged


def _ranked(facts: Iterable[OfferFacts], lost: Callable[[OfferFacts], bool]) -> Reasons:
    behind: dict[str, list[int]] = defaultdict(list)
    for f in facts:
        if lost(f):
            behind[f.decline_reason or OTHER_REASON].append(f.offer_id)
    ranked = sorted(behind.items(), key=lambda item: (-len(item[1]), item[0]))
    return [(reason, len(ids), tuple(ids)) for reason, ids in ranked]


def decline_reasons(facts: Iterable[OfferFacts]) -> Reasons:
    """(reason, count, offer ids) of the declined offers, most common first, ties by reason; reneges are not here."""
    return _ranked(facts, _declined)


def renege_reasons(facts: Iterable[OfferFacts]) -> Reasons:
    """(reason, count, offer ids) of the offers accepted and later reneged on, most common first."""
    return _ranked(facts, _reneged)


def _top_reason(facts: Sequence[OfferFacts]) -> MetricValue:
    ranked = decline_reasons(facts)
    lost = [f.offer_id for f in facts if _declined(f)]
    top, count = (ranked[0][0], ranked[0][1]) if ranked else ("", 0)
    return MetricValue(
        key="decline_reasons",
        label=DEFINITIONS["decline_reasons"].label,
        value=count / len(lost) if lost else None,
        numerator=count,
        denominator=len(lost),
        display=f"{reason_label(top)} {percent_text(count, len(lost))} ({count} of {len(lost)})" if lost else NO_VALUE,
        small_sample=small_sample(len(lost)),
        offer_ids=tuple(lost),
    )


def compute(facts: Sequence[OfferFacts]) -> dict[str, MetricValue]:
    """Every metric of DEFINITIONS over these offers, keyed and ordered as DEFINITIONS; one pass over the offers."""
    decided: list[OfferFacts] = []
    accepted: list[OfferFacts] = []
    verbal: list[OfferFacts] = []
    verbal_yes: list[OfferFacts] = []
    written: list[OfferFacts] = []
    signed: list[OfferFacts] = []
    for f in facts:
        if f.outcome not in _DECIDED:
            continue
        decided.append(f)
        yes = f.outcome == "accepted"
        if yes:
            accepted.append(f)
        if f.verbal:
            verbal.append(f)
            if yes:
                verbal_yes.append(f)
        if f.written:
            written.append(f)
            if f.signed:
                signed.append(f)
    return {
        "acceptance_rate": _ratio("acceptance_rate", accepted, decided),
        "verbal_acceptance_rate": _ratio("verbal_acceptance_rate", verbal_yes, verbal),
        "written_acceptance_rate": _ratio("written_acceptance_rate", signed, written),
        "time_to_accept_days": _time_to_accept(accepted),
        "renege_rate": _ratio("renege_rate", [f for f in accepted if f.reneged], accepted),
        "offer_to_start": _ratio("offer_to_start", [f for f in accepted if f.started], accepted),
        "decline_reasons": _top_reason(facts),
    }


def _month(moment: datetime) -> str:
    return f"{moment.year:04d}-{moment.month:02d}"


def _by_period(facts: Sequence[OfferFacts]) -> list[tuple[str, list[OfferFacts]]]:
    """The user's calendar months of the extension time, with every empty month in between so a chart shows the
    gap; the same days the period filter reads."""
    buckets: dict[str, list[OfferFacts]] = defaultdict(list)
    for f in facts:
        if f.extended_at is not None:
            buckets[_month(local_moment(f.extended_at))].append(f)
    if not buckets:
        return []
    first, last = min(buckets), max(buckets)
    year, month = int(first[:4]), int(first[5:])
    result: list[tuple[str, list[OfferFacts]]] = []
    while True:
        key = f"{year:04d}-{month:02d}"
        result.append((key, buckets.get(key, [])))
        if key == last:
            return result
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


_KEYS: dict[str, Callable[[OfferFacts], Iterable[str]]] = {
    "role": lambda f: (f.role,),
    "recruiter": lambda f: (f.recruiter,),
    "offer_type": lambda f: (f.offer_type,),
    "ask_style": lambda f: (f.ask_style,),
    "objection": lambda f: f.objections or ("",),
    "script": lambda f: (f.script,),
}


def group(facts: Sequence[OfferFacts], by: str) -> list[tuple[str, list[OfferFacts]]]:
    """Split offers into named groups; an offer with several objections counts once in each of them.

    Groups are sorted by name with "(none)" last; periods are chronological.
    """
    if by == "period":
        return _by_period(facts)
    if by not in _KEYS:
        raise ValidationError(f"Statistics cannot be grouped by “{by}”; choose one of {', '.join(GROUPS)}.")
    buckets: dict[str, list[OfferFacts]] = defaultdict(list)
    for f in facts:
        for name in dict.fromkeys(_KEYS[by](f)):
            buckets[name or NO_GROUP].append(f)
    return sorted(buckets.items(), key=lambda item: (item[0] == NO_GROUP, item[0].lower(), item[0]))
