"""Turns a change into a mail in the person's language, written to the outbox in the same transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.entries import event_ics, event_where
from api.config import Settings
from api.events.models import Event, EventFormat
from api.groups.models import ThematicGroup
from api.notifications.models import OutboxMessage
from api.notifications.templates import MailKind, format_instant, format_when, render, status_text
from api.organizations.models import Organization
from api.participants.models import Participant
from api.registrations.models import RegistrationStatus
from api.security import link_token
from api.staff.models import StaffUser

_WITH_ACCESS_DETAILS = (MailKind.registration_confirmed, MailKind.reminder)


def registration_link(settings: Settings, registration_id: Any) -> str:
    token = link_token(settings, "registration", registration_id)
    return f"{settings.public_base_url.rstrip('/')}/manage/registration/{token}"


def membership_link(settings: Settings, membership_id: Any) -> str:
    token = link_token(settings, "membership", membership_id)
    return f"{settings.public_base_url.rstrip('/')}/manage/membership/{token}"


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
        **_organization_context(organization),
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
        context["confirm_url"] = f"{manage_url}?confirm=1"
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
    _enqueue(session, organization, participant, kind, language, context, attachments)


async def membership_mail(
    session: AsyncSession, settings: Settings, kind: MailKind, memberships: Sequence[Any], **extra: Any
) -> None:
    """One mail about one or several memberships of the same person (an application to several groups)."""
    first = memberships[0]
    participant = await session.get_one(Participant, first.participant_id)
    if not participant.email:
        return
    organization = await session.get_one(Organization, participant.organization_id)
    language = participant.preferred_language
    groups = []
    for membership in memberships:
        group = await session.get_one(ThematicGroup, membership.group_id)
        groups.append(
            {
                "name": group.name,
                "status_text": status_text(membership.status, language),
                "manage_url": membership_link(settings, membership.id),
            }
        )
    context = {
        **_organization_context(organization),
        "person_name": participant.full_name,
        "groups": groups,
        "group_name": groups[0]["name"],
        "status": first.status,
        "manage_url": groups[0]["manage_url"],
        **extra,
    }
    _enqueue(session, organization, participant, kind, language, context, [])


async def staff_mail(
    session: AsyncSession, settings: Settings, kind: MailKind, user: StaffUser, link: str, valid_until: datetime
) -> None:
    """Writes an invitation or password-reset mail for a staff member to the outbox, in the city's language.

    `settings` is taken for symmetry with the other mails; the link is built by the caller, who keeps
    only the hash of its secret.
    """
    organization = await session.get_one(Organization, user.organization_id)
    language = organization.default_language
    context = {
        **_organization_context(organization),
        "person_name": user.full_name,
        "link": link,
        "valid_until": format_instant(valid_until, organization.timezone, language),
    }
    mail = render(kind, language, context)
    session.add(
        OutboxMessage(
            organization_id=organization.id,
            participant_id=None,  # about a staff member, not a participant
            kind=str(kind),
            recipient=user.email,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            attachments=[],
        )
    )


def access_details(event: Event) -> Mapping[str, str] | None:
    if event.format == EventFormat.in_person:
        return None
    access = {
        "join_url": event.online_join_url,
        "meeting_id": event.online_meeting_id,
        "passcode": event.online_passcode,
        "dial_in": event.online_dial_in,
    }
    return {key: value for key, value in access.items() if value} or None


def _organization_context(organization: Organization) -> dict[str, Any]:
    contact = " · ".join(part for part in (organization.contact_phone, organization.contact_email) if part)
    return {"org_name": organization.office_name or organization.name, "org_contact": contact or None}


def _enqueue(
    session: AsyncSession,
    organization: Organization,
    participant: Participant,
    kind: MailKind,
    language: str,
    context: Mapping[str, Any],
    attachments: list[dict[str, str]],
) -> None:
    mail = render(kind, language, context)
    session.add(
        OutboxMessage(
            organization_id=organization.id,
            participant_id=participant.id,
            kind=str(kind),
            recipient=participant.email,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            attachments=attachments,
        )
    )
