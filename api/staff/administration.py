"""Staff administration: the city's staff members, their invitations, roles and deactivation."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import distinct, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.config import Settings
from api.db import flush_unique
from api.errors import Conflict, InvalidInput, NotFound
from api.groups.models import ThematicGroup
from api.organizations.models import Organization
from api.pagination import PageRequest, SortKey, paginate
from api.processes.models import Process
from api.schemas import changes_of
from api.security import (
    hash_password,
)
from api.staff.authentication import (
    UNUSABLE_PASSWORD,
    has_password,
    normalize_email,
    revoke_all_tokens,
    send_link,
    spend_links,
)
from api.staff.models import RoleGrant, StaffRole, StaffToken, StaffTokenPurpose, StaffUser
from api.staff.passwords import check_password
from api.staff.schemas import RoleGrantIn, StaffInvite, StaffUserUpdate

BY_EMAIL = SortKey(StaffUser.email, StaffUser.id)
_NO_SUCH_USER = "There is no staff member with this id in your organization."
_LAST_ADMIN = "This is the last active admin of your organization. Make someone else an admin first."


async def create_staff_user(
    session: AsyncSession,
    organization: Organization,
    *,
    email: str,
    full_name: str,
    password: str,
    role: StaffRole | None = StaffRole.admin,
    process_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
) -> StaffUser:
    """A staff user with a password set directly (command line, demo); invited users set their own.
    Without a role for a platform operator, who runs the platform but not the city."""
    email = normalize_email(email)
    check_password(password, email)
    if await session.scalar(select(StaffUser.id).where(StaffUser.email == email)):
        raise Conflict("A staff user with this e-mail address exists already.", field="email")
    user = StaffUser(
        organization_id=organization.id,
        email=email,
        full_name=full_name,
        password_hash=hash_password(password),
    )
    session.add(user)
    await session.flush()
    if role is not None:
        session.add(
            RoleGrant(
                organization_id=organization.id, user_id=user.id, role=role, process_id=process_id, group_id=group_id
            )
        )
        await session.flush()
    return user


# --- The city's staff ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Member:
    """A staff member with what an admin sees besides the row: roles and an open invitation."""

    user: StaffUser
    roles: list[RoleGrant]
    invitation_expires_at: datetime | None

    @property
    def status(self) -> str:
        if self.user.is_active:
            return "active"
        if not has_password(self.user) and self.invitation_expires_at is not None:
            return "invited"
        return "deactivated"


async def list_members(
    session: AsyncSession, organization: Organization, page: PageRequest
) -> tuple[list[Member], str | None]:
    stmt = select(StaffUser).where(StaffUser.organization_id == organization.id)
    rows, cursor = await paginate(session, stmt, BY_EMAIL, page)
    return await _members(session, list(rows)), cursor


async def get_user(session: AsyncSession, organization: Organization, user_id: uuid.UUID) -> StaffUser:
    user = await session.get(StaffUser, user_id)
    if user is None or user.organization_id != organization.id:
        raise NotFound(_NO_SUCH_USER)
    return user


async def member(session: AsyncSession, user: StaffUser) -> Member:
    return (await _members(session, [user]))[0]


async def _members(session: AsyncSession, users: Sequence[StaffUser]) -> list[Member]:
    ids = [user.id for user in users]
    if not ids:
        return []
    grants: dict[uuid.UUID, list[RoleGrant]] = {user_id: [] for user_id in ids}
    rows = await session.scalars(
        select(RoleGrant).where(RoleGrant.user_id.in_(ids)).order_by(RoleGrant.granted_at, RoleGrant.id)
    )
    for grant in rows:
        grants[grant.user_id].append(grant)
    open_invitations = dict(
        (
            await session.execute(
                select(StaffToken.user_id, func.max(StaffToken.expires_at))
                .where(
                    StaffToken.user_id.in_(ids),
                    StaffToken.purpose == StaffTokenPurpose.invitation,
                    StaffToken.used_at.is_(None),
                )
                .group_by(StaffToken.user_id)
            )
        ).all()
    )
    # max() keeps the column's type, so these are aware datetimes on SQLite too.
    return [Member(user, grants[user.id], open_invitations.get(user.id)) for user in users]


async def invite(session: AsyncSession, settings: Settings, organization: Organization, data: StaffInvite) -> StaffUser:
    """A new staff member without a password, inactive until they accept the mailed invitation."""
    email = normalize_email(data.email)
    wanted = await _checked_roles(session, organization, data.roles)
    taken = Conflict("A staff user with this e-mail address exists already.", field="email")
    if await session.scalar(select(StaffUser.id).where(StaffUser.email == email)):
        raise taken
    user = StaffUser(
        organization_id=organization.id,
        email=email,
        full_name=data.full_name,
        password_hash=UNUSABLE_PASSWORD,
        is_active=False,
    )
    session.add(user)
    await flush_unique(session, taken)
    for role, process_id, group_id in wanted:
        session.add(
            RoleGrant(
                organization_id=organization.id, user_id=user.id, role=role, process_id=process_id, group_id=group_id
            )
        )
    await session.flush()
    await send_link(session, settings, user, StaffTokenPurpose.invitation)
    return user


async def resend_invitation(session: AsyncSession, settings: Settings, user: StaffUser) -> None:
    if has_password(user):
        raise Conflict("This person has accepted the invitation already; they can reset their password instead.")
    await send_link(session, settings, user, StaffTokenPurpose.invitation)


async def update_user(
    session: AsyncSession, organization: Organization, user: StaffUser, data: StaffUserUpdate
) -> StaffUser:
    changes_of(data, required=("full_name", "roles"))  # refuses null for either
    if data.full_name is not None:
        user.full_name = data.full_name
    if data.roles is not None:
        wanted = await _checked_roles(session, organization, data.roles)
        if not any(role == StaffRole.admin for role, _, _ in wanted):
            await _ensure_another_admin(session, organization, user)
        await _replace_roles(session, organization, user, wanted)
    await session.flush()
    return user


async def deactivate(session: AsyncSession, organization: Organization, user: StaffUser, caller: Caller) -> StaffUser:
    """Switches a person off: no login, no token and no mailed link of theirs works any more."""
    if caller.user_id == user.id:
        raise Conflict("You cannot deactivate your own account. Ask another admin.")
    await _ensure_another_admin(session, organization, user)
    user.is_active = False
    await revoke_all_tokens(session, user)
    await spend_links(session, user)
    await session.flush()
    return user


async def reactivate(session: AsyncSession, user: StaffUser) -> StaffUser:
    """Lets a person log in again with their password; tokens from before stay invalid."""
    if not has_password(user):
        raise Conflict("This person has never chosen a password. Send them a new invitation instead.")
    user.is_active = True
    await session.flush()
    return user


_Role = tuple[StaffRole, uuid.UUID | None, uuid.UUID | None]


async def _checked_roles(
    session: AsyncSession, organization: Organization, roles: Sequence[RoleGrantIn]
) -> list[_Role]:
    """The requested roles without duplicates; a process or group must be one of this city's."""
    wanted: list[_Role] = []
    for index, grant in enumerate(roles):
        if grant.process_id is not None:
            process = await session.get(Process, grant.process_id)
            if process is None or process.organization_id != organization.id:
                raise InvalidInput(
                    "There is no process with this id in your organization.", field=f"roles.{index}.process_id"
                )
        if grant.group_id is not None:
            group = await session.get(ThematicGroup, grant.group_id)
            if group is None or group.organization_id != organization.id:
                raise InvalidInput(
                    "There is no group with this id in your organization.", field=f"roles.{index}.group_id"
                )
        key = (grant.role, grant.process_id, grant.group_id)
        if key not in wanted:
            wanted.append(key)
    return wanted


