"""What the Copy buttons put on the clipboard: the same words as HTML and as plain text, values filled in."""

from __future__ import annotations

from offerdesk.domain.clip_text import summary_text
from offerdesk.services.callprep.clipboard_text import script_text, step_source, step_text, talk_track_text
from offerdesk.services.callprep.scripts import fill

VALUES = {"candidate": {"first_name": "Zoë"}, "offer": {"base": "€89,000.00"}, "company": {"name": "Smith & Sons"}}


def test_a_script_is_numbered_and_filled_in_both_forms() -> None:
    steps = [
        {"title": "Good news", "text": "Hi {{ candidate.first_name }}, great news."},
        {"title": "The ask", "tip": "Then stop talking.",
         "variants": {"direct": "The base is {{ offer.base }} at {{ company.name }}.", "soft": "Soft"}},
    ]  # fmt: skip
    clip = script_text(steps, VALUES)
    assert clip.plain == (
        "1. Good news\nHi Zoë, great news.\n\n"
        "2. The ask\nThe base is €89,000.00 at Smith & Sons.\nTip: Then stop talking."
    )
    assert "<h4>2. The ask</h4>" in clip.html and "€89,000.00 at Smith &amp; Sons." in clip.html


def test_a_value_not_known_yet_stays_visible_in_both_forms() -> None:
    clip = step_text("Start", fill("You start on {{ offer.start_date }}.", VALUES))
    assert "«expected start date?»" in clip.plain and "«expected start date?»" in clip.html


def test_a_step_in_another_ask_style_says_that_style() -> None:
    assert step_source({"variants": {"direct": "D", "soft": "S"}}, "soft") == "S"
    assert step_source({"variants": {"soft": "S"}}, "direct") == "S"


def test_a_talk_track_is_a_paragraph() -> None:
    clip = talk_track_text(fill("Your base is {{ offer.base }}.", VALUES))
    assert clip.html == "<p>Your base is €89,000.00.</p>" and clip.plain == "Your base is €89,000.00."


def test_a_summary_has_its_terms_on_lines_and_its_table_in_columns() -> None:
    clip = summary_text(
        "Olivia Carter — Written offer v1",
        [("Title", "Account Executive"), ("Start date", "Jan 15, 2027")],
        ["Component", "Amount"],
        [["Base salary", "$98,000.00"], ["Bonus <target>", "10% of base"]],
    )
    assert clip.plain.splitlines() == [
        "Olivia Carter — Written offer v1", "", "Title: Account Executive", "Start date: Jan 15, 2027", "",
        "Component\tAmount", "Base salary\t$98,000.00", "Bonus <target>\t10% of base",
    ]  # fmt: skip
    assert "<td>$98,000.00</td>" in clip.html and "Bonus &lt;target&gt;" in clip.html
    assert not summary_text("", [])
