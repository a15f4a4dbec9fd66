// The one way a page loads what it shows: a discriminated union and one hook, for the public site and
// the staff console alike (no data library: it keeps the public entry small).
import { type DependencyList, useCallback, useEffect, useRef, useState, useSyncExternalStore } from "react";
import { getRequestLanguage, onRequestLanguage, type Problem } from "./client";
import { asProblem } from "./problem";

/**
 * What a page has of its data. The members name `data` and `problem` on every state (as undefined where
 * they are not), so `loading.data?.title` reads without narrowing first.
 */
export type Loading<T> =
  | { state: "loading"; data?: undefined; problem?: undefined }
  | { state: "failed"; data?: undefined; problem: Problem }
  | { state: "ready"; data: T; problem?: undefined };

export type LoadingOptions = {
  /**
   * Keep what is shown while a newer copy loads, instead of going back to "loading". The console wants
   * it: a list refreshed after an action, or grown by "show more", must not vanish under the person's
   * focus. A public page asks anew for a new address and shows "loading" meanwhile.
   */
  keepWhileLoading?: boolean;
};

/**
 * Loads when one of `deps` changes, and again on `reload`. A failure (thrown by `must`, or anything
 * else) becomes its problem. An answer that arrives after the deps changed is dropped, so a slow answer
 * for the previous page never shows on the next one. `replace` puts a newer copy in place (e.g. the
 * answer of a POST).
 *
 * When the reader chooses another language, the data is asked for again in that language (the API
 * answers the city's texts in it). What is shown stays meanwhile: a form half filled in keeps what
 * was typed, and the page does not go back to "loading" under the reader's eyes.
 */
export function useLoading<T>(
  load: () => Promise<T>,
  deps: DependencyList,
  { keepWhileLoading = false }: LoadingOptions = {},
): Loading<T> & { reload: () => void; replace: (data: T) => void } {
  const [loading, setLoading] = useState<Loading<T>>({ state: "loading" });
  const [round, setRound] = useState(0);
  const language = useSyncExternalStore(onRequestLanguage, getRequestLanguage, getRequestLanguage);
  const loadedIn = useRef(language);
  useEffect(() => {
    let current = true;
    const languageOnly = loadedIn.current !== language;
    loadedIn.current = language;
    if (!keepWhileLoading && !languageOnly) setLoading({ state: "loading" });
    load().then(
      (data) => current && setLoading({ state: "ready", data }),
      (error: unknown) => current && setLoading({ state: "failed", problem: asProblem(error) }),
    );
    return () => {
      current = false;
    };
    // `load` is a new closure on every render; the deps say when it means something else.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, round, language]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  const replace = useCallback((data: T) => setLoading({ state: "ready", data }), []);
  return { ...loading, reload, replace };
}
