"""The periods "over time" is counted in: days for a short process, ISO weeks, or months for a long one,
each starting at local midnight in the city's time zone. The database only compares instants with
their UTC boundaries, which SQLite and PostgreSQL do alike (neither needs to know the time zone)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

_DAYS_AT_MOST = 62  # about two months of days still fit a chart
_WEEKS_AT_MOST = 160  # about three years of weeks


class PeriodUnit(enum.StrEnum):
    day = "day"
    week = "week"
    month = "month"


@dataclass(frozen=True)
class Period:
    label: str  # 2026-12-07, 2026-W50 or 2026-12
    starts_on: date
    starts_at: datetime  # local midnight of starts_on, in UTC


def periods_between(first: datetime, last: datetime, tz_name: str) -> tuple[PeriodUnit, list[Period]]:
    """The periods from the one holding `first` to the one holding `last`, and the one after (its start
    closes the last period)."""
    tz = ZoneInfo(tz_name)
    first_day, last_day = first.astimezone(tz).date(), last.astimezone(tz).date()
    span = (last_day - first_day).days
    if span <= _DAYS_AT_MOST:
        unit, day, step = PeriodUnit.day, first_day, _next_day
    elif span <= _WEEKS_AT_MOST * 7:
        unit, day, step = PeriodUnit.week, first_day - timedelta(days=first_day.weekday()), _next_week
    else:
        unit, day, step = PeriodUnit.month, first_day.replace(day=1), _next_month
    periods = []
    while True:
        periods.append(Period(_label(unit, day), day, datetime.combine(day, time(), tz).astimezone(UTC)))
        if day > last_day:
            return unit, periods
        day = step(day)


def _next_day(day: date) -> date:
    return day + timedelta(days=1)


def _next_week(day: date) -> date:
    return day + timedelta(days=7)


def _next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _label(unit: PeriodUnit, day: date) -> str:
    if unit == PeriodUnit.week:
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if unit == PeriodUnit.month:
        return f"{day.year}-{day.month:02d}"
    return day.isoformat()
