// Its own module, not in outcome.ts: only the staff console pages through lists, and the public entry
// should not carry it.
type PageOf<T> = { items: T[]; next_cursor?: string | null };

/** Every item of a cursor-paged list (the check-in list and menus need them all, not 20). */
export async function allPages<T>(load: (cursor: string | undefined) => Promise<PageOf<T>>, maxPages = 50): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const answer = await load(cursor);
    items.push(...answer.items);
    if (!answer.next_cursor) break;
    cursor = answer.next_cursor;
  }
  return items;
}
