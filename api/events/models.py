from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Enum, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from api.db import Base, IdMixin, TimestampMixin, utcnow
from api.translations.subjects import Translatable


class EventKind(enum.StrEnum):
    kickoff = "kickoff"
    conference = "conference"
    workshop = "workshop"
    group_meeting = "group_meeting"
    citizen_dialogue = "citizen_dialogue"
    information_evening = "information_evening"


class EventFormat(enum.StrEnum):
    in_person = "in_person"
    online = "online"
    hybrid = "hybrid"


class EventStatus(enum.StrEnum):
    draft = "draft"
    published = "published"
    cancelled = "cancelled"
    postponed = "postponed"


class QuestionKind(enum.StrEnum):
    text = "text"
    choice = "choice"
    multi_choice = "multi_choice"
    yes_no = "yes_no"


# Statuses the public may see: a cancelled or postponed event stays listed, marked as such.
PUBLIC_EVENT_STATUSES = (EventStatus.published, EventStatus.cancelled, EventStatus.postponed)


class Event(IdMixin, TimestampMixin, Base):
    """A dated meeting of the process: kickoff, conference, workshop or a group's meeting."""

    __tablename__ = "events"
    __translatable__ = Translatable(
        "event",
        ("title", "description", "venue_notes", "status_reason", "questions[id].label", "questions[id].options[]"),
        title="title",
        # A sign-up answer names the option as the city wrote it; the reader sees it as an option label.
        kept=(("questions", "options", "option_labels"),),
    )
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("capacity IS NULL OR seats_taken <= capacity", name="never_overbooked"),
        Index("ix_events_org_status_starts", "organization_id", "status", "starts_at"),
    )

    organization_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"), index=True)
    process_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("processes.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("thematic_groups.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[EventKind] = mapped_column(
        Enum(EventKind, name="event_kind", native_enum=False, create_constraint=True, length=30)
    )
    format: Mapped[EventFormat] = mapped_column(
        Enum(EventFormat, name="event_format", native_enum=False, create_constraint=True, length=20)
    )
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    timezone: Mapped[str] = mapped_column(String(64))

    venue_name: Mapped[str | None] = mapped_column(String(200))
    venue_address: Mapped[str | None] = mapped_column(String(300))
    venue_room: Mapped[str | None] = mapped_column(String(200))
    venue_step_free: Mapped[bool | None]
    venue_notes: Mapped[str | None] = mapped_column(String(1000))

    # Online access details: only ever sent to confirmed registrants, never in a public answer.
    online_join_url: Mapped[str | None] = mapped_column(String(1000))
    online_meeting_id: Mapped[str | None] = mapped_column(String(100))
    online_passcode: Mapped[str | None] = mapped_column(String(100))
    online_dial_in: Mapped[str | None] = mapped_column(String(300))

    capacity: Mapped[int | None]
    # Confirmed and held seats. Kept as a counter so a sign-up can take a seat with one
    # conditional UPDATE, which no concurrent sign-up can overtake.
    seats_taken: Mapped[int] = mapped_column(default=0)
    registration_opens_at: Mapped[datetime | None]
    registration_closes_at: Mapped[datetime | None]
    waitlist_enabled: Mapped[bool] = mapped_column(default=False)
    invitation_only: Mapped[bool] = mapped_column(default=False)
    languages: Mapped[list[Any]] = mapped_column(default=list)
    interpretation: Mapped[list[Any]] = mapped_column(default=list)
    childcare: Mapped[bool] = mapped_column(default=False)
    # Extra questions asked at sign-up (see events.schemas.Question); answers are checked against them.
    questions: Mapped[list[Any]] = mapped_column(default=list, server_default=text("'[]'"))

    status: Mapped[EventStatus] = mapped_column(
        Enum(EventStatus, name="event_status", native_enum=False, create_constraint=True, length=20),
        default=EventStatus.draft,
    )
    status_reason: Mapped[str | None] = mapped_column(String(1000))
    published_at: Mapped[datetime | None]
    # iCalendar SEQUENCE: raised with every change after publication, so calendars replace their copy.
    sequence: Mapped[int] = mapped_column(default=0, server_default="0")

    @property
    def seats_left(self) -> int | None:
        """Exactly what is free now: what sign-up goes by, and what staff see."""
        return None if self.capacity is None else max(self.capacity - self.seats_taken, 0)

    @property
    def public_seats_left(self) -> int | None:
        """What residents see: seats held for unconfirmed sign-ups count as free. Otherwise anyone could tell
        whether an address is signed up, by signing it up and watching the count (a known address leaves it
        as it is, a new one lowers it); confirming takes the mailbox, which a prober lacks. Needs
        `unconfirmed_holds`, set by events.service.count_unconfirmed; without it, the exact count."""
        held = getattr(self, "unconfirmed_holds", None)
        if self.capacity is None or held is None:
            return self.seats_left
        return max(self.capacity - self.seats_taken + held, 0)

    @property
    def registration_open(self) -> bool:
        """Public sign-up is possible now: published, window open, not yet begun."""
        now = utcnow()
        if self.status != EventStatus.published or self.invitation_only or now >= self.starts_at:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        return not (self.registration_closes_at and now >= self.registration_closes_at)
