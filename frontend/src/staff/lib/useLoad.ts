import { type DependencyList, useCallback, useEffect, useState } from "react";
import type { Problem } from "../../api/client";
import { problemOf } from "./apiResult";

export type Loaded<T> =
  | { state: "loading"; data?: undefined; problem?: undefined }
  | { state: "failed"; data?: undefined; problem: Problem }
  | { state: "ready"; data: T; problem?: undefined };

/** Loads what a page shows; `reload` after a change. An answer that arrives after leaving is dropped. */
export function useLoad<T>(load: () => Promise<T>, deps: DependencyList): Loaded<T> & { reload: () => void; set: (data: T) => void } {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: "loading" });
  const [generation, setGeneration] = useState(0);
  // The loader is a new closure on every render; it is taken anew only when `deps` change.
  const stableLoad = useCallback(load, deps);
  useEffect(() => {
    let current = true;
    stableLoad().then(
      (data) => current && setLoaded({ state: "ready", data }),
      (error: unknown) => current && setLoaded({ state: "failed", problem: problemOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [stableLoad, generation]);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const set = useCallback((data: T) => setLoaded({ state: "ready", data }), []);
  return { ...loaded, reload, set };
}