async def _replace_roles(
    session: AsyncSession, organization: Organization, user: StaffUser, wanted: list[_Role]
) -> None:
    # Roles that stay keep their row (and the time they were granted); only the difference is written.
    existing = list(await session.scalars(select(RoleGrant).where(RoleGrant.user_id == user.id)))
    kept = set()
    for grant in existing:
        key = (grant.role, grant.process_id, grant.group_id)
        if key in wanted and key not in kept:
            kept.add(key)
        else:
            await session.delete(grant)
    await session.flush()
    if len(kept) != len(existing) or len(kept) != len(wanted):
        # Other roles, other rights: the person logs in again, so no open console keeps what was taken away.
        await revoke_all_tokens(session, user)
    for role, process_id, group_id in wanted:
        if (role, process_id, group_id) not in kept:
            session.add(
                RoleGrant(
                    organization_id=organization.id,
                    user_id=user.id,
                    role=role,
                    process_id=process_id,
                    group_id=group_id,
                )
            )


async def _ensure_another_admin(session: AsyncSession, organization: Organization, user: StaffUser) -> None:
    """Refuses to take away the last active admin of a city: nobody could manage its staff any more."""
    # Two admins demoting each other at once must not both succeed: changes to a city's admins queue
    # up on its row (PostgreSQL; SQLite writes one transaction at a time anyway). The counts below
    # are read after the lock, so they include what the one before committed.
    await session.execute(select(Organization.id).where(Organization.id == organization.id).with_for_update())
    active_admins = (
        select(func.count(distinct(StaffUser.id)))
        .select_from(StaffUser)
        .join(RoleGrant, RoleGrant.user_id == StaffUser.id)
        .where(
            StaffUser.organization_id == organization.id,
            StaffUser.is_active.is_(True),
            RoleGrant.role == StaffRole.admin,
        )
    )
    if not await session.scalar(active_admins.where(StaffUser.id == user.id)):
        return  # not an active admin now: nothing to lose
    if not await session.scalar(active_admins.where(StaffUser.id != user.id)):
        raise Conflict(_LAST_ADMIN)
