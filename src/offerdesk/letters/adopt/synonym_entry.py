"""One row of the synonym table: a catalogue field, what it means in words, and its names per language."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Synonyms:
    field: str
    meaning: str  # in English words, for the reason: "German for first name"
    words: dict[str, tuple[str, ...]]  # language code -> phrases, already normalised


def entry(field: str, meaning: str, **words: tuple[str, ...]) -> Synonyms:
    return Synonyms(field, meaning, words)
