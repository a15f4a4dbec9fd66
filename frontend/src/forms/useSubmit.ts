import { useCallback, useRef, useState } from "react";
import type { Problem } from "../api/client";
import { asProblem } from "../api/problem";

/**
 * One form's sending state: `run` sends, keeps the problem of a refusal and ignores a second click
 * while the first request is on its way (a double tap must not sign a person up twice).
 */
export function useSubmit() {
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const busy = useRef(false);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | undefined> => {
    if (busy.current) return undefined;
    busy.current = true;
    setSubmitting(true);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      setProblem(asProblem(error));
      return undefined;
    } finally {
      busy.current = false;
      setSubmitting(false);
    }
  }, []);
  return { submitting, problem, setProblem, run };
}
