"""How much data a run loads and how hard it pushes: the quick mode for development, the full mode."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any


@dataclass(frozen=True)
class DataSize:
    """One data set. Every process has the same shape at every size (10 processes a city, 40 events a
    process), so a city's pages look alike and only the amount of data around them grows."""

    name: str
    cities: int
    processes: int
    events: int
    registrations: int
    big_event: int  # registrations of the busy city's big event (the staff list and the CSV export)
    rush_events: int = 0  # fresh events for the sign-up rush: one for the warm-up, one per repeat (set by the run)
    rush_capacity: int = 300

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Load:
    """How each measurement drives the servers."""

    duration_s: int
    warmup_s: int
    repeats: int  # each scenario runs ceiling, API, ceiling, API …; the median is reported
    read_connections: int
    staff_connections: int
    csv_connections: int
    rush_signups: int
    rush_connections: int
    workers: int = 2


@dataclass(frozen=True)
class Mode:
    name: str
    small: DataSize
    large: DataSize
    load: Load

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "small": self.small.as_dict(),
            "large": self.large.as_dict(),
            "load": asdict(self.load),
        }


SMALL = DataSize("small", cities=5, processes=50, events=2_000, registrations=10_000, big_event=1_000)

FULL = Mode(
    name="full",
    small=SMALL,
    large=DataSize("large", cities=50, processes=500, events=20_000, registrations=1_000_000, big_event=10_000),
    load=Load(
        duration_s=10,
        warmup_s=3,
        repeats=3,
        read_connections=32,
        staff_connections=16,
        csv_connections=4,
        rush_signups=3_000,
        rush_connections=200,
    ),
)

QUICK = Mode(
    name="quick",
    small=SMALL,
    large=DataSize("large", cities=20, processes=200, events=8_000, registrations=100_000, big_event=10_000),
    load=Load(
        duration_s=4,
        warmup_s=1,
        repeats=2,
        read_connections=32,
        staff_connections=16,
        csv_connections=4,
        rush_signups=1_500,
        rush_connections=100,
    ),
)

MODES = {mode.name: mode for mode in (QUICK, FULL)}


def with_overrides(mode: Mode, **load: int) -> Mode:
    """A mode with some load settings changed from the command line."""
    given = {name: value for name, value in load.items() if value is not None}
    return replace(mode, load=replace(mode.load, **given)) if given else mode
