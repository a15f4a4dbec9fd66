"""Staff authentication: logging in (with failed logins counted), access and refresh tokens, passwords,
and the mailed invitation and password-reset links."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import NoReturn

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.authz import Caller
from api.config import Settings
from api.db import utcnow
from api.errors import Forbidden, InvalidInput, Unauthorized
from api.notifications.templates import MailKind
from api.organizations.models import Organization
from api.ratelimit import Limit, RateLimiter, TooManyRequests
from api.security import (
    create_access_token,
    hash_password,
    hash_secret_token,
    new_secret_token,
    secret_link,
    verify_password,
)
from api.staff.mails import staff_mail
from api.staff.models import RefreshToken, StaffSession, StaffToken, StaffTokenPurpose, StaffUser
from api.staff.passwords import check_password
from api.staff.schemas import TokenPair

_LOGIN_FAILED = "E-mail address or password is wrong."
# Not an argon2 hash, so no password ever matches it: an invited person has none until they choose one.
UNUSABLE_PASSWORD = "!"  # noqa: S105 - a marker, not a password
INVITATION_VALID = timedelta(days=7)
PASSWORD_RESET_VALID = timedelta(hours=1)
_LINK_PATHS = {StaffTokenPurpose.invitation: "invitation", StaffTokenPurpose.password_reset: "password-reset"}
_LINK_MAILS = {
    StaffTokenPurpose.invitation: MailKind.staff_invitation,
    StaffTokenPurpose.password_reset: MailKind.password_reset,
}
_LINK_INVALID = "This link is invalid, has expired or was used already. Please ask for a new one."


def normalize_email(email: str) -> str:
    return email.strip().lower()


def has_password(user: StaffUser) -> bool:
    return not user.password_hash.startswith(UNUSABLE_PASSWORD)


# --- Counting failed logins ------------------------------------------------------------------------

# OWASP's advice: count only failures, forget them on success, and slow the guesser down rather than
# lock the owner out. A guesser at one account from one client is stopped after a few tries; one client
# trying many accounts (password spraying) is stopped as a whole; and an account guessed at from many
# clients is closed only to the clients that have failed at it, so its owner still logs in.
FAILURES_PER_ACCOUNT_AND_CLIENT = Limit(count=5, seconds=15 * 60)
FAILURES_PER_CLIENT = Limit(count=30, seconds=15 * 60)
FAILURES_PER_ACCOUNT = Limit(count=50, seconds=15 * 60)
_ONE_FAILURE = Limit(count=1, seconds=FAILURES_PER_ACCOUNT_AND_CLIENT.seconds)


class TooManyFailedLogins(TooManyRequests):
    def __init__(self, retry_after: int):
        super().__init__(
            retry_after,
            detail="Too many failed logins from this device. "
            "Please try again in {count} minute, or reset your password.",
            plural="Too many failed logins from this device. "
            "Please try again in {count} minutes, or reset your password.",
            count=max(1, -(-retry_after // 60)),  # whole minutes, rounded up
        )


@dataclass(frozen=True)
class FailedLogins:
    """Failed logins of one client, counted in the rate limiter per account, per client and per account
    and client. Addresses are kept only as keyed hashes. Unknown e-mail addresses are counted like known
    ones, so a refusal tells nothing about who has an account."""

    limiter: RateLimiter
    secret: str
    client: str

    def _account(self, email: str) -> str:
        return hmac.new(self.secret.encode(), normalize_email(email).encode(), hashlib.sha256).hexdigest()

    def _pair(self, email: str) -> str:
        return f"{self._account(email)}:{self.client}"

    async def ensure_may_try(self, email: str) -> None:
        """Before the password is even checked: a throttled client gets no answer about it, right or wrong."""
        pair, account = self._pair(email), self._account(email)
        for bucket, key, limit in (
            ("login-pair", pair, FAILURES_PER_ACCOUNT_AND_CLIENT),
            ("login-client", self.client, FAILURES_PER_CLIENT),
        ):
            if (retry_after := await self.limiter.over(bucket, key, limit)) is not None:
                raise TooManyFailedLogins(retry_after)
        under_attack = await self.limiter.over("login-account", account, FAILURES_PER_ACCOUNT)
        if under_attack is not None and await self.limiter.over("login-pair", pair, _ONE_FAILURE) is not None:
            raise TooManyFailedLogins(under_attack)

    async def failed(self, email: str) -> None:
        await self.limiter.hit("login-pair", self._pair(email), FAILURES_PER_ACCOUNT_AND_CLIENT)
        await self.limiter.hit("login-client", self.client, FAILURES_PER_CLIENT)
        await self.limiter.hit("login-account", self._account(email), FAILURES_PER_ACCOUNT)

    async def succeeded(self, email: str) -> None:
        await self.limiter.reset("login-pair", self._pair(email), FAILURES_PER_ACCOUNT_AND_CLIENT)


def failed_logins(settings: Settings, limiter: RateLimiter, client: str) -> FailedLogins | None:
    """The counts, on whenever the login rate limit (settings.rate_limit_login) is."""
    raw = settings.rate_limit_login
    if not raw or not raw.strip() or Limit.parse(raw).unlimited:
        return None
    return FailedLogins(limiter=limiter, secret=settings.secret_key, client=client)


async def log_in(
    session: AsyncSession,
    settings: Settings,
    email: str,
    password: str,
    failures: FailedLogins | None = None,
) -> TokenPair:
    if failures is not None:
        await failures.ensure_may_try(email)
    user = await session.scalar(select(StaffUser).where(StaffUser.email == normalize_email(email)))
    # The password is checked even for an unknown address or an invited person without a password,
    # so timing tells nothing.
    password_ok = verify_password(user.password_hash if user and has_password(user) else None, password)
    if user is None or not password_ok or not user.is_active:
        if failures is not None:
            await failures.failed(email)
        raise Unauthorized(_LOGIN_FAILED)
    if failures is not None:
        await failures.succeeded(email)
    await _ensure_city_active(session, user)
    user.last_login_at = utcnow()
    return await _issue_tokens(session, settings, user, await _start_session(session, user))


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
    login = await session.get(StaffSession, stored.family_id)
    if user is None or not user.is_active or login is None or login.ended_at is not None:
        raise Unauthorized("The refresh token is invalid or has expired. Please log in again.")
    await _ensure_city_active(session, user)
    # Spent atomically: of two requests racing with one token, only one may win.
    claimed = await session.execute(
        update(RefreshToken)
        .where(RefreshToken.id == stored.id, RefreshToken.used_at.is_(None), RefreshToken.revoked_at.is_(None))
        .values(used_at=now)
    )
    if claimed.rowcount != 1:
        await _refuse_reuse(session, stored.family_id)
    return await _issue_tokens(session, settings, user, login)


async def _ensure_city_active(session: AsyncSession, user: StaffUser) -> None:
    city = await session.get_one(Organization, user.organization_id)
    if not city.is_active:
        raise Unauthorized(
            "Your city's account on this platform is switched off. Please contact the platform's operator."
        )


async def _refuse_reuse(session: AsyncSession, family_id: uuid.UUID) -> NoReturn:
    # A spent token came back: someone holds a copy. End the whole login.
    await _revoke_family(session, family_id)
    refusal = Unauthorized("The refresh token was used already. Please log in again.")
    refusal.keep_changes = True
    raise refusal


async def log_out(session: AsyncSession, refresh_token: str) -> None:
    """Ends the login the refresh token belongs to, and with it every access token of that login at once."""
    stored = await session.scalar(
        select(RefreshToken).where(RefreshToken.token_hash == hash_secret_token(refresh_token))
    )
    if stored is not None:
        await _revoke_family(session, stored.family_id)


async def revoke_all_tokens(session: AsyncSession, user: StaffUser) -> None:
    """After a password change, a role change or deactivation: every login of the person ends at once,
    with all its access and refresh tokens, however recently they were issued."""
    now = utcnow()
    await session.execute(
        update(StaffSession)
        .where(StaffSession.user_id == user.id, StaffSession.ended_at.is_(None))
        .values(ended_at=now)
    )
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def _revoke_family(session: AsyncSession, family_id: uuid.UUID) -> None:
    now = utcnow()
    await session.execute(
        update(StaffSession).where(StaffSession.id == family_id, StaffSession.ended_at.is_(None)).values(ended_at=now)
    )
    await session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
    )


async def _start_session(session: AsyncSession, user: StaffUser) -> StaffSession:
    login = StaffSession(user_id=user.id)
    session.add(login)
    await session.flush()
    return login


async def _issue_tokens(session: AsyncSession, settings: Settings, user: StaffUser, login: StaffSession) -> TokenPair:
    access_token, expires_in = create_access_token(settings, user.id, user.organization_id, login.id)
    refresh_token = new_secret_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            token_hash=hash_secret_token(refresh_token),
            family_id=login.id,
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    await session.flush()
    return TokenPair(access_token=access_token, expires_in=expires_in, refresh_token=refresh_token)


# --- Passwords and mailed links ----------------------------------------------------------------------


async def change_password(
    session: AsyncSession,
    settings: Settings,
    caller: Caller,
    current_password: str,
    new_password: str,
    failures: FailedLogins | None = None,
) -> TokenPair:
    """The logged-in person's own password. Ends every login, including this one, and starts a new one."""
    user = caller.user
    if user is None:
        raise Forbidden("Only staff members have a password; an API client cannot change one.", slug="client-only")
    if failures is not None:
        await failures.ensure_may_try(user.email)
    if not verify_password(user.password_hash if has_password(user) else None, current_password):
        # A stolen access token must not become a way to guess the password.
        if failures is not None:
            await failures.failed(user.email)
        raise InvalidInput("The current password is wrong.", field="current_password", kind="password-wrong")
    if failures is not None:
        await failures.succeeded(user.email)
    if new_password == current_password:
        raise InvalidInput(
            "The new password must differ from the current one.", field="new_password", kind="password-same"
        )
    check_password(new_password, user.email, field="new_password")
    await _set_password(session, user, new_password)
    return await _issue_tokens(session, settings, user, await _start_session(session, user))


