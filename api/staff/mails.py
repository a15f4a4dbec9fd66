"""The mails to staff members: invitation and password reset, in the city's language."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.notifications import compose
from api.notifications.templates import MailKind, format_instant, mail_language
from api.organizations.models import Organization
from api.staff.models import StaffUser


async def staff_mail(
    session: AsyncSession, settings: Settings, kind: MailKind, user: StaffUser, link: str, valid_until: datetime
) -> None:
    """Writes an invitation or password-reset mail for a staff member to the outbox, in the city's language.

    `settings` is taken for symmetry with the other mails; the link is built by the caller, who keeps
    only the hash of its secret.
    """
    organization = await session.get_one(Organization, user.organization_id)
    # Staff accounts have no language of their own: the city's.
    language = mail_language(organization.default_language)
    context = {
        **compose.organization_context(organization),
        "person_name": user.full_name,
        "link": link,
        "valid_until": format_instant(valid_until, organization.timezone, language),
    }
    compose.enqueue(session, organization, kind, language, context, recipient=user.email, participant_id=None)
