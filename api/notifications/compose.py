"""The mail machinery every domain uses: a mail rendered in the person's language and written to the
outbox in the same transaction as the change it tells of. Each domain composes its own mails
(registrations/mails.py, memberships/mails.py, staff/mails.py); this module knows none of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.notifications.models import OutboxMessage
from api.notifications.templates import MailKind, render
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
    """Renders `kind` and writes it to the outbox; `participant_id` is None for mails to staff."""
    mail = render(kind, language, context)
    session.add(
        OutboxMessage(
            organization_id=organization.id,
            participant_id=participant_id,
            kind=str(kind),
            recipient=recipient,
            subject=mail.subject,
            body_text=mail.text,
            body_html=mail.html,
            attachments=list(attachments),
        )
    )
