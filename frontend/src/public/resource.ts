// Loading API data for a page: one small hook instead of a data library (keeps the public entry small).
import { useCallback, useEffect, useState } from "react";
import type { Problem } from "../api/client";
import { asProblem } from "../api/problem";

/** What openapi-fetch answers: data on success, the problem+json body on failure. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

export type Outcome<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** An API call as data or a problem; a network failure becomes a made-up problem (status 0). */
export async function settle<T>(request: Promise<Answer<T>>): Promise<Outcome<T>> {
  try {
    const { data, error, response } = await request;
    if (response.ok && data !== undefined) return { ok: true, data };
    return { ok: false, problem: asProblem(error, response.status) };
  } catch {
    return { ok: false, problem: asProblem(null) };
  }
}

/** A 404, or a 422 about the address itself (an id that is no UUID, a token of the wrong shape). */
export function isNotFound(problem: Problem): boolean {
  if (problem.status === 404) return true;
  const errors = problem.errors ?? [];
  return problem.status === 422 && errors.length > 0 && errors.every((error) => error.location === "path");
}

export type Resource<T> = { state: "loading" } | { state: "failed"; problem: Problem } | { state: "ready"; data: T };

/**
 * Loads whenever `key` changes. An answer that arrives after the key changed is dropped, so a slow
 * answer for the previous page never shows on the next one. `replace` puts a newer copy in place
 * (e.g. the answer of a POST); `reload` fetches again.
 */
export function useResource<T>(
  load: () => Promise<Outcome<T>>,
  key: string,
): { resource: Resource<T>; replace: (data: T) => void; reload: () => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setResource({ state: "loading" });
    void load().then((outcome) => {
      if (!current) return;
      setResource(outcome.ok ? { state: "ready", data: outcome.data } : { state: "failed", problem: outcome.problem });
    });
    return () => {
      current = false;
    };
    // `load` is a new function on every render; the key says when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const replace = useCallback((data: T) => setResource({ state: "ready", data }), []);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { resource, replace, reload };
}