async def request_password_reset(session: AsyncSession, settings: Settings, email: str) -> None:
    """Mails a reset link if the address belongs to an active staff member; does nothing otherwise.
    The caller answers the same either way, so nobody learns who has an account."""
    user = await session.scalar(select(StaffUser).where(StaffUser.email == normalize_email(email)))
    if user is None or not user.is_active:
        return
    await send_link(session, settings, user, StaffTokenPurpose.password_reset)


async def reset_password(session: AsyncSession, token: str, password: str) -> StaffUser:
    user, stored = await _link_owner(session, token, StaffTokenPurpose.password_reset)
    if not user.is_active:
        raise InvalidInput(_LINK_INVALID, field="token", kind="link-invalid")
    check_password(password, user.email)
    await _spend(session, stored)
    await _set_password(session, user, password)
    return user


async def accept_invitation(session: AsyncSession, token: str, password: str) -> StaffUser:
    user, stored = await _link_owner(session, token, StaffTokenPurpose.invitation)
    if has_password(user):
        raise InvalidInput(_LINK_INVALID, field="token", kind="link-invalid")
    check_password(password, user.email)
    await _spend(session, stored)
    await _set_password(session, user, password)
    user.is_active = True
    await session.flush()
    return user


async def send_link(session: AsyncSession, settings: Settings, user: StaffUser, purpose: StaffTokenPurpose) -> None:
    """A new one-time link by mail. Only the newest link of a purpose works: earlier ones are spent."""
    now = utcnow()
    await spend_links(session, user, purpose)
    token = new_secret_token()
    expires_at = now + (INVITATION_VALID if purpose == StaffTokenPurpose.invitation else PASSWORD_RESET_VALID)
    session.add(
        StaffToken(user_id=user.id, purpose=purpose, token_hash=hash_secret_token(token), expires_at=expires_at)
    )
    await session.flush()
    link = secret_link(settings, f"/staff/{_LINK_PATHS[purpose]}", token)
    await staff_mail(session, settings, _LINK_MAILS[purpose], user, link, expires_at)


