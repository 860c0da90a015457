"""The services refuse what the command line refuses, so the app's own windows cannot store it either."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.domain.calls import CallOutcome
from offerdesk.domain.offers import OfferStatus
from offerdesk.errors import ValidationError
from offerdesk.services.setup.bootstrap import Services


def test_settings_refuse_a_nul_and_keep_the_old_value(services: Services) -> None:
    before = services.settings.all()["company.name"]
    with pytest.raises(ValidationError, match=r"^Company name: contains a control character \(U\+0000\)"):
        services.settings.set("company.name", "Bright\x00path")
    assert services.settings.all()["company.name"] == before


def test_a_call_note_with_an_escape_is_refused(services: Services) -> None:
    with pytest.raises(ValidationError, match=r"^Call note: .*U\+001B"):
        services.calls.log(1, CallOutcome.YES, notes="\x1b[2J")


def test_cadence_has_an_upper_bound(services: Services) -> None:
    with pytest.raises(ValidationError, match="at most"):
        services.cadence.set("touchpoint_every_days", 10**9)
    assert services.cadence.get().touchpoint_every_days == 7


def test_a_batch_with_no_processes_is_refused(services: Services, tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="1 to 32 processes"):
        services.letters.export_batch(OfferStatus.DECLINED, tmp_path / "out", workers=0)
    assert not (tmp_path / "out").exists()
