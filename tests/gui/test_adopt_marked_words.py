"""The mapping screen for a letter whose placeholders are plain words and XX blanks: the recruiter marks words as
a placeholder (a row appears, choices already made stay), unmarks them again, and adopts the letter."""

from __future__ import annotations

from pathlib import Path

from offerdesk.letters.adopt.model import Choice, ChoiceKind, PlaceholderKind
from offerdesk.letters.text import document_text
from offerdesk.ui.dialogs.adopt_template import AdoptTemplateDialog
from offerdesk.ui.dialogs.prompter import RecordingPrompter
from offerdesk.ui.main_window import MainWindow
from offerdesk.ui.models.mapping_table import PLACEHOLDER, WHERE
from tests.adopt_helpers import make_words_letter
from tests.gui.adoption_steps import open_adoption as _open


def _ids(dialog: AdoptTemplateDialog) -> list[str]:
    return [placeholder.id for placeholder in dialog.model.placeholders()]


def test_blanks_show_their_number_and_sentence(window: MainWindow, prompter: RecordingPrompter, tmp_path: Path) -> None:
    dialog = _open(window, prompter, make_words_letter(tmp_path / "words.docx"))
    assert _ids(dialog) == ["blank:XX#1", "blank:$XX.XX#1"]  # "Signed: ____" is the candidate's line, not a blank
    assert dialog.model.index(0, PLACEHOLDER).data() == "XX#1"
    assert "period of XX months." in dialog.model.index(0, WHERE).data()
    assert dialog.model.choice(1) == Choice(ChoiceKind.FIELD, "offer.base")  # "hourly wage … $XX.XX/hour"
    dialog.close()


