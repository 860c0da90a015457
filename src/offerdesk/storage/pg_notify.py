"""Change notices: a trigger per table sends NOTIFY with the Changes kind it touches, so open windows refresh.

Each statement that writes one of OfferDesk's tables sends `pg_notify('offerdesk_changes', '<kind>')` (the
services.changes.Kind value of what it touched) when its transaction commits; PostgreSQL sends a kind once per
transaction however many rows changed. `db copy` sets `offerdesk.bulk_copy = 'on'` for its transaction, and then
nothing is sent: a copy into a new database has no window watching it.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

CHANNEL = "offerdesk_changes"
FUNCTION = "offerdesk_notify_change"
TRIGGER = "offerdesk_notify"

OFFER_TABLES = ("offers", "offer_versions", "offer_components", "equity_grants", "contingencies", "approvals",
                "offer_status_events")  # fmt: skip
TABLE_KINDS: dict[str, str] = {
    **dict.fromkeys(("candidates", "preclose_profiles", "competing_offers", "candidate_stage_events"), "candidates"),
    **dict.fromkeys(OFFER_TABLES, "offers"),
    **dict.fromkeys(("roles", "pay_bands"), "roles"),
    **dict.fromkeys(("scripts", "objections"), "content"),
    **dict.fromkeys(("call_logs", "call_objections", "practice_results", "practice_drills"), "calls"),
    "follow_ups": "follow_ups",
    "letter_templates": "templates",
    "letter_exports": "letters",
    **dict.fromkeys(("app_meta", "saved_views", "import_mappings"), "settings"),
}

_FUNCTION_SQL = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    IF coalesce(current_setting('offerdesk.bulk_copy', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('{CHANNEL}', TG_ARGV[0]);
    RETURN NULL;
END
$body$
"""


def install(connection: Connection) -> None:
    """Create or replace this module's server objects in the caller's transaction (installing twice is harmless)."""
    connection.execute(text(_FUNCTION_SQL))
    for table, kind in TABLE_KINDS.items():
        exists = connection.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": table}).scalar()
        if not exists:
            continue
        connection.execute(text(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"'))
        connection.execute(
            text(
                f'CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "{table}" '
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}('{kind}')"
            )
        )
