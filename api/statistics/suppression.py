"""Hiding small cells of a table broken down by a personal attribute, so that nobody can be singled out.

Primary suppression: a cell with fewer than `THRESHOLD` people is not shown. Secondary suppression: the
table's total is known (it is the number of people, or the sum of another table), so a single hidden
cell would be the total minus the shown ones, and hidden cells that add up to fewer than `THRESHOLD`
would single out people together; so the smallest shown cells are hidden as well until at least two
cells are hidden and they hold `THRESHOLD` or more people between them. A table with one to
`THRESHOLD - 1` people in all shows neither cells nor total (a zero singles out nobody). Cells keep a
fixed order (never by size), so their order does not tell which hidden cell is larger.

Known limit: the city's figures and a process's are each protected on their own; where the same people
are in both, subtracting one from the other is not prevented. Whoever reads the statistics holds
people:read and may see the lists themselves: the hiding protects the reports made from them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

THRESHOLD = 5


@dataclass(frozen=True)
class Shown:
    value: str | None
    count: int | None  # None: hidden

    @property
    def suppressed(self) -> bool:
        return self.count is None


def suppress(counts: Mapping[str | None, int], order: Sequence[str | None]) -> tuple[list[Shown], int | None]:
    """The cells in `order` (values without people left out) and the total, with small numbers hidden."""
    present = [value for value in order if counts.get(value, 0) > 0]
    total = sum(counts[value] for value in present)
    if 0 < total < THRESHOLD:
        return [Shown(value, None) for value in present], None
    hidden = {value for value in present if counts[value] < THRESHOLD}
    while hidden and (len(hidden) == 1 or sum(counts[value] for value in hidden) < THRESHOLD):
        shown = [value for value in present if value not in hidden]
        hidden.add(min(shown, key=lambda value: counts[value]))
    return [Shown(value, None if value in hidden else counts[value]) for value in present], total
