"""The shapes of the public pages that bring several domains together."""

from __future__ import annotations

from pydantic import Field

from api.events.schemas import EventSummaryPublic
from api.groups.schemas import GroupSummaryPublic
from api.participants.models import StakeholderCategory
from api.processes.schemas import Contact, Link, PhaseOut, ProcessSummaryPublic
from api.schemas import CalendarLinks
from api.statistics.schemas import PublicReach


class ProcessPublic(ProcessSummaryPublic):
    calendar: CalendarLinks | None = Field(default=None, description="The process's public events as a feed.")
    description: str | None
    funding_note: str | None
    moderating_partner: str | None
    guiding_principles: list[str]
    fields_of_action: list[str]
    contacts: list[Contact]
    links: list[Link]
    phases: list[PhaseOut]
    groups: list[GroupSummaryPublic] = Field(default_factory=list)
    upcoming_events: list[EventSummaryPublic] = Field(
        default_factory=list, description="The next published events, at most 50."
    )
    reach: PublicReach = Field(
        default_factory=lambda: PublicReach(participants=0, events_held=0, groups=0),
        description="How many people took part so far, events held and groups: totals only.",
    )


class GroupPublic(GroupSummaryPublic):
    calendar: CalendarLinks | None = Field(default=None, description="The group's meetings as a feed.")
    description: str | None
    wanted_composition: list[StakeholderCategory]
    meetings: list[EventSummaryPublic] = Field(default_factory=list)
