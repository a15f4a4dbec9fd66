"""The optimal allocation of applicants to groups, as a small integer program solved by HiGHS (through
SciPy's `milp`): a well-tested solver proves the optimum, where a hand-written heuristic would only hope
for it, and HiGHS answers the few hundred applicants of a city in milliseconds.

What "optimal" means, in this order (each matters more than everything after it together):

1. as many people as possible get a place in one of the groups they named;
2. each group's wanted composition is met as far as possible (a minimum per stakeholder category; soft,
   because the applicants may simply not include, say, anyone from the administration);
3. the choices people get are as high as possible: rank 1 costs 0, rank 2 costs 1, rank 3 costs 2, ...,
   summed over everyone. Two 2nd choices cost as much as a 1st and a 3rd: the most people get a high
   choice, rather than a few a 1st choice at the price of many a low one.

Each person gets at most one group; no group gets more people than it has free places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array


@dataclass(frozen=True)
class Applicant:
    key: Hashable
    category: str
    choices: Sequence[Hashable]  # group keys, the most wanted first; its position + 1 is the rank


@dataclass(frozen=True)
class Places:
    key: Hashable
    free: int | None  # None: no limit
    wanted: dict[str, int] = field(default_factory=dict)  # category -> how many more are wanted at least


@dataclass(frozen=True)
class Allocation:
    groups: dict[Hashable, Hashable | None]  # applicant key -> group key, or None for no place
    shortfall: dict[tuple[Hashable, str], int]  # (group, category) -> how many the wanted composition misses

    def rank_of(self, applicant: Applicant) -> int | None:
        chosen = self.groups.get(applicant.key)
        return None if chosen is None else list(applicant.choices).index(chosen) + 1


def rank_cost(rank: int) -> int:
    return rank - 1


def weights(applicants: Sequence[Applicant], places: Sequence[Places]) -> tuple[int, int]:
    """The cost of a missed composition place and of a person without a place: each larger than the most
    that everything of lower importance can add up to, so the objective ranks as the module says."""
    most_rank_cost = sum(rank_cost(len(a.choices)) for a in applicants)
    shortfall_cost = most_rank_cost + 1
    most_shortfall = sum(sum(p.wanted.values()) for p in places)
    unplaced_cost = shortfall_cost * most_shortfall + most_rank_cost + 1
    return shortfall_cost, unplaced_cost


def allocate(applicants: Sequence[Applicant], places: Sequence[Places]) -> Allocation:
    known = {p.key: p for p in places}
    pairs = [(a, g, rank) for a in applicants for rank, g in enumerate(a.choices, start=1) if g in known]
    wishes = [(p.key, category, need) for p in places for category, need in p.wanted.items() if need > 0]
    if not pairs:
        return Allocation({a.key: None for a in applicants}, {(g, c): need for g, c, need in wishes})
    shortfall_cost, unplaced_cost = weights(applicants, places)
    # Variables: one 0/1 per (person, named group), one 0/1 "no place" per person, one shortfall per wish.
    n_pairs, n_people = len(pairs), len(applicants)
    size = n_pairs + n_people + len(wishes)
    cost = np.concatenate(
        [
            [rank_cost(rank) for _, _, rank in pairs],
            np.full(n_people, unplaced_cost),
            np.full(len(wishes), shortfall_cost),
        ]
    )
    # The constraints as a sparse matrix: one row per person, per limited group and per wish, each
    # listing the variables it sums.
    columns_of_rows: list[list[int]] = []
    lower: list[float] = []
    upper: list[float] = []

    def require(columns: list[int], at_least: float, at_most: float) -> None:
        columns_of_rows.append(columns)
        lower.append(at_least)
        upper.append(at_most)

    by_person: dict[Hashable, list[int]] = defaultdict(list)
    by_group: dict[Hashable, list[int]] = defaultdict(list)
    by_group_and_category: dict[tuple[Hashable, str], list[int]] = defaultdict(list)
    for i, (a, g, _) in enumerate(pairs):
        by_person[a.key].append(i)
        by_group[g].append(i)
        by_group_and_category[(g, a.category)].append(i)
    for n, a in enumerate(applicants):  # one group or none
        require([*by_person[a.key], n_pairs + n], 1, 1)
    for p in places:  # no more than the free places
        if p.free is not None:
            require(by_group[p.key], -np.inf, p.free)
    for w, (group, category, need) in enumerate(wishes):  # the composition, or what it misses
        require([*by_group_and_category[(group, category)], n_pairs + n_people + w], need, np.inf)
    row_of = [r for r, columns in enumerate(columns_of_rows) for _ in columns]
    matrix = coo_array(
        (np.ones(len(row_of)), (row_of, [c for columns in columns_of_rows for c in columns])),
        shape=(len(columns_of_rows), size),
    )
    upper_bounds = np.concatenate([np.ones(n_pairs + n_people), [need for _, _, need in wishes]])
    result = milp(
        cost,
        constraints=LinearConstraint(matrix, lower, upper),
        integrality=np.ones(size),
        bounds=Bounds(np.zeros(size), upper_bounds),
    )
    if not result.success:  # cannot happen: "nobody gets a place" always satisfies every constraint
        raise RuntimeError(f"the allocation found no solution: {result.message}")
    chosen = np.round(result.x).astype(int)
    groups: dict[Hashable, Hashable | None] = {a.key: None for a in applicants}
    for i, (a, g, _) in enumerate(pairs):
        if chosen[i]:
            groups[a.key] = g
    shortfall = {(g, c): int(chosen[n_pairs + n_people + w]) for w, (g, c, _) in enumerate(wishes)}
    return Allocation(groups, {k: v for k, v in shortfall.items() if v})
