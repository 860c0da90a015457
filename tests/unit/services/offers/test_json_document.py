"""Offer JSON: export → import → export gives the same document; bad files say where and change nothing."""

from __future__ import annotations

import argparse
import copy
import json
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from offerdesk.cli.offer_json_commands import offers_import, offers_show
from offerdesk.domain.labels import code_label
from offerdesk.domain.offers import OfferStatus, OfferType
from offerdesk.errors import ValidationError
from offerdesk.paths import resolve_paths
from offerdesk.services.offers.json_document import OfferJson
from offerdesk.services.setup.bootstrap import Services, open_services
from offerdesk.storage.tables import Approval, Candidate, Offer, OfferStatusEvent, Role
from tests.offer_factory import make_offer


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Services]:
    """A second, empty installation to import into."""
    opened, _report = open_services(resolve_paths(tmp_path / "x"), seed_demo_data=False)
    yield opened
    opened.close()


def without_id(document: dict[str, Any]) -> dict[str, Any]:
    """The document without what belongs to the exporting database: the offer's id and row version."""
    copied = copy.deepcopy(document)
    del copied["offer"]["id"]
    del copied["offer"]["row_version"]
    return copied


def counts(services: Services) -> tuple[int, int, int, int]:
    with services.database.transaction() as session:
        return tuple(  # type: ignore[return-value]
            int(session.scalar(select(func.count()).select_from(table)) or 0)
            for table in (Offer, Candidate, Role, OfferStatusEvent)
        )


def demo_offer_ids(services: Services) -> list[int]:
    return sorted(row.id for row in services.offers.list())


def test_every_demo_offer_round_trips_into_a_new_database(services: Services, other: Services) -> None:
    source, target = OfferJson(services.database), OfferJson(other.database)
    ids = demo_offer_ids(services)
    assert len(ids) == 11
    for offer_id in ids:
        exported = source.export(offer_id)
        json.dumps(exported)  # plain JSON types only
        outcome = target.import_(json.loads(json.dumps(exported)))
        again = target.export(outcome.value)
        assert again["offer"]["id"] == outcome.value
        assert without_id(again) == without_id(exported)
    assert counts(other)[0] == len(ids)


def test_round_trip_keeps_status_history_and_decision_without_running_transitions(
    services: Services, other: Services
) -> None:
    source, target = OfferJson(services.database), OfferJson(other.database)
    declined = [row.id for row in services.offers.list(status=OfferStatus.DECLINED)]
    assert declined
    exported = source.export(declined[0])
    imported = target.export(target.import_(exported).value)["offer"]
    assert imported["status"] == "declined"
    assert imported["decision_reason"] and imported["decided_at"] == exported["offer"]["decided_at"]
    assert imported["history"][0]["to"] == "draft"
    assert imported["history"] == exported["offer"]["history"]


def test_export_shape_and_key_order(services: Services) -> None:
    document = OfferJson(services.database).export(demo_offer_ids(services)[0])
    assert list(document) == ["format", "version", "offer"]
    assert document["format"] == "offerdesk-offer" and document["version"] == 1
    offer = document["offer"]
    assert list(offer)[:8] == [
        "id", "type", "status", "locale", "currency", "expires_on", "recruiter", "jurisdiction_pack",
    ]  # fmt: skip
    assert list(offer)[-6:] == ["candidate", "role", "versions", "contingencies", "history", "approvals"]
    version = offer["versions"][0]
    assert list(version)[:4] == ["number", "created_at", "reason_code", "reason_text"]
    assert "required_agreements" in version and "signed_file" in version
    component = version["components"][0]
    assert list(component) == [
        "kind", "label", "amount", "amount_minor", "currency", "unit", "percent_bp", "clawback_months", "notes",
    ]  # fmt: skip
    assert component["amount"] == f"{component['amount_minor'] // 100}.{component['amount_minor'] % 100:02d}"
    datetime.fromisoformat(version["created_at"])
    assert len(version["created_at"]) == 19  # seconds, no fraction


