import type { Problem } from "../../api/client";
import { asProblem } from "../../api/problem";

/** An API answer that was not a success, carried as its problem+json. */
export class ApiProblem extends Error {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super(problem.detail ?? problem.title);
    this.problem = problem;
  }
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful answer; otherwise throws an ApiProblem (also for a failed network). */
export async function must<T>(call: Promise<Result<T>>): Promise<T> {
  let result: Result<T>;
  try {
    result = await call;
  } catch (error) {
    throw new ApiProblem(asProblem(error));
  }
  if (!result.response.ok) throw new ApiProblem(asProblem(result.error, result.response.status));
  return result.data as T;
}

export function problemOf(error: unknown): Problem {
  return error instanceof ApiProblem ? error.problem : asProblem(error);
}

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
