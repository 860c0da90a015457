"""Adopting a recruiter's own Word letter: inspect its placeholders, map each one, and keep a prepared copy.

The prepared copy is an ordinary OfferDesk template (each placeholder replaced by the docxtpl text of its choice);
the recruiter's file is never changed, and a copy of it is kept beside the prepared one with the mapping
(adoption_sidecar), so "Edit mapping" can make the prepared copy again from the original. Plain words are found as
a placeholder only when the recruiter marks them (`words`), since the same words are in the letter's own text.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from offerdesk.domain.offers import OfferType
from offerdesk.errors import ValidationError
from offerdesk.files import atomic_write
from offerdesk.letters.adopt import find_placeholders, rewrite_package
from offerdesk.letters.adopt.model import Choice, ChoiceKind, Placeholder, PlaceholderKind, Suggestion
from offerdesk.letters.docx_file import TemplateFileError, WordPackage, read_package
from offerdesk.paths import AppPaths
from offerdesk.services.changes import Changes, Outcome
from offerdesk.services.letters import adoption_sidecar as sidecar
from offerdesk.services.letters.adoption_answers import (
    answer_for,
    choice_text,
    expression,
    nothing_recognised,
    suggest,
    suggested,
)
from offerdesk.services.letters.library import TemplateInfo, TemplateLibrary, template_file_name
from offerdesk.storage.db import Database


@dataclass(frozen=True)
class AdoptionDraft:
    """What a letter holds and what OfferDesk would put in place of each placeholder."""

    source: Path
    placeholders: tuple[Placeholder, ...] = ()
    choices: dict[str, Choice] = field(default_factory=dict)  # placeholder id → suggested or given choice
    suggestions: dict[str, list[Suggestion]] = field(default_factory=dict)  # best first
    answer: str = ""  # why the file cannot be adopted or needs no adoption; "" when it can be mapped
    words: tuple[str, ...] = ()  # plain words the recruiter marked as placeholders, as given
    markable: bool = False  # no placeholders found, but the letter's plain words can be marked as placeholders

    def unmapped(self) -> list[Placeholder]:
        return [placeholder for placeholder in self.placeholders if placeholder.id not in self.choices]

    def placeholder(self, given: str) -> Placeholder | None:
        """The placeholder a recruiter means by its id, its written form or its name ("FirstName")."""
        wanted = given.strip().casefold()

        def rank(p: Placeholder) -> int:
            return [p.id == given, p.written == given, p.key == given, p.key.casefold() == wanted, True].index(True)

        best = min(self.placeholders, key=rank, default=None)
        return best if best is not None and rank(best) < 4 else None


_NOT_FILLED = {"word/footnotes.xml": "a footnote", "word/endnotes.xml": "an endnote"}


def _text_for(placeholder: Placeholder, choice: Choice) -> str:
    """What goes in place of the placeholder; in a footnote, which letters do not fill in, only the text itself."""
    where = next((_NOT_FILLED[part] for part in placeholder.parts if part in _NOT_FILLED), "")
    if not where:
        return expression(choice)
    if choice.kind is ChoiceKind.EMPTY:
        return ""
    if choice.kind is ChoiceKind.TEXT and not set("{}%") & set(choice.value):
        return choice.value
    raise ValidationError(
        f"{placeholder.written} is in {where}, which OfferDesk does not fill in from the offer; give it a fixed "
        "text (without { } or %) or leave it empty, or move it into the letter's text in Word."
    )


def display_name(placeholder: Placeholder) -> str:
    """How a placeholder is named to the recruiter: as written, and a blank with its number ("XX#2")."""
    return placeholder.key if placeholder.kind is PlaceholderKind.BLANK else placeholder.written


def listed(placeholders: list[Placeholder], most: int = 6) -> str:
    names = [display_name(placeholder) for placeholder in placeholders]
    shown = ", ".join(names[:most]) + (f" and {len(names) - most} more" if len(names) > most else "")
    return shown if len(names) < 2 or len(names) > most else ", ".join(names[:-1]) + " and " + names[-1]


class TemplateAdoption:
    def __init__(self, database: Database, paths: AppPaths) -> None:
        self._database = database
        self._paths = paths
        self._library = TemplateLibrary(database, paths)

    def inspect(self, source: Path, given: Mapping[str, Choice] | None = None,
                words: Sequence[str] = ()) -> AdoptionDraft:  # fmt: skip
        """The letter's placeholders with a suggested choice for each; `given` choices override suggestions;
        `words` are exact texts the recruiter says are placeholders ("Employee Name", "Date")."""
        try:
            package = read_package(source)
        except TemplateFileError as error:
            return AdoptionDraft(source, answer=str(error))
        marked = tuple(dict.fromkeys(" ".join(word.split()) for word in words if word.strip()))
        return self._draft(source, package, given or {}, marked)

    def _draft(self, source: Path, package: WordPackage, given: Mapping[str, Choice],
               words: tuple[str, ...]) -> AdoptionDraft:  # fmt: skip
        placeholders = tuple(find_placeholders(package, words))
        found = {p.key for p in placeholders if p.kind is PlaceholderKind.WORDS}
        if absent := [word for word in words if word not in found]:
            names = " and ".join(f"“{word}”" for word in absent)
            raise ValidationError(
                f"{source.name} does not have {names} as {'a whole word' if len(absent) == 1 else 'whole words'} "
                "outside its other placeholders; mark the words exactly as the letter writes them (capitals count)."
            )
        answer = answer_for(source, package, placeholders)
        suggestions = {p.id: suggest(p) for p in placeholders}
        choices = {p.id: choice for p in placeholders if (choice := suggested(p)) is not None}
        unknown = []
        for key, choice in given.items():
            if (placeholder := AdoptionDraft(source, placeholders).placeholder(key)) is None:
                unknown.append(key)
            else:
                choices[placeholder.id] = choice
        if unknown and not answer:
            names = " and ".join(f"“{key}”" for key in unknown)
            raise ValidationError(
                f"{source.name} has no placeholder {names}; its placeholders are {listed(list(placeholders), 40)}."
            )
        markable = not placeholders and answer == nothing_recognised(source)
        return AdoptionDraft(source, placeholders, choices, suggestions, answer, words, markable)

    def prepared_copy(self, draft: AdoptionDraft, choices: Mapping[str, Choice] | None = None) -> bytes:
        """The prepared copy's bytes: every placeholder replaced by its choice's docxtpl text."""
        if draft.answer:
            raise ValidationError(draft.answer)
        chosen = dict(draft.choices if choices is None else choices)
        missing = [placeholder for placeholder in draft.placeholders if placeholder.id not in chosen]
        if missing:
            raise ValidationError(
                f"{listed(missing)} in {draft.source.name} {'has' if len(missing) == 1 else 'have'} no field, text or "
                "empty choice yet; choose one for each before the letter can be adopted."
            )
        texts = {placeholder.id: _text_for(placeholder, chosen[placeholder.id]) for placeholder in draft.placeholders}
        return rewrite_package(read_package(draft.source), texts, draft.words)

    def _checked(self, draft: AdoptionDraft, data: bytes) -> None:
        """Refuse a prepared copy the template check would refuse, with the check's own sentence."""
        from offerdesk.letters.check import check_template

        folder = Path(tempfile.mkdtemp(prefix="offerdesk-adopt-"))
        try:
            trial = folder / draft.source.name
            trial.write_bytes(data)
            report = check_template(trial)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        if not report.ok:
            found = [problem.message for problem in report.problems if problem.kind != "external"]
            problems = " ".join(found).replace(str(trial), draft.source.name)
            raise ValidationError(f"The prepared copy of {draft.source.name} is not usable yet: {problems}")

    def adopt(self, source: Path, name: str, choices: Mapping[str, Choice] | None = None,
              offer_type: OfferType | None = None, locale: str = "",
              words: Sequence[str] = ()) -> Outcome[TemplateInfo]:  # fmt: skip
        """Add the prepared copy to the library under `name`, with the original and the mapping beside it."""
        draft = self.inspect(source, choices, words)
        data = self.prepared_copy(draft)
        self._checked(draft, data)
        original = source.read_bytes()
        mapping = sidecar.encode(source, original, template_file_name(name, data), draft.choices, draft.words)
        companions = {sidecar.ORIGINAL_SUFFIX: original, sidecar.MAPPING_SUFFIX: mapping}
        return self._library.add_data(data, name, offer_type, locale, companions)

    def saved_mapping(self, name: str) -> dict[str, Choice]:
        """The choices the named template was adopted with (the GUI reopens the mapping with them)."""
        return sidecar.decode(self._library.path_of(name)).choices

    def saved_words(self, name: str) -> tuple[str, ...]:
        """The plain words marked as placeholders when the named template was adopted."""
        return sidecar.decode(self._library.path_of(name)).words

    def readopt(self, name: str, choices: Mapping[str, Choice], words: Sequence[str] | None = None) -> Changes:
        """Make the named template's prepared copy again from the kept original with new choices (and the words
        marked before, unless `words` are given)."""
        template = self._library.path_of(name)
        saved = sidecar.decode(template)
        draft = self.inspect(saved.original, choices, saved.words if words is None else words)
        data = self.prepared_copy(draft)
        self._checked(draft, data)
        original = saved.original.read_bytes()
        mapping = sidecar.encode(Path(saved.source_name), original, template.name, draft.choices, draft.words)
        return self._library.replace_data(name, data, {sidecar.MAPPING_SUFFIX: mapping})

    def preview(self, draft: AdoptionDraft, choices: Mapping[str, Choice], offer_id: int) -> Path:
        """The offer's letter made from the prepared copy, for the live preview while mapping.

        It is written to a new folder under the system's temporary folder (offerdesk-preview-…), with the
        prepared copy beside it, the same way the letter preview is; the caller that shows it deletes that folder
        when it closes (shutil.rmtree(path.parent)). Nothing is recorded and the library is not touched.
        """
        from offerdesk.letters.render import PreparedTemplate
        from offerdesk.services.letters.export import LetterService
        from offerdesk.services.setup.settings import SettingsService

        data = self.prepared_copy(draft, choices)
        folder = Path(tempfile.mkdtemp(prefix="offerdesk-preview-"))
        template = folder / "prepared.docx"
        with atomic_write(template) as stream:
            stream.write(data)
        letters = LetterService(self._database, self._paths, SettingsService(self._database))
        values = letters.values(offer_id)
        return PreparedTemplate(template).render_to(values, folder / "preview.docx")


__all__ = ["AdoptionDraft", "TemplateAdoption", "choice_text", "display_name", "listed"]
