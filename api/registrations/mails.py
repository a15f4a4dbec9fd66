"""The mails about a registration, in the person's language, with the manage link (and, once the seat
is confirmed, the online access details and the calendar entry)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.entries import event_ics, event_where, step_free_note
from api.config import Settings
from api.events.changes import Aspect
from api.events.models import Event
from api.events.service import access_details
from api.notifications import compose
from api.notifications.templates import MailKind, format_instant, format_when, mail_language, status_text
from api.organizations.models import Organization
from api.participants.models import Participant
from api.registrations.models import RegistrationStatus
from api.security import link_token, secret_link
from api.translations import service as translations

_WITH_ACCESS_DETAILS = (MailKind.registration_confirmed, MailKind.reminder)
# Notices of a change: the confirmed get the calendar entry again, so that their calendar follows.
_NOTICES = (MailKind.event_changed, MailKind.event_postponed, MailKind.event_resumed, MailKind.event_cancelled)
_NOTICES_WITH_ACCESS_DETAILS = (MailKind.event_changed, MailKind.event_resumed)


@dataclass(frozen=True)
class Changes:
    """What changed, and the old values in a given language (the new ones are the event's own)."""

    aspects: tuple[Aspect, ...]
    old: Callable[[str], dict[str, str]]


def registration_link(settings: Settings, registration_id: Any, query: str = "") -> str:
    token = link_token(settings, "registration", registration_id)
    return secret_link(settings, "/manage/registration", token, query)


async def registration_mail(
    session: AsyncSession, settings: Settings, kind: MailKind, registration: Any, **extra: Any
) -> None:
    """Writes `kind` about this registration to the outbox; people without e-mail are called by staff."""
    participant = await session.get_one(Participant, registration.participant_id)
    if not participant.email:
        return
    event = await session.get_one(Event, registration.event_id)
    organization = await session.get_one(Organization, event.organization_id)
    language, default = (
        mail_language(participant.preferred_language, organization.default_language),
        organization.default_language,
    )
    manage_url = registration_link(settings, registration.id)
    # The event's title in the person's language where the city translated it, else its own.
    texts = await translations.texts_in(session, organization, language, event)
    context: dict[str, Any] = {
        **compose.organization_context(organization),
        "person_name": participant.full_name,
        "event_title": texts.get("title", event.title),
        "event_when": format_when(event.starts_at, event.ends_at, event.timezone, language, default),
        "event_where": event_where(event, language),
        "manage_url": manage_url,
        "status_text": status_text(registration.status, language, default),
        **extra,
    }
    if registration.status in (RegistrationStatus.pending, RegistrationStatus.offered):
        # Only a held seat can be confirmed; everyone else gets the manage link alone.
        context["confirm_url"] = registration_link(settings, registration.id, "confirm=1")
    if registration.hold_expires_at is not None:
        held_until = format_instant(registration.hold_expires_at, event.timezone, language, default)
        context["hold_until"] = context["offer_until"] = held_until
    attachments: list[dict[str, str]] = []
    confirmed = registration.status == RegistrationStatus.confirmed
    if kind in _WITH_ACCESS_DETAILS or (confirmed and kind in _NOTICES_WITH_ACCESS_DETAILS):
        context["access"] = access_details(event)
    if kind in _WITH_ACCESS_DETAILS or (confirmed and kind in _NOTICES):
        context["calendar_attached"] = True
        attachments.append(
            {
                "filename": "termin.ics",
                "content_type": "text/calendar",
                "content": event_ics(settings, organization, event),
            }
        )
    compose.enqueue(
        session,
        organization,
        kind,
        language,
        context,
        recipient=participant.email,
        participant_id=participant.id,
        attachments=attachments,
    )


async def notice_mail(
    session: AsyncSession,
    settings: Settings,
    kind: MailKind,
    registration: Any,
    *,
    note: str | None,
    changes: Changes | None = None,
    **extra: Any,
) -> None:
    """A notice of a change to the registration's event, with the staff's own words if they wrote some."""
    participant = await session.get_one(Participant, registration.participant_id)
    event = await session.get_one(Event, registration.event_id)
    organization = await session.get_one(Organization, event.organization_id)
    # The old and new values in the language the mail goes out in (registration_mail chooses the same).
    language = mail_language(participant.preferred_language, organization.default_language)
    if changes is not None:
        extra["changes"] = _change_rows(changes, event, language)
        extra["access_changed"] = Aspect.access in changes.aspects
    await registration_mail(session, settings, kind, registration, note=note, **extra)


def _change_rows(changes: Changes, event: Event, language: str) -> list[dict[str, str]]:
    """Old → new for each aspect a person can read (new access details are in the mail's access box)."""
    new = {
        Aspect.when: format_when(event.starts_at, event.ends_at, event.timezone, language),
        Aspect.where: place_text(event, language),
    }
    old = changes.old(language)
    return [{"aspect": str(a), "old": old[str(a)], "new": new[a]} for a in changes.aspects if a in new]


def place_text(place: Any, language: str) -> str:
    """Where, with the step-free access when it is known: a wheelchair user must hear if that changed."""
    where = event_where(place, language)
    note = step_free_note(place, language)
    return f"{where} ({note})" if note else where
