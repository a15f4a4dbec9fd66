"""The mails about memberships: one mail per person for an application to several groups."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.groups.models import ThematicGroup
from api.memberships.models import MembershipStatus
from api.notifications import compose
from api.notifications.templates import MailKind, format_instant, mail_language, status_text
from api.organizations.models import Organization
from api.participants.models import Participant
from api.security import link_token, secret_link
from api.translations import service as translations


def membership_link(settings: Settings, membership_id: Any, query: str = "") -> str:
    token = link_token(settings, "membership", membership_id)
    return secret_link(settings, "/manage/membership", token, query)


async def membership_mail(
    session: AsyncSession, settings: Settings, kind: MailKind, memberships: Sequence[Any], **extra: Any
) -> None:
    """One mail about one or several memberships of the same person (an application to several groups)."""
    first = memberships[0]
    participant = await session.get_one(Participant, first.participant_id)
    if not participant.email:
        return
    organization = await session.get_one(Organization, participant.organization_id)
    language, default = (
        mail_language(participant.preferred_language, organization.default_language),
        organization.default_language,
    )
    groups = []
    for membership in memberships:
        group = await session.get_one(ThematicGroup, membership.group_id)
        texts = await translations.texts_in(session, organization, language, group)
        groups.append(
            {
                "name": texts.get("name", group.name),
                "status_text": status_text(membership.status, language, default),
                "manage_url": membership_link(settings, membership.id),
            }
        )
    context = {
        **compose.organization_context(organization),
        "person_name": participant.full_name,
        "groups": groups,
        "group_name": groups[0]["name"],
        "status": first.status,
        "manage_url": groups[0]["manage_url"],
        **extra,
    }
    unconfirmed = [m for m in memberships if m.status == MembershipStatus.unconfirmed]
    if unconfirmed:
        # One link confirms the address, and with it every application of the person waiting for it.
        context["confirm_url"] = membership_link(settings, unconfirmed[0].id, "confirm=1")
        until = min(m.hold_expires_at for m in unconfirmed)
        context["hold_until"] = format_instant(until, organization.timezone, language, default)
    compose.enqueue(
        session, organization, kind, language, context, recipient=participant.email, participant_id=participant.id
    )