def test_marking_words_adds_their_row_and_keeps_the_choices_made(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    dialog = _open(window, prompter, make_words_letter(tmp_path / "words.docx"))
    dialog.choose(0, Choice(ChoiceKind.TEXT, "six", confirmed=True))
    assert not dialog.unmark_button.isEnabled()
    prompter.texts.append("Employee Name; Name")
    dialog.mark_button.click()
    assert [kind for kind, title, _label in prompter.shown if kind == "ask_text"] == ["ask_text"]
    assert _ids(dialog)[:2] == ["words:Employee Name", "words:Name"]
    named = dialog.model.choice(0)
    assert named is not None and named.value == "candidate.full_name" and not named.confirmed
    assert dialog.model.choice(_ids(dialog).index("blank:XX#1")) == Choice(ChoiceKind.TEXT, "six", confirmed=True)
    assert len(dialog.choice_combos) == len(_ids(dialog))
    assert "has 4 placeholders" in dialog.intro.text()
    prompter.texts.append("Salary")  # not in the letter: a sentence, and the rows stay
    dialog.mark_button.click()
    errors = [text for kind, _title, text in prompter.shown if kind == "error"]
    assert errors and "does not have “Salary”" in errors[0]
    assert _ids(dialog)[:2] == ["words:Employee Name", "words:Name"]
    dialog.close()


def test_unmarking_words_removes_their_row(window: MainWindow, prompter: RecordingPrompter, tmp_path: Path) -> None:
    dialog = _open(window, prompter, make_words_letter(tmp_path / "words.docx"))
    prompter.texts.append("Name;Employee Name")
    dialog.mark_button.click()
    dialog.table.selectRow(_ids(dialog).index("blank:XX#1"))
    assert not dialog.unmark_button.isEnabled()  # a blank is found by itself, not marked
    dialog.table.selectRow(_ids(dialog).index("words:Name"))
    assert dialog.unmark_button.isEnabled()
    dialog.unmark_button.click()
    assert "words:Name" not in _ids(dialog) and "words:Employee Name" in _ids(dialog)
    assert dialog.draft.words == ("Employee Name",)
    dialog.close()


def test_a_letter_with_marked_words_is_adopted_and_writes_the_offers_letter(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    dialog = _open(window, prompter, make_words_letter(tmp_path / "words.docx"))
    prompter.texts.append("Employee Name; Name; Date; Job Title")
    dialog.mark_button.click()
    ids = _ids(dialog)
    dialog.choose(ids.index("words:Name"), Choice(ChoiceKind.FIELD, "candidate.first_name", confirmed=True))
    dialog.choose(ids.index("words:Job Title"), Choice(ChoiceKind.FIELD, "role.title", confirmed=True))
    dialog.choose(ids.index("blank:XX#1"), Choice(ChoiceKind.TEXT, "six", confirmed=True))
    dialog.confirm_all()
    assert dialog.adopt_button.isEnabled(), dialog.left.text()
    dialog.adopt_button.click()
    assert window.services.template_adoption.saved_words("words") == ("Employee Name", "Name", "Date", "Job Title")
    offer_id = window.services.offers.latest_id(window.services.candidates.search("Olivia")[0].id)
    assert offer_id is not None
    docx, _pdf = window.services.letters.export(offer_id, "words", tmp_path / "out" / "letter.docx").value
    text = document_text(docx)
    assert "Dear Olivia:" in text and "Olivia Carter" in text and "XX" not in text and "Dear Name" not in text
    assert [p.kind for p in dialog.draft.placeholders].count(PlaceholderKind.WORDS) == 4


def test_editing_the_mapping_finds_the_marked_words_again(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    adoption = window.services.template_adoption
    source = make_words_letter(tmp_path / "words.docx")
    words = ["Employee Name", "Name"]
    draft = adoption.inspect(source, words=words)
    choices = dict(draft.choices) | {"blank:XX#1": Choice(ChoiceKind.TEXT, "six", confirmed=True)}
    adoption.adopt(source, "Words", choices, words=words)
    window.menu_actions.templates.trigger()
    library = window.template_dialog
    library.select_name("Words")
    library.mapping_button.click()
    dialog = library.adopt_dialog
    assert _ids(dialog)[:2] == ["words:Employee Name", "words:Name"]
    dialog.choose(1, Choice(ChoiceKind.TEXT, "friend", confirmed=True))
    dialog.adopt_button.click()
    assert adoption.saved_words("Words") == ("Employee Name", "Name")
    assert adoption.saved_mapping("Words")["words:Name"] == Choice(ChoiceKind.TEXT, "friend", confirmed=True)


def test_a_letter_of_plain_words_only_can_mark_them_from_the_answer(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    from tests.adopt_helpers import make_plain_letter  # "Dear Name, we offer you the job. Salary: Salary."

    dialog = _open(window, prompter, make_plain_letter(tmp_path / "plain.docx"))
    assert "mark the plain words" in dialog.answer.text()
    assert not dialog.adopt_button.isVisibleTo(dialog) and dialog.mark_button.isVisibleTo(dialog)
    prompter.texts.append("Name; Salary")
    dialog.mark_button.click()
    assert _ids(dialog) == ["words:Name", "words:Salary"]
    assert dialog.adopt_button.isVisibleTo(dialog) and not dialog.answer.isVisibleTo(dialog)
    assert len(dialog.choice_combos) == 2 and "has 2 placeholders" in dialog.intro.text()
    dialog.choose(1, Choice(ChoiceKind.FIELD, "offer.base", confirmed=True))
    dialog.confirm_all()
    assert dialog.adopt_button.isEnabled(), dialog.left.text()
    dialog.adopt_button.click()
    assert window.services.template_adoption.saved_words("plain") == ("Name", "Salary")
    dialog.close()


def test_a_letter_that_is_already_a_template_offers_no_marking(
    window: MainWindow, prompter: RecordingPrompter, tmp_path: Path
) -> None:
    from tests.letter_helpers import make_template

    dialog = _open(window, prompter, make_template(tmp_path / "ours.docx", "Dear {{ candidate.full_name }},"))
    assert "already an OfferDesk template" in dialog.answer.text()
    assert not dialog.mark_button.isVisibleTo(dialog)
    dialog.close()
