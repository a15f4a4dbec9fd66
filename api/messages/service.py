"""Writing to an audience: checking the words, previewing them, a test to oneself, and the real thing,
whose mails go through the outbox at a steady pace."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller, P
from api.config import Settings
from api.errors import Forbidden, InvalidInput, NotFound
from api.groups.models import ThematicGroup
from api.messages import audience as audiences
from api.messages.audience import People, Target
from api.messages.mails import (
    MAIL_KIND,
    TEST_MAIL_KIND,
    Addressee,
    check_placeholders,
    render_message,
    text_for,
)
from api.messages.models import StaffMessage
from api.messages.schemas import (
    Audience,
    DeliveryReport,
    MessageDraft,
    MessagePreference,
    MessageText,
    PersonToCall,
    Preview,
    RenderedSample,
)
from api.notifications import compose
from api.notifications.models import OutboxMessage, OutboxStatus
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.participants.models import Participant
from api.processes.models import Process
from api.staff.models import StaffUser

_NOT_FOUND = "There is no such message."
NEWEST_FIRST = SortKey(StaffMessage.created_at, StaffMessage.id, descending=True, parse=parse_datetime)


def _sample_link(settings: Settings) -> str:
    """Stands in for a person's manage link in previews and tests: their real link is their secret."""
    return settings.public_base_url.rstrip("/") + "/manage/registration#preview"


def check_texts(organization: Organization, draft: MessageDraft) -> None:
    offered = set(organization.languages or []) | {organization.default_language}
    for language in draft.texts:
        if language not in offered:
            raise InvalidInput(
                "Your city's site does not offer this language.", field=f"texts.{language}", kind="language-not-offered"
            )
    if organization.default_language not in draft.texts:
        raise InvalidInput(
            "The message needs a text in the city's default language: people whose language it lacks read that.",
            field=f"texts.{organization.default_language}",
            kind="default-language-needed",
        )
    check_placeholders(draft.texts)


async def audience_of(
    session: AsyncSession, settings: Settings, caller: Caller, process: Process, draft: MessageDraft
) -> tuple[Target, People]:
    """The people the draft would reach, once the caller may write to them and the words are fine."""
    target = await audiences.target_of(session, process, draft.audience)
    if not caller.can(P.people_message, process_id=process.id, group_id=target.group_id):
        raise Forbidden("Your role does not allow writing to this audience.")
    check_texts(caller.organization, draft)
    return target, await audiences.people_of(session, settings, target, draft.audience)


def sender_of(organization: Organization) -> str:
    return organization.office_name or organization.name


def preview(
    settings: Settings, organization: Organization, draft: MessageDraft, target: Target, people: People
) -> Preview:
    """Each language's text as the first person who reads it gets it; a language nobody reads is shown
    filled in for the first person of the audience, as an example."""
    samples = []
    for language, text in draft.texts.items():
        reader = next(
            (
                r
                for r in people.by_mail
                if text_for(draft.texts, r.participant.preferred_language, organization.default_language)[0] == language
            ),
            None,
        )
        example = reader or (people.by_mail[0] if people.by_mail else None)
        name = example.participant.full_name if example else "…"
        mail = render_message(
            language, text, Addressee(name, target.title, _sample_link(settings)), sender_of(organization)
        )
        recipient_name = reader.participant.full_name if reader else None
        samples.append(
            RenderedSample(language=language, recipient_name=recipient_name, subject=mail.subject, body=mail.text)
        )
    return Preview(
        recipient_count=len(people.by_mail),
        opted_out_count=people.opted_out,
        to_call=people.to_call,
        samples=samples,
    )


async def send_test(
    session: AsyncSession, settings: Settings, caller: Caller, draft: MessageDraft, target: Target
) -> str:
    """Every language's text to the caller's own address, filled in with the caller's own name."""
    if caller.user is None:
        raise Forbidden("A test goes to your own address; an API client has none.")
    user = await session.get_one(StaffUser, caller.user.id)
    organization = caller.organization
    addressee = Addressee(user.full_name, target.title, _sample_link(settings))
    for language, text in draft.texts.items():
        mail = render_message(language, text, addressee, sender_of(organization))
        compose.enqueue_rendered(session, organization, TEST_MAIL_KIND, mail, recipient=user.email, participant_id=None)
    await session.flush()
    return user.email


async def send(
    session: AsyncSession,
    settings: Settings,
    caller: Caller,
    process: Process,
    draft: MessageDraft,
    target: Target,
    people: People,
    now: datetime,
) -> StaffMessage:
    """Writes one mail per person to the outbox, spaced out by the configured interval."""
    if not people.by_mail and not people.to_call:
        raise InvalidInput("Nobody in this audience can get the message.", field="audience", kind="no-recipients")
    organization = caller.organization
    message = StaffMessage(
        organization_id=organization.id,
        process_id=process.id,
        event_id=target.event_id,
        group_id=target.group_id,
        audience=draft.audience.model_dump(mode="json"),
        texts={language: text.model_dump() for language, text in draft.texts.items()},
        sender_id=caller.user_id,
        recipient_count=len(people.by_mail),
        to_call_count=len(people.to_call),
        opted_out_count=people.opted_out,
    )
    session.add(message)
    await session.flush()
    interval = timedelta(seconds=settings.staff_message_interval_seconds)
    start = await _first_free_slot(session, organization, now, interval)
    for position, recipient in enumerate(people.by_mail):
        person = recipient.participant
        language, text = text_for(draft.texts, person.preferred_language, organization.default_language)
        mail = render_message(
            language, text, Addressee(person.full_name, target.title, recipient.manage_url), sender_of(organization)
        )
        compose.enqueue_rendered(
            session,
            organization,
            MAIL_KIND,
            mail,
            recipient=person.email or "",
            participant_id=person.id,
            not_before=start + position * interval,
            staff_message_id=message.id,
        )
    await session.flush()
    return message


