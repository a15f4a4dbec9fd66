from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import Enum, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.db import Base, IdMixin, TimestampMixin
from api.translations.subjects import Translatable


class ProcessStatus(enum.StrEnum):
    draft = "draft"
    published = "published"
    archived = "archived"


class ConceptKind(enum.StrEnum):
    """A city's first integration concept, or an update (Fortschreibung) of an earlier one."""

    first = "first"
    update = "update"


class Process(IdMixin, TimestampMixin, Base):
    """A participation process (Beteiligungsprozess) that writes an integration concept."""

    __tablename__ = "processes"
    __table_args__ = (UniqueConstraint("organization_id", "slug"),)
    __translatable__ = Translatable(
        "process",
        (
            "title",
            "summary",
            "description",
            "funding_note",
            "guiding_principles[]",
            "fields_of_action[]",
            "links[].title",
        ),
        title="title",
        children="phases",
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str | None] = mapped_column(String(500))
    description: Mapped[str | None] = mapped_column(Text)
    status: Mapped[ProcessStatus] = mapped_column(
        Enum(ProcessStatus, name="process_status", native_enum=False, create_constraint=True, length=20),
        default=ProcessStatus.draft,
    )
    concept_kind: Mapped[ConceptKind] = mapped_column(
        Enum(ConceptKind, name="concept_kind", native_enum=False, create_constraint=True, length=20),
        default=ConceptKind.first,
    )
    previous_concept_year: Mapped[int | None]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    funding_note: Mapped[str | None] = mapped_column(String(500))
    moderating_partner: Mapped[str | None] = mapped_column(String(200))
    guiding_principles: Mapped[list[Any]] = mapped_column(default=list)
    fields_of_action: Mapped[list[Any]] = mapped_column(default=list)
    contacts: Mapped[list[Any]] = mapped_column(default=list)
    links: Mapped[list[Any]] = mapped_column(default=list)
    published_at: Mapped[datetime | None]

    phases: Mapped[list[Phase]] = relationship(
        back_populates="process", cascade="all, delete-orphan", order_by="Phase.starts_on", lazy="selectin"
    )


class Phase(IdMixin, TimestampMixin, Base):
    """A stage of the process (inventory, working groups, conference, drafting, council decision)."""

    __tablename__ = "phases"
    __translatable__ = Translatable("phase", ("name", "description"), title="name")

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    starts_on: Mapped[date]
    ends_on: Mapped[date]

    process: Mapped[Process] = relationship(back_populates="phases")
