"""The subject and body of the email a letter is sent with, filled from the letter's own fields.

The email template uses the same field catalogue (letters/fields.py) and the same sandbox and limits as the letters
(letters/environment.py), in its text mode: autoescape off, because an email's plain-text part is text, not XML. A
field the offer does not have is an error naming it, as in a letter. The HTML alternative is made from the filled
text (each value escaped there), so a value with & or < reads the same in both parts.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateError
from markupsafe import escape

from offerdesk.letters.environment import (
    TEMPLATE_CODE_ERRORS,
    ExpressionFailed,
    LetterEnvironment,
    LetterUndefined,
    RenderTimeout,
    TemplateLimit,
    TemplateRefused,
    checked_context,
    expression_problem,
    guarded,
)

DEFAULT_SUBJECT = "Your offer from {{ company.name }} — {{ role.title }}"
DEFAULT_BODY = """Dear {{ candidate.first_name }},

I am delighted to send you our offer for the role of {{ role.title }} at {{ company.name }}, with a base salary \
of {{ offer.base }} per {{ offer.base_unit }}{% if offer.start_date is defined %} and a start date of \
{{ offer.start_date }}{% endif %}.

The offer letter is attached. Please read it carefully, and do not hesitate to reply to this email or call me \
with any question.
{% if offer.expires_on is defined %}
The offer is open until {{ offer.expires_on }}.
{% endif %}
Kind regards,
{% if recruiter.name is defined %}{{ recruiter.name }}
{% endif %}{{ company.name }}
"""
EMAIL_SECONDS = 2.0  # filled while the recruiter waits (and for the settings window's preview)

_TEXT_ENVIRONMENT = LetterEnvironment(autoescape=False, undefined=LetterUndefined, keep_trailing_newline=True)


@dataclass(frozen=True)
class EmailTemplate:
    subject: str = DEFAULT_SUBJECT
    body: str = DEFAULT_BODY

    @classmethod
    def from_settings(cls, settings: Mapping[str, str]) -> EmailTemplate:
        """The edited subject and body (settings email.subject, email.body), the defaults where they are empty."""
        return cls(
            (settings.get("email.subject") or "").strip() or DEFAULT_SUBJECT,
            (settings.get("email.body") or "").strip() or DEFAULT_BODY,
        )


@dataclass(frozen=True)
class FilledEmail:
    subject: str
    text: str

    @property
    def html(self) -> str:
        """The body as HTML: blank lines part paragraphs, line breaks stay, every character escaped."""
        paragraphs = [part for part in re.split(r"\n\s*\n", self.text.strip()) if part.strip()]
        inner = "".join(f"<p>{'<br>'.join(str(escape(line)) for line in part.splitlines())}</p>" for part in paragraphs)
        return f"<!DOCTYPE html><html><body>{inner}</body></html>\n"


def _render(source: str, context: Any, what: str, seconds: float) -> str:
    """One part filled, or TemplateRefused with a sentence naming the part and the field or the problem."""

    def sentence(problem: str) -> TemplateRefused:
        return TemplateRefused(f"The email {what} {problem}; no email was made.")

    try:
        compiled = _TEXT_ENVIRONMENT.from_string(source)
    except TemplateLimit as error:
        raise sentence(error.problem) from None
    except TemplateError as error:
        lineno = getattr(error, "lineno", None)
        line = f" on line {lineno}" if lineno else ""
        raise sentence(f"has a broken tag{line} ({error.message})") from None
    try:
        return guarded(lambda: compiled.render(context), seconds)
    except RenderTimeout:
        raise sentence(f"did not finish within {seconds:g} seconds and was stopped") from None
    except TemplateLimit as error:
        raise sentence(error.problem) from None
    except ExpressionFailed as error:
        raise sentence(f"stopped: {error.problem}") from None
    except TemplateRefused as error:  # a field the offer does not have, or a refused trick: the sentence names it
        raise TemplateRefused(str(error).replace("The template", f"The email {what}", 1)) from None
    except TemplateError as error:
        raise sentence(f"has a broken tag ({error.message})") from None
    except TEMPLATE_CODE_ERRORS as error:
        raise sentence(f"stopped: {expression_problem(error)}") from None
    except RecursionError:
        raise sentence("has a macro that calls itself without end") from None


def fill_email(template: EmailTemplate, values: Mapping[str, Any], seconds: float = EMAIL_SECONDS) -> FilledEmail:
    """The subject on one line and the body as text, filled with a letter's values (letter_context)."""
    context = checked_context(values)
    subject = " ".join(_render(template.subject, context, "subject", seconds).split())
    body = _render(template.body, context, "body", seconds)
    body = re.sub(r"\n{3,}", "\n\n", body.replace("\r\n", "\n")).strip() + "\n"
    if not subject:
        raise TemplateRefused("The email subject is empty once filled in; no email was made.")
    return FilledEmail(subject, body)
