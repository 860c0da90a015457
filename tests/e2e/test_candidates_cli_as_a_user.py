"""A recruiter's session with `offerdesk candidates`, each step its own process, on a real data folder."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.e2e.conftest import Runner, command


def test_add_show_edit_export_archive_restore_delete(run: Runner, tmp_path: Path) -> None:
    offerdesk = command("offerdesk")

    def ok(*args: str) -> str:
        result = run(offerdesk, "candidates", *args)
        assert result.returncode == 0, result.stderr
        return result.stdout

    added = ok("add", "--first-name", "Jörg", "--last-name", "Müller", "--email", "j.mueller@example.de",
               "--phone", "+49 151 12345678", "--tag", "java", "--stage", "interviewing")  # fmt: skip
    candidate = added.strip()
    assert candidate.isdigit()

    shown = json.loads(ok("show", candidate, "--format", "json"))
    assert shown["name"] == "Jörg Müller" and shown["phones"] == ["+49 1511 2345678"]
    assert shown["stage"] == "interviewing" and shown["tags"] == ["java"]

    assert ok("edit", candidate, "--stage", "offer", "--add-tag", "remote", "--location", "München").strip() == (
        f"Candidate {candidate} (Jörg Müller) saved."
    )
    sheet = tmp_path / "offer-stage.csv"
    ok("list", "--stage", "offer", "--format", "csv", "--out", str(sheet), "--columns", "name,phone,tags,location")
    data = sheet.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfName,Phone,Tags,Location\r\n")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert {"Name": "Jörg Müller", "Phone": "+49 1511 2345678", "Tags": "java; remote", "Location": "München"} in rows

    assert ok("archive", candidate).startswith("Archived Jörg Müller")
    assert "Müller" not in ok("list")
    assert "Müller" in ok("list", "--archived")
    ok("restore", candidate)
    assert "Müller" in ok("list", "--search", "muller")

    refused = run(offerdesk, "candidates", "delete", candidate)  # no terminal here
    assert refused.returncode == 1 and "--yes" in refused.stderr
    deleted = ok("delete", candidate, "--yes")
    assert deleted.startswith(f"Deleted Jörg Müller (candidate {candidate}).")
    copy = Path(deleted.split(" is in ")[1].strip().removesuffix("."))
    assert copy.exists()
    gone = run(offerdesk, "candidates", "show", candidate)
    assert gone.returncode == 1 and gone.stderr.strip() == f"offerdesk: There is no candidate with id {candidate}."