def test_rich_offer_with_contingencies_equity_and_approvals_round_trips(services: Services, other: Services) -> None:
    offer_id = make_offer(services, OfferType.CONTRACT, "de_DE", "EUR")
    with services.database.transaction() as session:
        session.add(Approval(offer_id=offer_id, version_number=1, approver_name="Dana Whitfield",
                             approver_role="VP People", decision="approved", decided_at=datetime(2026, 11, 2, 9, 30),
                             comment="Within band"))  # fmt: skip
        session.add(OfferStatusEvent(offer_id=offer_id, at=datetime(2026, 11, 1, 8), to_status=OfferStatus.DRAFT))
        approve = OfferStatusEvent(
            offer_id=offer_id, at=datetime(2026, 11, 2, 9, 30), from_status=OfferStatus.DRAFT,
            to_status=OfferStatus.APPROVED, note="ok",
        )  # fmt: skip
        session.add(approve)
    exported = OfferJson(services.database).export(offer_id)
    offer = exported["offer"]
    assert offer["contingencies"][0]["kind"] == "background"
    assert offer["approvals"][0]["approver_name"] == "Dana Whitfield"
    assert offer["versions"][0]["equity"][0]["units"] == 1200
    assert offer["versions"][0]["end_date"] == "2027-07-31"
    target = OfferJson(other.database)
    again = target.export(target.import_(exported).value)
    assert without_id(again) == without_id(exported)


@pytest.mark.parametrize(
    ("locale", "currency", "amount"),
    [("ja_JP", "JPY", "12345678"), ("ar_BH", "BHD", "12345.678"), ("de_DE", "EUR", "123456.78")],
)
def test_zero_and_three_decimal_currencies_are_exact(
    services: Services, other: Services, locale: str, currency: str, amount: str
) -> None:
    exported = OfferJson(services.database).export(make_offer(services, OfferType.WRITTEN, locale, currency))
    base = exported["offer"]["versions"][0]["components"][0]
    assert (base["amount"], base["amount_minor"], base["currency"]) == (amount, 12345678, currency)
    target = OfferJson(other.database)
    assert without_id(target.export(target.import_(exported).value)) == without_id(exported)
    # either field alone is enough
    only_amount, only_minor = copy.deepcopy(exported), copy.deepcopy(exported)
    del only_amount["offer"]["versions"][0]["components"][0]["amount_minor"]
    only_minor["offer"]["versions"][0]["components"][0]["amount"] = None
    for document in (only_amount, only_minor):
        restored = target.export(target.import_(document).value)
        assert restored["offer"]["versions"][0]["components"][0]["amount_minor"] == 12345678


def test_import_into_the_same_database_matches_the_candidate_by_email(services: Services) -> None:
    offer_json = OfferJson(services.database)
    offer_id = demo_offer_ids(services)[0]
    exported = offer_json.export(offer_id)
    exported["offer"]["candidate"]["email"] = exported["offer"]["candidate"]["email"].upper()
    exported["offer"]["candidate"]["first_name"] = "Someone Else"  # the email decides, not the name
    offers, candidates, roles, _events = counts(services)
    new_id = offer_json.import_(exported).value
    assert counts(services)[:3] == (offers + 1, candidates, roles)
    with services.database.transaction() as session:
        original, copy_ = session.get(Offer, offer_id), session.get(Offer, new_id)
        assert original is not None and copy_ is not None
        assert copy_.candidate_id == original.candidate_id and copy_.role_id == original.role_id
        assert not copy_.is_demo


def test_unknown_candidate_and_role_are_created(services: Services) -> None:
    offer_json = OfferJson(services.database)
    exported = offer_json.export(demo_offer_ids(services)[0])
    exported["offer"]["candidate"].update(first_name="Noor", last_name="Haddad", email="noor@example.org")
    exported["offer"]["role"] = {"title": "Data Engineer", "department": "Data", "level": "L4", "location": "Remote"}
    offers, candidates, roles, _events = counts(services)
    outcome = offer_json.import_(exported)
    assert counts(services)[:3] == (offers + 1, candidates + 1, roles + 1)
    assert outcome.changes.kinds >= {"offers", "candidates", "roles"}
    again = offer_json.export(outcome.value)["offer"]
    assert again["candidate"]["email"] == "noor@example.org" and again["role"]["title"] == "Data Engineer"
    # an empty email never matches: a second import creates a second candidate
    exported["offer"]["candidate"]["email"] = ""
    offer_json.import_(exported)
    offer_json.import_(exported)
    assert counts(services)[1] == candidates + 3


