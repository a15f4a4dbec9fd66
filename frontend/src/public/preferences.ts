// The order of preference when a person applies to several working groups at once. Pure functions,
// so the rules (at most five, each once, moving up and down) are tested without a browser.

/** The API takes at most five groups per application. */
export const MAX_PREFERENCES = 5;

/** Adds the group at the end (the least wanted so far) or removes it; the others keep their order. */
export function toggleGroup(order: readonly string[], groupId: string, max = MAX_PREFERENCES): string[] {
  if (order.includes(groupId)) return order.filter((id) => id !== groupId);
  if (order.length >= max) return [...order];
  return [...order, groupId];
}

/** Moves one group up (-1) or down (+1); at the top or bottom nothing changes. */
export function moveGroup(order: readonly string[], groupId: string, step: -1 | 1): string[] {
  const from = order.indexOf(groupId);
  const to = from + step;
  if (from < 0 || to < 0 || to >= order.length) return [...order];
  const moved = [...order];
  [moved[from], moved[to]] = [moved[to], moved[from]];
  return moved;
}

/** 1-based position, as people count it ("position 2 of 3"); 0 when not chosen. */
export function positionOf(order: readonly string[], groupId: string): number {
  return order.indexOf(groupId) + 1;
}
