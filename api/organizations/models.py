from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow
from api.translations.subjects import Translatable


class Organization(IdMixin, TimestampMixin, Base):
    """A city or district (Kommune): the tenant every other row belongs to."""

    __tablename__ = "organizations"
    __translatable__ = Translatable("organization", ("office_name",), title="name")

    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    office_name: Mapped[str | None] = mapped_column(String(200))
    contact_email: Mapped[str | None] = mapped_column(String(254))
    contact_phone: Mapped[str | None] = mapped_column(String(50))
    address: Mapped[str | None] = mapped_column(String(300))
    website: Mapped[str | None] = mapped_column(String(500))
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Berlin")
    default_language: Mapped[str] = mapped_column(String(8), default="de")
    cors_origins: Mapped[list[Any]] = mapped_column(default=list)
    # Personal data of past events and closed groups is erased this many months after the process ends.
    retention_months: Mapped[int] = mapped_column(default=6, server_default="6")
    # The languages the city's site offers residents, the city's default first.
    languages: Mapped[list[Any]] = mapped_column(default=lambda: ["de"], server_default='["de"]')
    # The districts (Stadtteile) measures and events can be placed in, in the city's own words.
    districts: Mapped[list[Any]] = mapped_column(default=list, server_default="[]")
    # "#RRGGBB" for the site's header and buttons; checked for contrast against white text when set.
    brand_color: Mapped[str | None] = mapped_column(String(7))
    # Changes with every new logo, so the logo's address changes too and caches may keep it for long.
    logo_version: Mapped[str | None] = mapped_column(String(16))
    # A platform operator can switch a city off: its site, staff logins and API keys stop working.
    is_active: Mapped[bool] = mapped_column(default=True, server_default="true")


class OrganizationLogo(Base):
    """The city's logo as re-encoded PNG; a table of its own so loading a city never loads the image."""

    __tablename__ = "organization_logos"

    organization_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("organizations.id", ondelete="CASCADE"), primary_key=True
    )
    content_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class PrivacyNotice(IdMixin, Base):
    """A version of the organization's privacy notice (Datenschutzhinweis); consents point at one."""

    __tablename__ = "privacy_notices"
    __translatable__ = Translatable("privacy_notice", ("text",), title="version")
    __table_args__ = (UniqueConstraint("organization_id", "version"),)

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    url: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    effective_at: Mapped[datetime] = mapped_column(default=utcnow)
