"""A group's members hear of each new meeting of their group (api.reactions), with the link to sign up
where the meeting takes sign-ups."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.calendar.entries import event_page, event_where
from api.config import Settings
from api.events.happenings import MeetingPublished
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.memberships.models import Membership, MembershipStatus
from api.notifications import compose
from api.notifications.templates import MailKind, format_when, mail_language
from api.organizations.models import Organization
from api.participants.models import Participant
from api.reactions import reacts_to
from api.translations import service as translations


@reacts_to(MeetingPublished)
async def tell_the_members(session: AsyncSession, settings: Settings, published: MeetingPublished) -> None:
    event = await session.get_one(Event, published.event_id)
    group = await session.get_one(ThematicGroup, published.group_id)
    organization = await session.get_one(Organization, event.organization_id)
    members = await session.scalars(
        select(Participant)
        .join(Membership, Membership.participant_id == Participant.id)
        .where(Membership.group_id == group.id, Membership.status == MembershipStatus.member)
        .where(Participant.email.is_not(None))
        .order_by(Participant.id)
    )
    for person in members.all():
        language = mail_language(person.preferred_language, organization.default_language)
        names = await translations.texts_in(session, organization, language, group)
        titles = await translations.texts_in(session, organization, language, event)
        context = {
            **compose.organization_context(organization),
            "person_name": person.full_name,
            "group_name": names.get("name", group.name),
            "event_title": titles.get("title", event.title),
            "event_when": format_when(event.starts_at, event.ends_at, event.timezone, language),
            "event_where": event_where(event, language),
            "event_url": event_page(settings, organization, event),
            # An invitation-only meeting has its guests already; every other one takes sign-ups.
            "sign_up_needed": not event.invitation_only,
        }
        compose.enqueue(
            session,
            organization,
            MailKind.group_meeting,
            language,
            context,
            recipient=person.email,
            participant_id=person.id,
        )
