"""The mails about a registration, in the person's language, with the manage link (and, once the seat
is confirmed, the online access details and the calendar entry)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.entries import event_ics, event_where
from api.config import Settings
from api.events.models import Event
from api.events.service import access_details
from api.notifications import compose
from api.notifications.templates import MailKind, format_instant, format_when, status_text
from api.organizations.models import Organization
from api.participants.models import Participant
from api.registrations.models import RegistrationStatus
from api.security import link_token, secret_link

_WITH_ACCESS_DETAILS = (MailKind.registration_confirmed, MailKind.reminder)


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
    language = participant.preferred_language
    manage_url = registration_link(settings, registration.id)
    context: dict[str, Any] = {
        **compose.organization_context(organization),
        "person_name": participant.full_name,
        "event_title": event.title,
        "event_when": format_when(event.starts_at, event.ends_at, event.timezone, language),
        "event_where": event_where(event, language),
        "manage_url": manage_url,
        "status_text": status_text(registration.status, language),
        **extra,
    }
    if registration.status in (RegistrationStatus.pending, RegistrationStatus.offered):
        # Only a held seat can be confirmed; everyone else gets the manage link alone.
        context["confirm_url"] = registration_link(settings, registration.id, "confirm=1")
    if registration.hold_expires_at is not None:
        held_until = format_instant(registration.hold_expires_at, event.timezone, language)
        context["hold_until"] = context["offer_until"] = held_until
    attachments: list[dict[str, str]] = []
    if kind in _WITH_ACCESS_DETAILS:
        context["access"] = access_details(event)
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