async def _first_free_slot(
    session: AsyncSession, organization: Organization, now: datetime, interval: timedelta
) -> datetime:
    """Now, or right after the last mail of the city's messages still waiting: two messages sent at once
    queue up behind each other instead of doubling the pace."""
    last = await session.scalar(
        select(func.max(OutboxMessage.next_attempt_at)).where(
            OutboxMessage.organization_id == organization.id,
            OutboxMessage.staff_message_id.is_not(None),
            OutboxMessage.status == OutboxStatus.pending,
        )
    )
    return max(now, last + interval) if last is not None else now


# --- reading what was sent ----------------------------------------------------------------------------


async def list_for_process(
    session: AsyncSession, caller: Caller, process: Process, page: PageRequest
) -> tuple[Sequence[StaffMessage], str | None]:
    """The process's messages the caller may write to: all of them for the process's staff, those to
    their own groups' people for a group's moderator."""
    stmt = select(StaffMessage).where(
        StaffMessage.organization_id == caller.organization.id, StaffMessage.process_id == process.id
    )
    if not caller.can(P.people_message, process_id=process.id):
        groups = await _groups_written_by(session, caller, process)
        if not groups:
            raise Forbidden("Your role does not allow writing to this process's people.")
        stmt = stmt.where(StaffMessage.group_id.in_(groups))
    return await paginate(session, stmt, NEWEST_FIRST, page)


async def _groups_written_by(session: AsyncSession, caller: Caller, process: Process) -> list[uuid.UUID]:
    granted = [grant.group_id for grant in caller.grants if grant.group_id is not None]
    if not granted:
        return []
    ids = await session.scalars(
        select(ThematicGroup.id).where(ThematicGroup.process_id == process.id, ThematicGroup.id.in_(granted))
    )
    return [group_id for group_id in ids if caller.can(P.people_message, process_id=process.id, group_id=group_id)]


async def get_for_staff(session: AsyncSession, caller: Caller, message_id: uuid.UUID) -> StaffMessage:
    message = await session.get(StaffMessage, message_id)
    if message is None or message.organization_id != caller.organization.id:
        raise NotFound(_NOT_FOUND)
    if not caller.can(P.people_message, process_id=message.process_id, group_id=message.group_id):
        raise Forbidden("Your role does not allow reading this message.")
    return message


async def delivery_reports(session: AsyncSession, message_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, DeliveryReport]:
    """Counts of the messages' mails by outcome, in one query for a page of messages."""
    bounced = OutboxMessage.bounced.is_(True)
    rows = await session.execute(
        select(
            OutboxMessage.staff_message_id,
            func.count().filter(OutboxMessage.status == OutboxStatus.pending),
            func.count().filter(OutboxMessage.status == OutboxStatus.sent),
            func.count().filter(OutboxMessage.status == OutboxStatus.failed, ~bounced),
            func.sum(case((bounced, 1), else_=0)),
        )
        .where(OutboxMessage.staff_message_id.in_(list(message_ids)))
        .group_by(OutboxMessage.staff_message_id)
    )
    reports = {message_id: DeliveryReport(pending=0, sent=0, failed=0, bounced=0) for message_id in message_ids}
    for message_id, pending, sent, failed, bounced_count in rows.all():
        reports[message_id] = DeliveryReport(pending=pending, sent=sent, failed=failed, bounced=bounced_count or 0)
    return reports


async def sender_names(session: AsyncSession, messages: Sequence[StaffMessage]) -> dict[uuid.UUID, str]:
    ids = {m.sender_id for m in messages if m.sender_id is not None}
    if not ids:
        return {}
    rows = await session.execute(select(StaffUser.id, StaffUser.full_name).where(StaffUser.id.in_(ids)))
    return {row.id: row.full_name for row in rows}


def default_text(organization: Organization, message: StaffMessage) -> MessageText:
    texts = message.texts
    language = organization.default_language if organization.default_language in texts else next(iter(texts))
    return MessageText.model_validate(texts[language])


async def people_to_call(session: AsyncSession, settings: Settings, message: StaffMessage) -> list[PersonToCall]:
    """The audience's people without e-mail as of now: someone may have been added by phone since."""
    process = await session.get_one(Process, message.process_id)
    draft_audience = Audience.model_validate(message.audience)
    try:
        target = await audiences.target_of(session, process, draft_audience)
    except InvalidInput:  # the event or group is gone; so are its sign-ups
        return []
    return (await audiences.people_of(session, settings, target, draft_audience)).to_call


# --- a resident's own choice ----------------------------------------------------------------------------


async def preference_of(
    session: AsyncSession, participant_id: uuid.UUID, change: MessagePreference | None = None
) -> MessagePreference:
    person = await session.get_one(Participant, participant_id)
    if change is not None:
        person.receives_staff_messages = change.receives_staff_messages
        await session.flush()
    return MessagePreference(receives_staff_messages=person.receives_staff_messages)
