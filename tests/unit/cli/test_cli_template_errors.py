"""A template whose expressions fail is a sentence and exit 1 in `templates check` and `letters export`, never
"an unexpected error" (exit 70)."""

from __future__ import annotations

from pathlib import Path

import pytest

from offerdesk.cli import main
from tests.letter_helpers import make_template


@pytest.mark.parametrize("expression", ["{{ 1/0 }}", "{{ none.x }}", '{{ "a" + 1 }}', "{{ [1][5] }}"])
def test_a_failing_expression_is_named_by_check_and_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str
) -> None:
    data = str(tmp_path / "data")
    template = make_template(tmp_path / "welcome.docx", "Dear {{ candidate.full_name }},", f"Total: {expression}")
    assert main(["--data-dir", data, "templates", "check", str(template)]) == 1
    out = capsys.readouterr().out
    assert "welcome.docx stopped in the body paragraph “Total:" in out
    argv = ["--data-dir", data, "letters", "export", "--offer", "1", "--template", str(template)]
    assert main([*argv, "--out", str(tmp_path / "letter.docx")]) == 1
    err = capsys.readouterr().err
    assert "welcome.docx stopped in the body paragraph “Total:" in err and "unexpected" not in err
    assert not (tmp_path / "letter.docx").exists()
