"""What recruiters call the common letter fields, in English, German, French, Spanish and Dutch.

Every phrase is written as mapping.normalise leaves a key: lower case, no accents, words split by single spaces
("Date_of_Joining" and "DateOfJoining" both read "date of joining"). Each entry names one catalogue field
(letters/fields.py; a test checks every target exists) and what it means in words, for the suggestion's reason.
key_words.NOT_OFFER_DATA lists keys that look like letter fields but hold nothing an offer has (a greeting, a
gender, a phone number, an invoice total): they get no suggestion, so the recruiter fills them by hand.
"""

from __future__ import annotations

from offerdesk.letters.adopt.person_pay_synonyms import PERSON_AND_PAY
from offerdesk.letters.adopt.synonym_entry import Synonyms
from offerdesk.letters.adopt.terms_synonyms import DATES_PEOPLE_AND_TERMS

__all__ = ["LANGUAGES", "SYNONYMS", "Synonyms"]

LANGUAGES = {"en": "English", "de": "German", "fr": "French", "es": "Spanish", "nl": "Dutch"}

SYNONYMS: tuple[Synonyms, ...] = PERSON_AND_PAY + DATES_PEOPLE_AND_TERMS
