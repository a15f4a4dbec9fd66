"""Staff login: passwords, access tokens and rotating refresh tokens."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import NoReturn

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.db import utcnow
from api.errors import Conflict, InvalidInput, Unauthorized
from api.organizations.models import Organization
from api.security import (
    create_access_token,
    hash_password,
    hash_secret_token,
    new_secret_token,
    verify_password,
)
from api.staff.models import RefreshToken, RoleGrant, StaffRole, StaffUser
from api.staff.schemas import TokenPair

MIN_PASSWORD_LENGTH = 12
_LOGIN_FAILED = "E-mail address or password is wrong."


def normalize_email(email: str) -> str:
    return email.strip().lower()


async def create_staff_user(
    session: AsyncSession,
    organization: Organization,
    *,
    email: str,
    full_name: str,
    password: str,
    role: StaffRole = StaffRole.admin,
) -> StaffUser:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(f"The password needs at least {MIN_PASSWORD_LENGTH} characters.", field="password")
    email = normalize_email(email)
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
    session.add(RoleGrant(organization_id=organization.id, user_id=user.id, role=role))
    await session.flush()
    return user


async def log_in(session: AsyncSession, settings: Settings, email: str, password: str) -> TokenPair:
    user = await session.scalar(select(StaffUser).where(StaffUser.email == normalize_email(email)))
    # The password is checked even for an unknown address, so timing tells nothing.
    password_ok = verify_password(user.password_hash if user else None, password)
    if user is None or not password_ok or not user.is_active:
        raise Unauthorized(_LOGIN_FAILED)
    user.last_login_at = utcnow()
    return await _issue_tokens(session, settings, user, family_id=uuid.uuid4())


async def refresh(session: AsyncSession, settings: Settings, refresh_token: str) -> TokenPair:
    now = utcnow()
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_secret_token(refresh_token))
    )
    if stored is None or stored.revoked_at is not None or stored.expires_at <= now:
        raise Unauthorized("The refresh token is invalid or has expired. Please log in again.")
    if stored.used_at is not None:
        await _refuse_reuse(session, stored.family_id)
    user = await session.get(StaffUser, stored.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("The refresh token is invalid or has expired. Please log in again.")
    # Spent atomically: of two requests racing with one token, only one may win.
    claimed = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.used_at.is_(None), RefreshToken.revoked_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        await _refuse_reuse(session, stored.family_id)
    return await _issue_tokens(session, settings, user, family_id=stored.family_id)


async def _refuse_reuse(session: AsyncSession, family_id: uuid.UUID) -> NoReturn:
    # A spent token came back: someone holds a copy. End the whole login.
    await _revoke_family(session, family_id)
    refusal = Unauthorized("The refresh token was used already. Please log in again.")
    refusal.keep_changes = True
    raise refusal


async def log_out(session: AsyncSession, refresh_token: str) -> None:
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_secret_token(refresh_token))
    )
    if stored is not None:
        await _revoke_family(session, stored.family_id)


async def revoke_all_tokens(session: AsyncSession, user: StaffUser) -> None:
    """After a password change or deactivation: no old access or refresh token works any more."""
    user.tokens_valid_after = utcnow()
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


async def _issue_tokens(session: AsyncSession, settings: Settings, user: StaffUser, family_id: uuid.UUID) -> TokenPair:
    access_token, expires_in = create_access_token(settings, user.id, user.organization_id)
    refresh_token = new_secret_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            token_hash=hash_secret_token(refresh_token),
            family_id=family_id,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    await session.flush()
    return TokenPair(access_token=access_token, expires_in=expires_in, refresh_token=refresh_token)
