import { useCallback, useState } from "react";

type Refusal = { message: string | null; fields: Record<string, string>; attempt: number };

/**
 * What a form's error summary shows after a refused submit, whether the browser's own check or the
 * API refused it. `attempt` changes with every refusal, so the summary takes focus again even when the
 * errors are the same as last time (pass it as ErrorSummary's focusKey).
 */
export function useRefusal() {
  const [refusal, setRefusal] = useState<Refusal>({ message: null, fields: {}, attempt: 0 });
  const refuse = useCallback(
    (message: string | null, fields: Record<string, string>) =>
      setRefusal((before) => ({ message, fields, attempt: before.attempt + 1 })),
    [],
  );
  return { ...refusal, refuse };
}
