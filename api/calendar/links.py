"""The calendar links shown beside public resources: the same feed over https and as webcal://."""

from __future__ import annotations

from pydantic import BaseModel, Field

from api.config import API_PREFIX, Settings


class CalendarLinks(BaseModel):
    ics_url: str = Field(description="The iCalendar (RFC 5545) feed over http(s), for downloading or importing.")
    webcal_url: str = Field(description="The same feed as `webcal://`: calendar apps subscribe and keep it current.")

    @classmethod
    def of(cls, settings: Settings, path: str) -> CalendarLinks:
        url = f"{settings.public_base_url.rstrip('/')}{API_PREFIX}{path}"
        return cls(ics_url=url, webcal_url="webcal://" + url.split("://", 1)[1])
