"""Field types shared by every domain's API shapes."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

from api.config import API_PREFIX, Settings
from api.errors import InvalidInput

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 12, 31, tzinfo=UTC)


def printable(value: str) -> str:
    # PostgreSQL refuses NUL and unpaired surrogates; refuse them here rather than fail there.
    if "\x00" in value:
        raise PydanticCustomError("not-text", "must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError("not-text", "must be valid Unicode text") from exc
    return value


def Text(max_length: int, min_length: int = 1) -> Any:  # noqa: N802 - reads like a type
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=min_length, max_length=max_length),
        AfterValidator(printable),
    ]


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, min_length=2, max_length=80)]
# A BCP 47 tag such as "de", "pt-BR", or "de-x-ls" (Leichte Sprache, a private-use variant of German).
LanguageCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Z]{2})?(-x-[a-z]{2,3})?$", max_length=8)]


def _plausible_instant(value: datetime) -> datetime:
    probe = value if value.tzinfo else value.replace(tzinfo=UTC)
    if not EARLIEST <= probe <= LATEST:
        raise PydanticCustomError("out-of-range-date", "must lie between the years 2000 and 2100")
    return value


def _plausible_day(value: date) -> date:
    if not EARLIEST.date() <= value <= LATEST.date():
        raise PydanticCustomError("out-of-range-date", "must lie between the years 2000 and 2100")
    return value


# A point in time. Without an offset it is read in the organization's time zone.
Instant = Annotated[datetime, AfterValidator(_plausible_instant)]
Day = Annotated[date, AfterValidator(_plausible_day)]
Capacity = Annotated[int, Field(ge=1, le=100_000, description="Seats or places; at least one.")]


def untranslated_field() -> Any:
    """The `untranslated` of a public answer: which of its texts are shown in another language than asked
    for (the city's default, where nobody translated them), so a site can mark them with `lang`."""
    return Field(
        default_factory=dict,
        description="Texts shown in another language than the answer's Content-Language, by path (`title`, "
        "`guiding_principles.2`, `questions.<id>.label`, ...) → the language they are in. Empty when every "
        "text is in the language asked for; always empty in staff answers, which show the originals.",
    )


class LocalizedOut(BaseModel):
    """An answer whose instants are shown in the organization's time zone (``context={"tz": ...}``)."""

    model_config = ConfigDict(from_attributes=True)

    @model_validator(mode="after")
    def _to_local_time(self, info: ValidationInfo) -> LocalizedOut:
        tz_name = (info.context or {}).get("tz")
        if not tz_name:
            return self
        tz = ZoneInfo(tz_name)
        for name in type(self).model_fields:
            value = getattr(self, name)
            if isinstance(value, datetime) and value.tzinfo is not None:
                object.__setattr__(self, name, value.astimezone(tz))
        return self


def local_to_utc(value: datetime | None, tz_name: str) -> datetime | None:
    """Reads a naive input in the organization's time zone; aware inputs keep their offset."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(tz_name))
    return value.astimezone(UTC)


def values_of(create: BaseModel) -> dict[str, Any]:
    """The fields of a create request with the schema's defaults; fields left empty keep the table's defaults."""
    return {name: value for name, value in _plain_values(create, only_sent=False).items() if value is not None}


def changes_of(update: BaseModel, required: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a PATCH sent, as plain JSON values; null for a field that must have a value is refused."""
    changes = _plain_values(update, only_sent=True)
    for name in required:
        if name in changes and changes[name] is None:
            raise InvalidInput("This field cannot be emptied.", field=name, kind="cannot-be-emptied")
    return changes


def _plain_values(model: BaseModel, *, only_sent: bool) -> dict[str, Any]:
    as_json = model.model_dump(mode="json", exclude_unset=only_sent)
    as_python = model.model_dump(exclude_unset=only_sent)
    # Dates, instants and ids keep their Python types for their columns; the rest (URLs,
    # nested contacts) goes to JSON columns as plain JSON.
    return {
        name: as_python[name] if isinstance(as_python[name], date | uuid.UUID) else value
        for name, value in as_json.items()
    }


# The calendar links shown beside public resources: the same feed over https and as webcal:// (api.calendar).
class CalendarLinks(BaseModel):
    ics_url: str = Field(description="The iCalendar (RFC 5545) feed over http(s), for downloading or importing.")
    webcal_url: str = Field(description="The same feed as `webcal://`: calendar apps subscribe and keep it current.")

    @classmethod
    def of(cls, settings: Settings, path: str) -> CalendarLinks:
        url = f"{settings.public_base_url.rstrip('/')}{API_PREFIX}{path}"
        return cls(ics_url=url, webcal_url="webcal://" + url.split("://", 1)[1])
