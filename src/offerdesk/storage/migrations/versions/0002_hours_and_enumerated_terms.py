"""hours and days per week on offer versions; enumerated terms normalised

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 05:00:00

An hourly or day rate is annualised with the hours or days per week the offer states, so versions carry both
(in hundredths: 37.5 hours is 3750). Employment type, pay frequency, contingency and equity kinds become fixed
lists; a value outside them (typed freely before) is mapped to its nearest entry.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PAY_FREQUENCIES = ("monthly", "semi_monthly", "four_weekly", "biweekly", "weekly")
FREQUENCY_SPELLINGS = {"fortnightly": "biweekly", "bi-weekly": "biweekly", "semimonthly": "semi_monthly",
                       "semi-monthly": "semi_monthly", "twice monthly": "semi_monthly", "4-weekly": "four_weekly",
                       "four-weekly": "four_weekly"}  # fmt: skip
EMPLOYMENT_TYPES = ("full_time", "part_time", "fixed_term", "contract", "contract_to_hire")
CONTINGENCY_KINDS = ("background", "references", "right_to_work", "drug_test", "licence", "other")
CONTINGENCY_STATUSES = ("pending", "cleared", "failed", "waived")


def _in(values: Sequence[str]) -> str:
    return ", ".join(f"'{value}'" for value in values)


def upgrade() -> None:
    op.add_column("offer_versions", sa.Column("hours_per_week_hundredths", sa.Integer(), nullable=True))
    op.add_column("offer_versions", sa.Column("days_per_week_hundredths", sa.Integer(), nullable=True))
    for spelling, value in FREQUENCY_SPELLINGS.items():
        op.execute(f"UPDATE offer_versions SET pay_frequency = '{value}' WHERE lower(pay_frequency) = '{spelling}'")
    op.execute(
        f"UPDATE offer_versions SET pay_frequency = 'monthly' WHERE pay_frequency NOT IN ({_in(PAY_FREQUENCIES)})"
    )
    op.execute(
        "UPDATE offer_versions SET employment_type = 'full_time' "
        f"WHERE employment_type NOT IN ({_in(EMPLOYMENT_TYPES)})"
    )
    op.execute(  # the old kind is kept in words, so nothing the recruiter wrote is lost
        "UPDATE contingencies SET description = replace(kind, '_', ' ') || "
        "CASE WHEN description = '' THEN '' ELSE ': ' || description END, kind = 'other' "
        f"WHERE kind NOT IN ({_in(CONTINGENCY_KINDS)})"
    )
    op.execute(f"UPDATE contingencies SET status = 'pending' WHERE status NOT IN ({_in(CONTINGENCY_STATUSES)})")
    op.execute("UPDATE equity_grants SET kind = 'rsu' WHERE kind NOT IN ('rsu', 'options')")


def downgrade() -> None:
    with op.batch_alter_table("offer_versions") as batch:
        batch.drop_column("days_per_week_hundredths")
        batch.drop_column("hours_per_week_hundredths")
