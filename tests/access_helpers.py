"""Callers for authorization tests: staff users with one role, and API keys with given scopes."""

from __future__ import annotations

import io
import uuid
from typing import Any

import httpx
from PIL import Image

from api.security import hash_password
from api.staff.models import RoleGrant, StaffRole, StaffUser
from tests.conftest import STAFF_PASSWORD, City, logged_in_token

_PASSWORD_HASH = hash_password(STAFF_PASSWORD)


async def staff_with_role(
    app: Any,
    city: City,
    role: StaffRole,
    *,
    process_id: str | uuid.UUID | None = None,
    group_id: str | uuid.UUID | None = None,
    email: str | None = None,
) -> tuple[uuid.UUID, dict[str, str]]:
    """A new staff member of `city` with one role (for a process or group where the role needs one):
    their id and the headers they send."""
    async with app.state.sessionmaker() as session:
        user = StaffUser(
            organization_id=city.organization.id,
            email=email or f"{role}-{uuid.uuid4().hex[:8]}@{city.slug}.example",
            full_name=f"{role} {city.slug}",
            password_hash=_PASSWORD_HASH,
        )
        session.add(user)
        await session.flush()
        session.add(
            RoleGrant(
                organization_id=city.organization.id,
                user_id=user.id,
                role=role,
                process_id=uuid.UUID(str(process_id)) if process_id else None,
                group_id=uuid.UUID(str(group_id)) if group_id else None,
            )
        )
        await session.commit()
        user_id = user.id
    token = await logged_in_token(app, user_id, city.organization.id)
    return user_id, {"Authorization": f"Bearer {token}"}


async def grant(
    app: Any,
    city: City,
    user_id: uuid.UUID,
    role: StaffRole,
    *,
    process_id: str | None = None,
    group_id: str | None = None,
) -> None:
    """One more role for an existing staff member."""
    async with app.state.sessionmaker() as session:
        session.add(
            RoleGrant(
                organization_id=city.organization.id,
                user_id=user_id,
                role=role,
                process_id=uuid.UUID(process_id) if process_id else None,
                group_id=uuid.UUID(group_id) if group_id else None,
            )
        )
        await session.commit()


async def api_key(
    client: httpx.AsyncClient, city: City, *scopes: str, name: str = "Stadt-CMS"
) -> tuple[dict[str, Any], dict[str, str]]:
    """A new API client of `city`, created by its admin: the answer (with the key) and the headers it sends."""
    response = await client.post("/staff/clients", json={"name": name, "scopes": list(scopes)}, headers=city.headers)
    assert response.status_code == 201, response.text
    created = response.json()
    return created, {"Authorization": f"Bearer {created['key']}"}


async def platform_operator(app: Any, city: City) -> uuid.UUID:
    """A platform operator's account in `city`, without any role in the city."""
    async with app.state.sessionmaker() as session:
        user = StaffUser(
            organization_id=city.organization.id,
            email=f"betrieb-{uuid.uuid4().hex[:8]}@{city.slug}.example",
            full_name="Plattform-Betrieb",
            password_hash=_PASSWORD_HASH,
            is_operator=True,
        )
        session.add(user)
        await session.commit()
        return user.id


def a_png(width: int = 40, height: int = 20, color: str = "#1D4F91") -> bytes:
    """A real PNG image, as a city's logo."""
    out = io.BytesIO()
    Image.new("RGB", (width, height), color).save(out, format="PNG")
    return out.getvalue()
