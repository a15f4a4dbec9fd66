"""The mail machinery every domain uses: a mail rendered in the person's language and written to the
outbox in the same transaction as the change it tells of. Each domain composes its own mails
(registrations/mails.py, memberships/mails.py, staff/mails.py); this module knows none of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.db import utcnow
from api.notifications.models import OutboxMessage
from api.notifications.templates import MailKind, RenderedMail, render
from api.organizations.models import Organization


def organization_context(organization: Organization) -> dict[str, Any]:
    """What every mail says of its sender: the office's name and how to reach it."""
    contact = " · ".join(part for part in (organization.contact_phone, organization.contact_email) if part)
    return {"org_name": organization.office_name or organization.name, "org_contact": contact or None}


def enqueue(
    session: AsyncSession,
    organization: Organization,
    kind: MailKind,
    language: str,
    context: Mapping[str, Any],
    *,
    recipient: str,
    participant_id: Any,
    attachments: Sequence[dict[str, str]] = (),
) -> None:
    """Renders `kind` in `language` (the person's; the city's default when Teilhabe does not speak it) and
    writes it to the outbox; `participant_id` is None for mails to staff."""
    enqueue_rendered(
        session,
        organization,
        str(kind),
        render(kind, language, context, default=organization.default_language),
        recipient=recipient,
        participant_id=participant_id,
        attachments=attachments,
    )


def enqueue_rendered(
    session: AsyncSession,
    organization: Organization,
    kind: str,
    mail: RenderedMail,
    *,
    recipient: str,
    participant_id: Any,
    attachments: Sequence[dict[str, str]] = (),
    not_before: datetime | None = None,
    staff_message_id: Any = None,
) -> None:
    """Writes a mail rendered elsewhere (a staff message's own words) to the outbox; `not_before` holds it
    back, so that a message to hundreds of people leaves at the pace the mail server accepts."""
    session.add(
        OutboxMessage(
            organization_id=organization.id,
            participant_id=participant_id,
            kind=kind,
            recipient=recipient,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            attachments=list(attachments),
            next_attempt_at=not_before or utcnow(),
            staff_message_id=staff_message_id,
        )
    )
