"""The audit triggers: every insert, update and delete on a server writes an audit_log row naming the login.

The trigger function is SECURITY DEFINER (it runs as the owner, who alone may write audit_log), so a login can
change an audited row only through a statement the trigger records, whatever program it uses. `actor` is
`session_user`, the login itself. A bulk copy (`db copy`) may set `offerdesk.bulk_copy = 'on'` in its transaction
to write rows unrecorded, which only the owner or an admin login can do: for anyone else the setting is ignored.
"""

from __future__ import annotations

from sqlalchemy import Connection

from offerdesk.storage.audit_hook import AUDITED, BOOKKEEPING, FORGET, FORGOTTEN_BY_KEY, PLACEHOLDER_PREFIX

_BOOKKEEPING = ", ".join(f"'{name}'" for name in sorted(BOOKKEEPING))

AUDIT_FUNCTION = f"""
CREATE OR REPLACE FUNCTION offerdesk_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
SET search_path = public, pg_temp AS $$
DECLARE
    old_row jsonb;
    new_row jsonb;
    row_data jsonb;
    diff jsonb;
    found_offer integer;
    found_candidate integer;
BEGIN
    IF coalesce(current_setting('offerdesk.bulk_copy', true), '') = 'on' AND offerdesk_app_role() = 'admin' THEN
        RETURN NULL;
    END IF;
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
    row_data := coalesce(new_row, old_row);
    IF TG_OP = 'INSERT' THEN
        SELECT jsonb_object_agg(key, jsonb_build_array(NULL, value)) INTO diff
        FROM jsonb_each(new_row) WHERE value <> 'null'::jsonb AND key NOT IN ({_BOOKKEEPING});
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT jsonb_object_agg(n.key, jsonb_build_array(o.value, n.value)) INTO diff
        FROM jsonb_each(new_row) n JOIN jsonb_each(old_row) o ON o.key = n.key
        WHERE n.value IS DISTINCT FROM o.value AND n.key NOT IN ({_BOOKKEEPING});
        IF diff IS NULL THEN RETURN NULL; END IF;
    ELSE
        SELECT jsonb_object_agg(key, jsonb_build_array(value, NULL)) INTO diff FROM jsonb_each(old_row);
    END IF;
    IF TG_TABLE_NAME = 'offers' THEN
        found_offer := (row_data->>'id')::integer;
    ELSIF TG_TABLE_NAME = 'candidates' THEN
        found_candidate := (row_data->>'id')::integer;
    ELSE
        found_offer := (row_data->>'offer_id')::integer;
        IF found_offer IS NULL AND row_data ? 'version_id' THEN
            SELECT offer_id INTO found_offer FROM offer_versions WHERE id = (row_data->>'version_id')::integer;
        END IF;
    END IF;
    found_candidate := coalesce(found_candidate, (row_data->>'candidate_id')::integer);
    IF found_candidate IS NULL AND found_offer IS NOT NULL THEN
        SELECT candidate_id INTO found_candidate FROM offers WHERE id = found_offer;
    END IF;
    INSERT INTO audit_log (at, actor, table_name, row_key, action, offer_id, candidate_id, changes)
    VALUES (clock_timestamp() AT TIME ZONE 'UTC', session_user, TG_TABLE_NAME, coalesce(row_data->>TG_ARGV[0], ''),
            lower(TG_OP), found_offer, found_candidate, coalesce(diff, '{{}}'::jsonb)::json);
    RETURN NULL;
END
$$
"""

_BY_KEY = ", ".join(f"'{name}'" for name in FORGOTTEN_BY_KEY)

FORGET_FUNCTION = f"""
CREATE OR REPLACE FUNCTION offerdesk_forget_person(person integer, person_offers integer[], person_rows text[])
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
    removed integer;
BEGIN
    IF EXISTS (SELECT 1 FROM candidates WHERE id = person
               AND NOT (first_name = '{PLACEHOLDER_PREFIX}' || person AND last_name = '')) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'permission denied: candidate ' || person || ' is neither erased nor anonymised';
    END IF;
    IF EXISTS (SELECT 1 FROM offers WHERE id = ANY(person_offers) AND candidate_id <> person) THEN
        RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
            MESSAGE = 'permission denied: those offers are not all of candidate ' || person;
    END IF;
    DELETE FROM audit_log WHERE candidate_id = person OR offer_id = ANY(person_offers)
        OR (table_name IN ({_BY_KEY}) AND table_name || ':' || row_key = ANY(person_rows)
            AND NOT EXISTS (SELECT 1 FROM offers o WHERE o.id = audit_log.offer_id AND o.candidate_id <> person));
    GET DIAGNOSTICS removed = ROW_COUNT;
    INSERT INTO audit_log (at, actor, table_name, row_key, action, offer_id, candidate_id, changes)
    VALUES (clock_timestamp() AT TIME ZONE 'UTC', session_user, 'candidates', person::text, '{FORGET}', NULL,
            NULL, '{{}}'::json);
    RETURN removed;
END
$$
"""


def install(connection: Connection) -> None:
    """Create or replace the functions and one trigger per audited table, in the caller's transaction."""
    connection.exec_driver_sql(AUDIT_FUNCTION)
    connection.exec_driver_sql(FORGET_FUNCTION)
    for table, key in AUDITED.items():
        connection.exec_driver_sql(
            f"CREATE OR REPLACE TRIGGER offerdesk_audit AFTER INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION offerdesk_audit('{key}')"
        )
