"""The city's logo: an uploaded PNG, JPEG or WebP, checked by decoding it and kept as a small PNG.

Re-encoding means the site never serves what was uploaded: no hidden payload, no camera metadata
(location, device), and no format a browser might sniff as something else. SVG is not accepted, since
an SVG can carry script.
"""

from __future__ import annotations

import hashlib
import io
import warnings

from PIL import Image, UnidentifiedImageError
from sqlalchemy.ext.asyncio import AsyncSession

from api.db import utcnow
from api.errors import DomainError, InvalidInput
from api.organizations.models import Organization, OrganizationLogo

ACCEPTED = {"image/png": "PNG", "image/jpeg": "JPEG", "image/webp": "WEBP"}
MAX_LOGO_BYTES = 512 * 1024
# Larger logos are scaled down: the site shows it at most a few hundred pixels wide.
MAX_SIDE = 512
# Decoding an image of more pixels than this is refused: a small file can unpack to gigabytes.
MAX_PIXELS = 20_000_000


class UnsupportedLogo(DomainError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


async def store(session: AsyncSession, organization: Organization, content_type: str, data: bytes) -> None:
    png = _as_png(content_type, data)
    logo = await session.get(OrganizationLogo, organization.id)
    if logo is None:
        logo = OrganizationLogo(organization_id=organization.id, content_type="image/png", data=png)
        session.add(logo)
    else:
        logo.data, logo.updated_at = png, utcnow()
    organization.logo_version = hashlib.sha256(png).hexdigest()[:12]
    await session.flush()


async def remove(session: AsyncSession, organization: Organization) -> None:
    logo = await session.get(OrganizationLogo, organization.id)
    if logo is not None:
        await session.delete(logo)
    organization.logo_version = None
    await session.flush()


async def of(session: AsyncSession, organization: Organization) -> OrganizationLogo | None:
    return await session.get(OrganizationLogo, organization.id)


def _as_png(content_type: str, data: bytes) -> bytes:
    kind = content_type.split(";")[0].strip().lower()
    if kind not in ACCEPTED:
        raise UnsupportedLogo("A logo must be a PNG, JPEG or WebP image.")
    if not data:
        raise InvalidInput("The image is empty.", field="logo", kind="required")
    if len(data) > MAX_LOGO_BYTES:
        limit = MAX_LOGO_BYTES // 1024
        raise InvalidInput(
            "A logo may be at most {limit} KB.",
            params={"limit": limit},
            field="logo",
            kind="file-too-large",
            limit=limit,
        )
    image = _decoded(data, ACCEPTED[kind])
    image.thumbnail((MAX_SIDE, MAX_SIDE))
    if image.mode not in ("RGB", "RGBA", "L", "LA"):
        image = image.convert("RGBA")
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _decoded(data: bytes, expected_format: str) -> Image.Image:
    unreadable = InvalidInput(
        "This file is not a readable image of the type it claims to be.", field="logo", kind="not-an-image"
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[expected_format])
            if image.width * image.height > MAX_PIXELS:
                raise unreadable
            image.load()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning):
        raise unreadable from None
    return image
