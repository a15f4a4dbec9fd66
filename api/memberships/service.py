"""Working-group sign-up: open groups fill up to capacity, application groups are decided by staff,
appointed groups (the steering group) are filled by staff only."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.config import Settings
from api.errors import Conflict, NotFound
from api.groups import service as groups
from api.groups.models import MembershipMode, ThematicGroup
from api.lifecycle import transitions
from api.lifecycle.transitions import transition
from api.memberships import mails, places
from api.memberships.models import (
    ACTIVE_MEMBERSHIP,
    PLACE_HOLDING,
    Membership,
    MembershipRole,
    MembershipStatus,
)
from api.memberships.schemas import ApplicationAccepted, ApplicationResult, GroupApplication, StaffMembershipRequest
from api.notifications.templates import MailKind
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate, parse_datetime
from api.participants import service as participants
from api.participants.models import Channel, Participant
from api.security import hash_secret_token, link_token

NEWEST_FIRST = SortKey(Membership.created_at, Membership.id, descending=True, parse=parse_datetime)
_APPLIED = (
    "Thank you! We have sent you an e-mail. Please open the link in it to confirm your application; "
    "it goes ahead only then."
)
_ENDED = (MembershipStatus.withdrawn, MembershipStatus.rejected, MembershipStatus.expired)
# Staff entering a person (who said yes on the phone) take over an application still waiting for its link.
_REPLACEABLE = (*_ENDED, MembershipStatus.unconfirmed)


# --- the resident's side ----------------------------------------------------------------------------


async def apply(
    session: AsyncSession, settings: Settings, organization: Organization, data: GroupApplication, now: datetime
) -> ApplicationAccepted:
    wanted = [
        await _open_for_sign_up(session, organization, group_id, now, f"groups.{index}")
        for index, group_id in enumerate(data.groups)
    ]
    notice = await participants.check_consent(session, organization, data.consent)
    participant = await participants.find_or_add(session, organization, data)
    await participants.record_consent(session, participant, notice, Channel.web)
    joined: dict[uuid.UUID, Membership] = {}
    # A web application takes no place until its address is confirmed (confirm()): an address anyone can
    # type in must not fill a group. Rows are written in one fixed order (by group id) as confirm() takes
    # places, so that two requests of the same person never lock the same rows in opposite orders.
    for rank, group in sorted(enumerate(wanted, start=1), key=lambda ranked: ranked[1].id):
        membership = await _membership_of(session, group.id, participant.id)
        if membership is None or membership.status in _ENDED:
            membership = await _join(
                session,
                settings,
                group,
                participant,
                membership,
                MembershipStatus.unconfirmed,
                Channel.web,
                now,
                preference_rank=rank,
                hold_expires_at=_hold_until(settings, group, now),
            )
        joined[group.id] = membership
    memberships = [joined[group.id] for group in wanted]
    await mails.membership_mail(session, settings, MailKind.group_application, memberships)
    return ApplicationAccepted(
        message=_APPLIED,
        memberships=[
            ApplicationResult(
                group_id=g.id, group_name=g.name, preference_rank=m.preference_rank or rank, status=m.status
            )
            for rank, (g, m) in enumerate(zip(wanted, memberships, strict=True), start=1)
        ],
    )


async def by_token(session: AsyncSession, token: str) -> Membership:
    membership = await session.scalar(
        select(Membership).where(Membership.manage_token_hash == hash_secret_token(token))
    )
    if membership is None:
        raise NotFound("This link is not valid (any more). Please contact the city.", slug="link-invalid")
    return membership


async def group_of(session: AsyncSession, membership: Membership) -> ThematicGroup:
    return await session.get_one(ThematicGroup, membership.group_id)


async def confirm(session: AsyncSession, settings: Settings, membership: Membership, now: datetime) -> None:
    """The link in the mail was followed, so the address is the person's: every application of theirs that
    waited for it goes ahead. An open group gives a place if one is free, else the waiting list; an
    application group puts it before staff (or an allocation)."""
    if membership.status == MembershipStatus.expired:
        raise _confirmation_expired()
    if membership.status != MembershipStatus.unconfirmed:
        return  # confirmed already: a second click changes nothing
    waiting = await session.scalars(
        select(Membership)
        .where(
            Membership.participant_id == membership.participant_id, Membership.status == MembershipStatus.unconfirmed
        )
        .order_by(Membership.group_id)  # places are taken in one fixed order, as everywhere
    )
    for application in waiting.all():
        if application.hold_expires_at is not None and application.hold_expires_at <= now:
            await _expire(session, application, now)
        else:
            await _go_ahead(session, application, now)
    if membership.status == MembershipStatus.expired:
        refusal = _confirmation_expired()
        refusal.keep_changes = True  # the expiry stands even though the answer is a refusal
        raise refusal


async def expire_unconfirmed(session: AsyncSession, settings: Settings, now: datetime) -> int:
    """A worker job: applications whose link was not followed in time lapse (they held no place)."""
    del settings  # how long an application waits was fixed when it was made
    lapsed = await session.scalars(
        select(Membership)
        .where(Membership.status == MembershipStatus.unconfirmed, Membership.hold_expires_at <= now)
        .order_by(Membership.hold_expires_at)
        .limit(500)
    )
    return sum([await _expire(session, application, now) for application in lapsed.all()])


async def withdraw(
    session: AsyncSession,
    settings: Settings,
    membership: Membership,
    now: datetime,
    *,
    channel: Channel = Channel.web,
    staff_user_id: uuid.UUID | None = None,
    reason: str | None = None,
) -> None:
    if membership.status == MembershipStatus.withdrawn:
        return
    change = {"channel": channel, "now": now, "staff_user_id": staff_user_id, "note": reason}
    await places.lock_group(session, membership.group_id)
    # Whether a place comes free is decided by the row as it is in the database, not as we read it:
    # staff may have accepted the application a moment ago.
    was_member = await transition(session, membership, PLACE_HOLDING, MembershipStatus.withdrawn, **change)
    if not was_member and not await transition(
        session, membership, ACTIVE_MEMBERSHIP, MembershipStatus.withdrawn, **change
    ):
        raise Conflict("This membership has ended already.", slug="membership-ended")
    await mails.membership_mail(session, settings, MailKind.membership_withdrawn, [membership])
    if was_member:
        await places.free_place(session, membership.group_id)
        await places.fill_open_group(session, settings, membership.group_id, now)


# --- the staff's side -------------------------------------------------------------------------------


async def add_by_staff(
    session: AsyncSession,
    settings: Settings,
    staff: Caller,
    group_id: uuid.UUID,
    data: StaffMembershipRequest,
    now: datetime,
) -> Membership:
    group = await groups.get_for_staff(session, staff.organization, group_id)
    notice = await participants.check_consent(session, staff.organization, data.consent)
    participant = await participants.find_or_add(session, staff.organization, data)
    membership = await _membership_of(session, group.id, participant.id)
    if membership is not None and membership.status not in _REPLACEABLE:
        raise Conflict(
            "This person is in this group or has applied already; decide on the application instead.",
            field="email",
            kind="signed-up-already",
        )
    await participants.record_consent(session, participant, notice, data.channel, staff.user_id)
    if not await places.take_place(session, group.id):
        raise Conflict("The group is full. Raise its capacity first.", slug="group-full")
    membership = await _join(
        session,
        settings,
        group,
        participant,
        membership,
        MembershipStatus.member,
        data.channel,
        now,
        staff_user_id=staff.user_id,
        role=data.role,
        note=data.note,
        place_taken=True,
    )
    await mails.membership_mail(session, settings, MailKind.membership_decided, [membership])
    return membership


async def decide(
    session: AsyncSession,
    settings: Settings,
    staff: Caller,
    membership: Membership,
    to: MembershipStatus,
    note: str | None,
    now: datetime,
) -> None:
    """Staff accept, reject or waitlist an application (or someone on the waiting list)."""
    if membership.status == to:
        return
    await record_decision(session, staff, membership, to, note, now)
    await mails.membership_mail(session, settings, MailKind.membership_decided, [membership])


async def record_decision(
    session: AsyncSession, staff: Caller, membership: Membership, to: MembershipStatus, note: str | None, now: datetime
) -> None:
    """The decision on an application without its mail: an allocation tells each person once about all
    of their groups."""
    undecided = (MembershipStatus.applied, MembershipStatus.waitlisted)
    if membership.status == to:
        return
    if membership.status not in undecided:
        raise Conflict("Only applications and people on the waiting list can be decided on.", slug="not-decidable")
    if to == MembershipStatus.member and not await places.take_place(session, membership.group_id):
        raise Conflict("The group is full. Raise its capacity first.", slug="group-full")
    values = {"decided_at": now}
    if to == MembershipStatus.waitlisted:
        values["waitlisted_at"] = now
    if not await transition(
        session,
        membership,
        undecided,
        to,
        channel=Channel.staff,
        now=now,
        staff_user_id=staff.user_id,
        note=note,
        **values,
    ):
        if to == MembershipStatus.member:
            await places.free_place(session, membership.group_id)
        raise Conflict("This application was changed at the same moment; please reload.", slug="changed-meanwhile")


async def change_role(session: AsyncSession, membership: Membership, role: MembershipRole) -> None:
    membership.role = role
    await session.flush()


async def get_for_staff(session: AsyncSession, organization: Organization, membership_id: uuid.UUID) -> Membership:
    membership = await session.get(Membership, membership_id)
    if membership is None or membership.organization_id != organization.id:
        raise NotFound("There is no membership with this id in your organization.")
    return membership


async def list_for_group(
    session: AsyncSession,
    organization: Organization,
    group_id: uuid.UUID,
    status: MembershipStatus | None,
    search: str | None,
    page: PageRequest | None,
) -> tuple[Sequence[Membership], str | None]:
    group = await groups.get_for_staff(session, organization, group_id)
    stmt = (
        select(Membership)
        .join(Participant, Participant.id == Membership.participant_id)
        .where(Membership.group_id == group.id)
    )
    if status is not None:
        stmt = stmt.where(Membership.status == status)
    if search:
        stmt = stmt.where(participants.matching(search))
    if page is None:
        rows = await session.scalars(stmt.order_by(Membership.preference_rank, Membership.created_at, Membership.id))
        return rows.all(), None
    return await paginate(session, stmt, NEWEST_FIRST, page)


# --- shared steps -----------------------------------------------------------------------------------


async def _open_for_sign_up(
    session: AsyncSession, organization: Organization, group_id: uuid.UUID, now: datetime, field: str
) -> ThematicGroup:
    try:
        group = await groups.get_public(session, organization, group_id)
    except NotFound as exc:
        raise NotFound(exc.template, params=exc.params, field=field, kind="not-found") from None
    if group.membership_mode == MembershipMode.appointed:
        raise Conflict(
            "The members of “{group}” are appointed by the city.", params={"group": group.name}, slug="appointed-group"
        )
    if group.signup_deadline is not None and now >= group.signup_deadline:
        raise Conflict(
            "The sign-up deadline of “{group}” has passed.", params={"group": group.name}, slug="registration-closed"
        )
    return group


async def _first_status(session: AsyncSession, group: ThematicGroup) -> MembershipStatus:
    if group.membership_mode == MembershipMode.application:
        return MembershipStatus.applied
    return MembershipStatus.member if await places.take_place(session, group.id) else MembershipStatus.waitlisted


async def _join(
    session: AsyncSession,
    settings: Settings,
    group: ThematicGroup,
    participant: Participant,
    membership: Membership | None,
    status: MembershipStatus,
    channel: Channel,
    now: datetime,
    *,
    staff_user_id: uuid.UUID | None = None,
    role: MembershipRole = MembershipRole.member,
    preference_rank: int | None = None,
    note: str | None = None,
    place_taken: bool = False,
    hold_expires_at: datetime | None = None,
) -> Membership:
    values = {
        "channel": channel,
        "hold_expires_at": hold_expires_at,
        "role": role,
        "preference_rank": preference_rank,
        "note": note,
        "created_by_id": staff_user_id,
        "waitlisted_at": now if status == MembershipStatus.waitlisted else None,
        "decided_at": now if staff_user_id else None,
    }
    if membership is None:
        membership_id = uuid.uuid4()
        membership = Membership(
            id=membership_id,
            organization_id=group.organization_id,
            group_id=group.id,
            participant_id=participant.id,
            status=status,
            manage_token_hash=hash_secret_token(link_token(settings, "membership", membership_id)),
            **values,
        )
        session.add(membership)
        await session.flush()  # the membership first: its history row points at it
        session.add(transitions.step(membership, None, status, channel=channel, now=now, staff_user_id=staff_user_id))
        await transitions.announce(session, membership, None, status, channel, now)
        await session.flush()
        await session.refresh(membership, ["participant"])  # the staff answer shows the person
        return membership
    # `channel` names the StatusChange's channel in transition(); the membership's own column is set after.
    changes = {name: value for name, value in values.items() if name != "channel"}
    if not await transition(
        session, membership, _REPLACEABLE, status, channel=channel, now=now, staff_user_id=staff_user_id, **changes
    ):
        if status == MembershipStatus.member or place_taken:
            await places.free_place(session, group.id)
        raise Conflict("This membership changed at the same moment; please try again.", slug="changed-meanwhile")
    membership.channel = channel
    await session.flush()
    return membership


async def _go_ahead(session: AsyncSession, application: Membership, now: datetime) -> None:
    group = await session.get_one(ThematicGroup, application.group_id)
    status = await _first_status(session, group)
    values = {"hold_expires_at": None, "waitlisted_at": now if status == MembershipStatus.waitlisted else None}
    unconfirmed = (MembershipStatus.unconfirmed,)
    moved = await transition(session, application, unconfirmed, status, channel=Channel.web, now=now, **values)
    if not moved and status == MembershipStatus.member:
        await places.free_place(session, group.id)  # withdrawn at the same moment: the place goes back


def _hold_until(settings: Settings, group: ThematicGroup, now: datetime) -> datetime:
    """An application waits for its confirmation as long as a held seat does, but not past the deadline."""
    until = now + timedelta(hours=settings.confirmation_hold_hours)
    return until if group.signup_deadline is None else min(until, group.signup_deadline)


async def _expire(session: AsyncSession, application: Membership, now: datetime) -> bool:
    return await transition(
        session,
        application,
        (MembershipStatus.unconfirmed,),
        MembershipStatus.expired,
        channel=Channel.system,
        now=now,
        hold_expires_at=None,
    )


def _confirmation_expired() -> Conflict:
    return Conflict(
        "The time to confirm has run out and the application has lapsed. Please apply again.",
        slug="confirmation-expired",
    )


async def _membership_of(session: AsyncSession, group_id: uuid.UUID, participant_id: uuid.UUID) -> Membership | None:
    return await session.scalar(
        select(Membership).where(Membership.group_id == group_id, Membership.participant_id == participant_id)
    )
