"""The field catalogue: every name a letter template may use, with what it holds and an example.

Formatted values follow the *letter's* locale (money and dates as the candidate reads them); each formatted
amount or date also has a raw twin (`_minor`/`_amount`, `_iso`) for templates that need the plain value.
Optional terms are present only when the offer has them, and each has a `has_…` flag to test in an `if`, so a
template never prints a blank where a figure should be.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    name: str
    description: str
    example: str
    optional: bool = False  # absent unless the offer has it; guard with the matching has_ flag


def _f(name: str, description: str, example: str, optional: bool = False) -> Field:
    return Field(name, description, example, optional)


FIELDS: tuple[Field, ...] = (
    _f("company.name", "Employer name, as on the letterhead", "Brightpath Software GmbH"),
    _f("company.address", "Employer postal address, one line", "Torstraße 140, 10119 Berlin"),
    _f("letter.date", "Date of the letter, in the letter's locale", "25 November 2026"),
    _f("letter.date_iso", "Date of the letter, ISO 8601", "2026-11-25"),
    _f("letter.locale", "Locale of the letter", "en_GB"),
    _f("candidate.first_name", "Candidate's first name", "Aisha"),
    _f("candidate.last_name", "Candidate's last name", "Rahman"),
    _f("candidate.full_name", "Candidate's full name", "Aisha Rahman"),
    _f("candidate.email", "Candidate's email address", "aisha.rahman@example.com"),
    _f("candidate.location", "Where the candidate lives", "Berlin"),
    _f("role.title", "Requisition title", "Senior Backend Engineer"),
    _f("role.department", "Department of the requisition", "Engineering"),
    _f("role.hiring_manager", "Hiring manager's name", "Miriam Okafor"),
    _f("recruiter.name", "Recruiter's full name", "Sam Rivera"),
    _f("recruiter.first_name", "Recruiter's first name", "Sam"),
    _f("recruiter.email", "Recruiter's email address", "sam.rivera@example.com"),
    _f("signatory.name", "Who signs the letter", "Dana Whitfield"),
    _f("signatory.title", "Signatory's job title", "VP People"),
    _f("offer.id", "Offer number in OfferDesk", "42"),
    _f("offer.type", "Offer type code: verbal, written, conditional, revised, internal, contract", "written"),
    _f("offer.type_label", "Offer type in words", "Written offer"),
    _f("offer.version", "Version number of the terms", "2"),
    _f("offer.title", "Job title offered", "Senior Backend Engineer"),
    _f("offer.level", "Level or grade", "L5"),
    _f("offer.department", "Department", "Engineering"),
    _f("offer.reports_to", "Manager the hire reports to", "Miriam Okafor"),
    _f("offer.employment_type", "Employment type in words", "Full-time, permanent"),
    _f("offer.location", "Place of work", "Berlin"),
    _f("offer.currency", "ISO 4217 currency of the offer", "EUR"),
    _f("offer.pay_frequency", "How often pay is paid, in words", "twice a month"),
    _f(
        "offer.hours_per_week", "Working hours per week (what an hourly rate is annualised with)", "37.5", optional=True
    ),
    _f("offer.days_per_week", "Working days per week (what a day rate is annualised with)", "5", optional=True),
    _f("offer.start_date", "Start date, in the letter's locale", "1 February 2027", optional=True),
    _f("offer.start_date_iso", "Start date, ISO 8601", "2027-02-01", optional=True),
    _f("offer.expires_on", "Date the offer lapses, in the letter's locale", "5 December 2026", optional=True),
    _f("offer.expires_on_iso", "Date the offer lapses, ISO 8601", "2026-12-05", optional=True),
    _f("offer.base", "Base pay, formatted", "€90,000.00", optional=True),
    _f("offer.base_minor", "Base pay in minor units (cents)", "9000000", optional=True),
    _f("offer.base_amount", "Base pay as a plain decimal", "90000.00", optional=True),
    _f("offer.base_unit", "What the base pay is per: year, month, week, day or hour", "year", optional=True),
    _f("offer.base_per_year", "Base pay per year, whatever its unit, formatted", "€60,000.00", optional=True),
    _f("offer.base_per_year_minor", "Base pay per year in minor units", "6000000", optional=True),
    _f("offer.has_bonus", "True when there is a bonus target", "True"),
    _f("offer.bonus", "Bonus target: an amount, or a percentage of base", "10% of base salary", optional=True),
    _f("offer.bonus_per_year", "Bonus at target per year, formatted", "€6,000.00", optional=True),
    _f("offer.has_commission", "True when there is commission", "False"),
    _f("offer.commission", "Commission at 100% of quota, formatted", "$62,666.00", optional=True),
    _f("offer.commission_per_year", "Commission at 100% of quota per year, formatted", "$62,666.00", optional=True),
    _f("offer.ote", "On-target earnings per year (base plus commission at quota)", "$156,666.00", optional=True),
    _f("offer.has_sign_on", "True when there is a sign-on bonus", "True"),
    _f("offer.sign_on", "Sign-on bonus, formatted", "€5,000.00", optional=True),
    _f("offer.sign_on_clawback_months", "Months within which the sign-on is repaid on leaving", "12", optional=True),
    _f("offer.has_relocation", "True when relocation support is offered", "False"),
    _f("offer.relocation", "Relocation support, formatted", "€8,000.00", optional=True),
    _f("offer.has_equity", "True when equity is granted", "True"),
    _f(
        "offer.equity.kind",
        "Equity kind in words: restricted stock units or stock options",
        "restricted stock units",
        optional=True,
    ),
    _f("offer.equity.units", "Number of units or options, formatted", "1,200", optional=True),
    _f("offer.equity.strike", "Option strike price, formatted (options only)", "$4.20", optional=True),
    _f("offer.equity.vesting_years", "Vesting period in years", "4", optional=True),
    _f("offer.equity.cliff_months", "Cliff in months", "12", optional=True),
    _f("offer.equity.vesting_start", "Vesting start date, in the letter's locale", "1 February 2027", optional=True),
    _f("offer.has_remote", "True when remote days are agreed", "True"),
    _f("offer.remote_days", "Remote days per week", "2", optional=True),
    _f("offer.has_probation", "True when there is a probation period", "True"),
    _f("offer.probation_months", "Probation period in months", "6", optional=True),
    _f("offer.has_end_date", "True for a fixed-term contract", "False"),
    _f("offer.end_date", "Contract end date, in the letter's locale", "31 July 2027", optional=True),
    _f("offer.effective_date", "Effective date of an internal move", "1 January 2027", optional=True),
    _f("offer.prior_terms", "Previous terms, for an internal move", "Backend Engineer, L4", optional=True),
    _f(
        "offer.conversion_terms", "Contract-to-hire conversion terms", "Conversion review after 6 months", optional=True
    ),
    _f("offer.benefits", "Benefits summary", "Health, dental and vision from day one"),
    _f("offer.pto", "Paid time off", "28 days paid leave"),
    _f("offer.agreements", "Agreements to sign (a list of names)", "['Confidentiality agreement']"),
    _f(
        "offer.total_first_year",
        "First year at target: yearly base, bonus and commission, plus the sign-on",
        "€104,000.00",
        optional=True,
    ),
    _f("offer.total_first_year_minor", "The first-year total in minor units", "10400000", optional=True),
    _f(
        "offer.annualisation",
        "What the yearly figures assumed, when the base is not per year",
        "Yearly figures assume 37.5 hours a week for 52 weeks a year.",
        optional=True,
    ),
    _f("offer.components", "Compensation rows, for a table loop ({%tr for item in offer.components %})", "[…]"),
    _f("offer.has_contingencies", "True when the offer depends on checks", "True"),
    _f("offer.contingencies", "Checks the offer depends on, for a loop", "[…]"),
)

# Fields of each element of a list field, for `{%tr for item in offer.components %}` and similar loops.
ITEM_FIELDS: dict[str, tuple[Field, ...]] = {
    "offer.components": (
        _f("label", "Name of the component", "Base salary"),
        _f("kind", "base, bonus, commission, sign_on, relocation, allowance or other", "base"),
        _f("amount", "Amount formatted, or the percentage in words", "€90,000.00"),
        _f("amount_minor", "Amount in minor units (empty for a percentage)", "9000000"),
        _f("unit", "per year, per month, per week, per day, per hour, or one-off", "per year"),
        _f("notes", "Extra terms such as a clawback", "Repayable if you leave within 12 months"),
    ),
    "offer.contingencies": (
        _f("label", "The check in words", "Background check"),
        _f("kind", "background, references, right_to_work, drug_test, licence or other", "background"),
        _f("description", "Details of the check", "Standard criminal record check"),
        _f("status", "pending, cleared, failed or waived", "pending"),
    ),
    "offer.agreements": (),
}

FIELD_NAMES = frozenset(field.name for field in FIELDS)
GROUPS = frozenset(name.split(".", 1)[0] for name in FIELD_NAMES)


def all_paths() -> list[str]:
    """Every dotted name a template may use, list elements written as `offer.components[].label`."""
    paths = [field.name for field in FIELDS]
    for list_name, items in ITEM_FIELDS.items():
        paths.extend(f"{list_name}[].{item.name}" for item in items)
    return paths