async def _link_owner(session: AsyncSession, token: str, purpose: StaffTokenPurpose) -> tuple[StaffUser, StaffToken]:
    stored = await session.scalar(select(StaffToken).where(StaffToken.token_hash == hash_secret_token(token)))
    if stored is None or stored.purpose != purpose or stored.used_at is not None or stored.expires_at <= utcnow():
        raise InvalidInput(_LINK_INVALID, field="token", kind="link-invalid")
    return await session.get_one(StaffUser, stored.user_id), stored


async def _spend(session: AsyncSession, stored: StaffToken) -> None:
    # Atomically: of two requests racing with one link, only one may set a password.
    claimed = await session.execute(
        update(StaffToken).where(StaffToken.id == stored.id, StaffToken.used_at.is_(None)).values(used_at=utcnow())
    )
    if claimed.rowcount != 1:
        raise InvalidInput(_LINK_INVALID, field="token", kind="link-invalid")


async def spend_links(session: AsyncSession, user: StaffUser, purpose: StaffTokenPurpose | None = None) -> None:
    """Voids the mailed links of a person not used yet (of one purpose, or all)."""
    stmt = update(StaffToken).where(StaffToken.user_id == user.id, StaffToken.used_at.is_(None))
    if purpose is not None:
        stmt = stmt.where(StaffToken.purpose == purpose)
    await session.execute(stmt.values(used_at=utcnow()))


async def _set_password(session: AsyncSession, user: StaffUser, password: str) -> None:
    """Every password change ends every login and every link still open."""
    user.password_hash = hash_password(password)
    await revoke_all_tokens(session, user)
    await spend_links(session, user)
    await session.flush()
