// What an API call came to: its data, or its problem. Two ways to ask, for two kinds of callers:
// `settle` for a form that shows the refusal itself, `must` for loaders that let the refusal end the
// whole load (useLoading and useSubmit turn what was thrown back into a problem with `asProblem`).
import type { Problem } from "./client";
import { asProblem } from "./problem";

/** What openapi-fetch answers: data on success, the problem+json body on failure. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/**
 * The data of a successful answer; otherwise throws the Problem itself (a made-up one for a failed
 * network). No Error class around it: whoever catches gets the problem back with `asProblem`, which
 * passes a problem through unchanged and keeps the public entry small.
 */
export async function must<T>(request: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await request;
  } catch (error) {
    throw asProblem(error);
  }
  if (!answer.response.ok) throw asProblem(answer.error, answer.response.status);
  return answer.data as T;
}

/** An API call as data or a problem; never throws. */
export async function settle<T>(request: Promise<Answer<T>>): Promise<Outcome<T>> {
  try {
    return { ok: true, data: await must(request) };
  } catch (error) {
    return { ok: false, problem: asProblem(error) };
  }
}
