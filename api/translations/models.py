from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, utcnow


class Translation(IdMixin, Base):
    """One text of one object in one language other than the city's default, e.g. the Turkish title of
    an event. A row per text (not a column per language), so a city adds a language without a migration.

    `source_digest` fingerprints the original the translator saw: when the original changes, the
    translation is shown as out of date until someone looks at it again.
    """

    __tablename__ = "translations"
    __table_args__ = (
        UniqueConstraint("subject", "subject_id", "field", "language"),
        Index("ix_translations_lookup", "organization_id", "language", "subject_id"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    subject: Mapped[str] = mapped_column(String(30))  # process, phase, group, event, organization, privacy_notice
    subject_id: Mapped[uuid.UUID]
    field: Mapped[str] = mapped_column(String(120))  # a path: title, guiding_principles.2, questions.x.label
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    source_digest: Mapped[str] = mapped_column(String(16))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("staff_users.id", ondelete="SET NULL"))
