from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from pydantic import BaseModel, Field

from api.events.models import EventStatus
from api.schemas import LocalizedOut
from api.statistics.periods import PeriodUnit


class Table(enum.StrEnum):
    """The tables of the statistics, each downloadable as CSV."""

    over_time = "over_time"
    events = "events"
    groups = "groups"
    channel = "channel"
    category = "category"
    language = "language"
    district = "district"


class Cell(BaseModel):
    value: str | None = Field(
        description="The channel, stakeholder category, language code or district; null: the person did not say."
    )
    count: int | None = Field(
        description="null when hidden: fewer than 5, or hidden so that no small cell can be worked out."
    )
    suppressed: bool


class Breakdown(BaseModel):
    total: int | None = Field(description="null when 1 to 4 in all.")
    cells: list[Cell] = Field(description="In a fixed order, never by size; values nobody has are left out.")


class PeriodCount(BaseModel):
    period: str = Field(description="The day (2026-12-07), ISO week (2026-W50) or month (2026-12).")
    starts_on: date = Field(description="The period's first day in the city's time zone.")
    sign_ups: int
    new_members: int


class OverTime(BaseModel):
    unit: PeriodUnit
    periods: list[PeriodCount]


class EventReach(LocalizedOut):
    event_id: uuid.UUID
    title: str
    starts_at: datetime
    status: EventStatus
    sign_ups: int = Field(description="Confirmed sign-ups, whether the person then came or not.")
    attended: int = Field(description="Checked in.")
    no_show: int = Field(description="Confirmed but did not come.")
    waitlisted: int


class GroupReach(BaseModel):
    group_id: uuid.UUID
    name: str
    members: int
    applied: int = Field(description="Applications waiting for a decision.")
    waitlisted: int


class Statistics(BaseModel):
    """The reach of a process, or of all the city's processes.

    Small cells are hidden where people are broken down by channel, category, language or district: a
    count below `threshold` is null, and so many of the next smallest counts with it that at least two
    are hidden and they hold `threshold` or more between them, so no hidden count can be worked out from
    the total; a breakdown of fewer than `threshold` in all hides its total too. Cells keep a fixed
    order. The totals by event, group and period are exact: they describe events, not people."""

    process_id: uuid.UUID | None = Field(description="null: all the city's processes.")
    threshold: int = Field(description="Cells broken down by a personal attribute below this are hidden.")
    people: int | None = Field(
        description="Distinct people who took part: a confirmed or attended sign-up, or a group membership. "
        "null when 1 to threshold - 1."
    )
    sign_ups: int = Field(description="Confirmed sign-ups for events (attended and no-shows included).")
    members: int = Field(description="Memberships in groups.")
    over_time: OverTime
    events: list[EventReach]
    groups: list[GroupReach]
    by_channel: Breakdown = Field(description="Sign-ups and memberships by the channel they came through.")
    by_category: Breakdown = Field(description="People who took part, by stakeholder category.")
    by_language: Breakdown = Field(description="People who took part, by preferred language.")
    by_district: Breakdown = Field(description="People who took part, by district; null: not given.")


class PublicReach(BaseModel):
    """What a process reached so far, as anyone may see it: no personal data."""

    participants: int = Field(description="Distinct people with a confirmed or attended sign-up or a membership.")
    events_held: int = Field(description="Published events that have ended (cancelled ones not counted).")
    groups: int = Field(description="Published thematic groups.")
