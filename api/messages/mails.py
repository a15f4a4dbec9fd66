"""A staff message as the mail one person reads: the staff's words in the person's language, with the
placeholders filled in, and a footer that says why it came and how to stop such messages.

Placeholders are a small substitution of our own rather than `str.format` or a template engine: staff
type the text, and `{name.__class__}` or `{{ … }}` must stay text, never reach into Python objects.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from api.errors import InvalidInput
from api.i18n import fallbacks, supported
from api.messages.schemas import MessageText
from api.notifications.templates import Block, Link, Paragraph, RenderedMail, document, plain_text, quoted, translate

PLACEHOLDERS = ("name", "event", "manage_link")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
MAIL_KIND = "staff_message"
TEST_MAIL_KIND = "staff_message_test"
SUBJECT_LIMIT = 300  # OutboxMessage.subject


@dataclass(frozen=True)
class Addressee:
    """What the placeholders stand for, for one person."""

    name: str
    event: str
    manage_link: str


def check_placeholders(texts: Mapping[str, MessageText]) -> None:
    """Refuses a text that names a placeholder we do not know: it would reach people as `{nmae}`."""
    for language, text in texts.items():
        for part in ("subject", "body"):
            for match in _PLACEHOLDER.finditer(getattr(text, part)):
                if match.group(1) not in PLACEHOLDERS:
                    raise InvalidInput(
                        "Unknown placeholder {placeholder}; known are {known}.",
                        params={
                            "placeholder": match.group(0),
                            "known": ", ".join(f"{{{name}}}" for name in PLACEHOLDERS),
                        },
                        field=f"texts.{language}.{part}",
                        kind="unknown-placeholder",
                    )


def text_for(texts: Mapping[str, MessageText], preferred: str | None, default: str) -> tuple[str, MessageText]:
    """The language the person reads ("en-GB" reads "en") if the message has it, else the city's default;
    a reader of Leichte Sprache gets the easy-read text if staff wrote one, else the German one."""
    clean = (preferred or "").replace("_", "-").lower()
    language = next(
        (code for code in fallbacks(supported(clean) or clean.split("-")[0], default) if code in texts), default
    )
    return language, texts[language]


def fill(template: str, addressee: Addressee) -> str:
    values = {"name": addressee.name, "event": addressee.event, "manage_link": addressee.manage_link}
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), template)


def render_message(language: str, text: MessageText, addressee: Addressee, sender: str) -> RenderedMail:
    subject = _shortened(" ".join(fill(text.subject, addressee).split()))  # no line break in the header
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", fill(text.body, addressee)) if part.strip()]
    blocks: list[Block] = [Paragraph(part) for part in paragraphs]
    blocks.extend(_footer(language, addressee, sender))
    return RenderedMail(subject=subject, text=plain_text(language, blocks), html=document(language, subject, blocks))


def _shortened(subject: str) -> str:
    # A long title filled into a long subject must still fit the outbox's column (and a mail program).
    return subject if len(subject) <= SUBJECT_LIMIT else subject[: SUBJECT_LIMIT - 1].rstrip() + "…"


def _footer(language: str, addressee: Addressee, sender: str) -> list[Block]:
    # The frame is ours, from the mails' catalogue, in the language of the staff's text it surrounds.
    why = translate(
        language,
        "{sender} sends you this message because you signed up for {event}.",
        sender=sender,
        event=quoted(addressee.event, language),
    )
    link = translate(language, "See your sign-up or stop messages like this")
    return [Paragraph("—\n" + why), Link(link, addressee.manage_link)]
