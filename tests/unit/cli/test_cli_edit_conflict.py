"""A command that names the row version it read refuses to change an offer someone saved since."""

from __future__ import annotations

import json

import pytest

from offerdesk.errors import EditConflict
from tests.unit.cli.cli_run import run


def _show(capsys: pytest.CaptureFixture[str], data: str, offer_id: str) -> dict[str, object]:
    code, out, _err = run(capsys, "--data-dir", data, "offers", "show", offer_id, "--format", "json")
    assert code == 0
    offer: dict[str, object] = json.loads(out)["offer"]
    return offer


def _draft(capsys: pytest.CaptureFixture[str], data: str) -> str:
    code, out, _err = run(capsys, "--data-dir", data, "offers", "list", "--status", "draft", "--format", "json")
    assert code == 0, out
    return str(json.loads(out)[0]["id"])


def test_a_stale_if_version_exits_3_with_the_sentence_and_changes_nothing(
    capsys: pytest.CaptureFixture[str], data: str
) -> None:
    offer_id = _draft(capsys, data)
    read = _show(capsys, data, offer_id)
    version = int(read["row_version"])  # type: ignore[call-overload]
    moved = run(capsys, "--data-dir", data, "offers", "set-status", offer_id, "rescinded", "--reason", "Budget cut",
                "--if-version", str(version))  # fmt: skip
    assert moved[0] == 0, moved[2]
    after_move = _show(capsys, data, offer_id)
    assert int(after_move["row_version"]) > version  # type: ignore[call-overload]

    code, _out, err = run(capsys, "--data-dir", data, "offers", "set-status", offer_id, "approved",
                          "--approver", "Dana Whitfield, VP People", "--if-version", str(version))  # fmt: skip
    assert code == EditConflict.EXIT_CODE == 3
    assert f"Someone else saved offer {offer_id} after you read it" in err and "nothing was changed" in err
    assert len(err.strip().splitlines()) == 1  # a sentence, no traceback
    assert _show(capsys, data, offer_id) == after_move


def test_the_current_if_version_moves_the_offer(capsys: pytest.CaptureFixture[str], data: str) -> None:
    offer_id = _draft(capsys, data)
    version = _show(capsys, data, offer_id)["row_version"]
    code, out, err = run(capsys, "--data-dir", data, "offers", "set-status", offer_id, "approved",
                         "--approver", "Dana Whitfield, VP People", "--if-version", str(version))  # fmt: skip
    assert code == 0, err
    moved = _show(capsys, data, offer_id)
    assert moved["status"] == "approved" and moved["row_version"] != version
    code, out, _err = run(capsys, "--data-dir", data, "offers", "show", offer_id)
    assert f"Row version: {moved['row_version']} " in out  # the table says what to name in --if-version
