"""Shipped content: well-formed, and a content upgrade never overwrites what the user edited."""

from __future__ import annotations

import json
import re
from pathlib import Path

from sqlalchemy import select

from offerdesk.domain.calls import AskStyle, ObjectionCode
from offerdesk.domain.offers import OfferType
from offerdesk.resources import resource_path
from offerdesk.services.callprep.content import install_shipped_content, load_shipped_content
from offerdesk.services.setup.bootstrap import Services
from offerdesk.storage.tables import Objection

STEP_KEYS = ["good_news", "why_you", "growth", "specifics", "the_ask", "silence", "objections", "next_steps"]
MERGE_FIELD = re.compile(r"\{\{\s*([a-z_]+\.[a-z_]+)\s*\}\}")


def test_objection_library_has_the_thirteen_codes_with_handlers() -> None:
    data = json.loads(resource_path("content", "objections.json").read_text(encoding="utf-8"))
    assert [item["code"] for item in data["objections"]] == [code.value for code in ObjectionCode]
    for item in data["objections"]:
        assert item["probe"] and item["levers"] and item["avoid"] and item["talk_track"], item["code"]


def test_scripts_follow_the_call_sequence_for_every_offer_type() -> None:
    data = json.loads(resource_path("content", "scripts.json").read_text(encoding="utf-8"))
    assert [script["offer_type"] for script in data["scripts"]] == [kind.value for kind in OfferType]
    assert [style["key"] for style in data["ask_styles"]] == [style.value for style in AskStyle]
    for script in data["scripts"]:
        assert [step["key"] for step in script["steps"]] == STEP_KEYS
        ask = next(step for step in script["steps"] if step["key"] == "the_ask")
        assert set(ask["variants"]) == {style.value for style in AskStyle}


def test_merge_fields_use_only_known_names() -> None:
    known = {
        "candidate.first_name", "candidate.full_name", "candidate.top_motivator", "candidate.criteria",
        "role.title", "role.team", "role.manager", "offer.base", "offer.bonus", "offer.equity", "offer.sign_on",
        "offer.start_date", "offer.expires_on", "offer.total_first_year", "offer.location", "offer.decision_date",
        "company.name", "recruiter.first_name",
    }  # fmt: skip
    text = "".join(resource_path("content", name).read_text() for name in ("scripts.json", "objections.json"))
    assert set(MERGE_FIELD.findall(text)) <= known


def _release(tmp_path: Path, version: int, talk_track: str) -> Path:
    folder = tmp_path / f"content-{version}"
    folder.mkdir()
    for name in ("objections.json", "scripts.json"):
        data = json.loads(resource_path("content", name).read_text(encoding="utf-8"))
        data["content_version"] = version
        if name == "objections.json":
            for item in data["objections"]:
                item["talk_track"] = f"{talk_track} ({item['code']})"
        (folder / name).write_text(json.dumps(data), encoding="utf-8")
    return folder


def test_a_content_upgrade_keeps_user_edits(empty_services: Services, tmp_path: Path) -> None:
    with empty_services.database.transaction() as session:
        install_shipped_content(session, load_shipped_content(_release(tmp_path, 2, "Release two")))
    with empty_services.database.transaction() as session:
        edited = session.scalars(select(Objection).where(Objection.code == "COMP_LOW")).one()
        edited.talk_track = "My own words."
        edited.user_modified = True
    with empty_services.database.transaction() as session:
        install_shipped_content(session, load_shipped_content(_release(tmp_path, 3, "Release three")))
    library = empty_services.content.objections()
    assert library["COMP_LOW"].talk_track == "My own words."
    assert library["NEED_TIME"].talk_track == "Release three (NEED_TIME)"


def test_a_runaway_script_is_stopped_and_named_not_left_to_hang_call_prep() -> None:
    from offerdesk.services.callprep.scripts import fill

    filled = fill("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", {})
    assert "did not finish within 2 seconds" in filled.html