def test_a_file_without_a_locale_takes_the_one_of_the_jobs_place(services: Services) -> None:
    offer_json = OfferJson(services.database)
    document = offer_json.export(demo_offer_ids(services)[0])
    document["offer"].pop("locale")
    document["offer"]["candidate"].update(first_name="Noor", email="noor@example.org", location="Paris")
    document["offer"]["role"] = {"title": "Data Engineer", "location": "Berlin"}
    document["offer"]["currency"] = "EUR"
    for version in document["offer"]["versions"]:
        for item in (*version["components"], *version.get("equity", [])):
            item["currency"] = "EUR"
    new_id = offer_json.import_(document).value
    assert services.offers.detail(new_id).locale == "de_DE"  # the role's place, not the program's en_US


def _component(doc: dict[str, Any]) -> dict[str, Any]:
    return doc["offer"]["versions"][1]["components"][0]  # type: ignore[no-any-return]


BAD: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("format", lambda d: d.update(format="offerdesk-library"), "format: "),
    ("version", lambda d: d.update(version=2), "version: "),
    ("type", lambda d: d["offer"].update(type="handshake"), "type: “handshake” is not an offer type"),
    ("status", lambda d: d["offer"].update(status="maybe"), "status: “maybe” is not an offer status"),
    ("history status", lambda d: d["offer"]["history"][0].update(to="lost"), "history[0].to: “lost”"),
    ("offer currency", lambda d: d["offer"].update(currency="EURO"), "currency: “EURO” is not an ISO 4217"),
    ("component currency", lambda d: _component(d).update(currency="XYZ"),
     "versions[1].components[0].currency: “XYZ” is not an ISO 4217"),
    ("amount text", lambda d: _component(d).update(amount="12,5x", amount_minor=None),
     "versions[1].components[0].amount: “12,5x” is not an amount"),
    ("amount places", lambda d: _component(d).update(amount="1.234", amount_minor=None),
     "versions[1].components[0].amount: “1.234” has more decimal places than"),
    ("negative amount", lambda d: _component(d).update(amount="-5", amount_minor=None),
     "versions[1].components[0].amount: “-5” is negative"),
    ("mismatch", lambda d: _component(d).update(amount_minor=_component(d)["amount_minor"] + 1),
     "versions[1].components[0]: amount “"),
    ("minor not whole", lambda d: _component(d).update(amount=None, amount_minor="12"),
     "versions[1].components[0].amount_minor: “12” is not a whole number"),
    ("kind", lambda d: _component(d).update(kind="stock"), "versions[1].components[0].kind: “stock”"),
    ("expiry date", lambda d: d["offer"].update(expires_on="31/12/2026"), "expires_on: “31/12/2026” is not a date"),
    ("impossible date", lambda d: d["offer"]["versions"][0].update(start_date="2027-02-30"),
     "versions[0].start_date: “2027-02-30” is not a date"),
    ("time", lambda d: d["offer"]["history"][1].update(at="yesterday"), "history[1].at: “yesterday” is not a date"),
    ("unknown field", lambda d: _component(d).update(amout="1"), "versions[1].components[0]: “amout” is not a field"),
    ("no versions", lambda d: d["offer"].update(versions=[]), "versions: an offer needs at least one version"),
    ("duplicate version", lambda d: d["offer"]["versions"][1].update(number=1), "versions[1].number: version 1"),
    ("candidate", lambda d: d["offer"]["candidate"].update(first_name=" "), "candidate.first_name: cannot be empty"),
    ("locale", lambda d: d["offer"].update(locale="xx_YY"), "locale: “xx_YY” is not a locale"),
    ("approval version", lambda d: d["offer"]["approvals"].append({"version_number": 9, "approver_name": "A"}),
     "approvals[1].version_number: there is no version 9"),  # after the approval the demo offer has
    ("not an object", lambda d: d.update(offer=[1]), "offer: must be an object"),
]  # fmt: skip


@pytest.fixture
def revised(services: Services) -> dict[str, Any]:
    """A demo offer with two versions and a history of several events."""
    offer_json = OfferJson(services.database)
    for offer_id in demo_offer_ids(services):
        document = offer_json.export(offer_id)
        if len(document["offer"]["versions"]) == 2 and len(document["offer"]["history"]) >= 2:
            return document
    raise AssertionError("the demo set has no revised offer")


@pytest.mark.parametrize(("case", "spoil", "expected"), BAD, ids=[case for case, _s, _e in BAD])
def test_bad_input_names_the_place_in_one_sentence_and_writes_nothing(
    services: Services, revised: dict[str, Any], case: str, spoil: Callable[[dict[str, Any]], None], expected: str
) -> None:
    document = copy.deepcopy(revised)
    spoil(document)
    before = counts(services)
    with pytest.raises(ValidationError) as error:
        OfferJson(services.database).import_(document)
    message = str(error.value)
    assert message.startswith(expected), message
    assert message.endswith(".") and ". " not in message and "\n" not in message, message
    assert counts(services) == before


def test_the_unspoilt_document_imports(services: Services, revised: dict[str, Any]) -> None:
    """The bad-input cases fail because of their one change, not because the base document is bad."""
    offer_json = OfferJson(services.database)
    assert without_id(offer_json.export(offer_json.import_(copy.deepcopy(revised)).value)) == without_id(revised)


def test_load_file_errors(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "format": "offerdesk-offer",\n  "version": 1,\n  oops\n}', encoding="utf-8")
    with pytest.raises(ValidationError, match=r"broken\.json is not an offer file: it is not valid JSON \(.*line 4\)"):
        OfferJson.load_file(broken)
    with pytest.raises(ValidationError, match=r"missing\.json does not exist"):
        OfferJson.load_file(tmp_path / "missing.json")
    array = tmp_path / "array.json"
    array.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(ValidationError, match=r"holds an array, not a JSON object"):
        OfferJson.load_file(array)


def test_load_file_reads_decimal_numbers_exactly(services: Services, tmp_path: Path) -> None:
    offer_json = OfferJson(services.database)
    document = offer_json.export(demo_offer_ids(services)[0])
    component = document["offer"]["versions"][0]["components"][0]
    assert component["amount"].endswith(".00")
    quoted = f'"amount": "{component["amount"]}", "amount_minor": {component["amount_minor"]}'
    text = json.dumps(document)
    assert quoted in text
    path = tmp_path / "numbers.json"
    path.write_text(text.replace(quoted, f'"amount": {component["amount"][:-1]}1, "amount_minor": null'), "utf-8")
    loaded = OfferJson.load_file(path)
    again = offer_json.export(offer_json.import_(loaded).value)
    assert again["offer"]["versions"][0]["components"][0]["amount_minor"] == component["amount_minor"] + 1
    assert again["offer"]["versions"][0]["components"][0]["amount"] == component["amount"][:-1] + "1"


def _args(data_dir: Path, **extra: Any) -> argparse.Namespace:
    return argparse.Namespace(data_dir=data_dir, db_url=None, no_demo=False, debug=False, **extra)


def test_cli_show_json_import_show_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source, target = tmp_path / "source", tmp_path / "target"
    assert offers_show(_args(source, id=3, format="json")) == 0
    shown = capsys.readouterr().out
    exported = json.loads(shown)
    assert exported["offer"]["id"] == 3
    file = tmp_path / "offer.json"
    file.write_text(shown, encoding="utf-8")

    assert offers_import(_args(target, file=str(file))) == 0
    out = capsys.readouterr().out.strip()
    candidate = exported["offer"]["candidate"]
    assert out.startswith("Imported offer ") and out.endswith(
        f" for {candidate['first_name']} {candidate['last_name']}."
    )
    new_id = int(out.split()[2])

    assert offers_show(_args(target, id=new_id, format="json")) == 0
    assert without_id(json.loads(capsys.readouterr().out)) == without_id(exported)

    assert offers_show(_args(target, id=new_id, format="table")) == 0
    table = capsys.readouterr().out
    assert f"{candidate['first_name']} {candidate['last_name']}" in table
    assert f"Status:      {code_label(OfferStatus, exported['offer']['status'])}" in table
    assert "Components:" in table and "History:" in table
    assert exported["offer"]["versions"][-1]["components"][0]["label"] in table


def test_cli_import_of_a_bad_file_raises_one_sentence(tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    file.write_text("not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="line 1"):
        offers_import(_args(tmp_path / "data", file=str(file)))
