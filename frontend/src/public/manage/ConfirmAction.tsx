import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../../api/client";
import { problemMessage } from "../problems";

type ConfirmActionProps = {
  /** The button that starts it, e.g. "Cancel my registration". */
  start: string;
  /** The question asked before anything happens, e.g. "Do you really want to cancel?". */
  question: string;
  /** What happens, said before the person decides. */
  consequence?: string;
  confirm: string;
  keep: string;
  /** Does it; answers null when done or the problem when refused. */
  onConfirm: () => Promise<Problem | null>;
};

/**
 * An action that cannot be undone, in two steps: the first button asks, the second does it. The
 * question takes focus when it appears, and focus goes back to the first button when the person
 * keeps things as they are.
 */
export function ConfirmAction({ start, question, consequence, confirm, keep, onConfirm }: ConfirmActionProps) {
  const { t } = useTranslation("public");
  const [asking, setAsking] = useState(false);
  const [working, setWorking] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) box.current?.focus();
    else if (wasAsking.current) opener.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  async function go() {
    if (working) return;
    setWorking(true);
    const refused = await onConfirm();
    setWorking(false);
    setProblem(refused);
  }

  if (!asking) {
    return (
      <button type="button" className="danger" ref={opener} onClick={() => setAsking(true)}>
        {start}
      </button>
    );
  }
  return (
    <div className="notice warning confirm-step" tabIndex={-1} ref={box} role="group" aria-labelledby="confirm-question">
      <p id="confirm-question" className="strong">
        {question}
      </p>
      {consequence && <p>{consequence}</p>}
      {problem && (
        <p role="alert" className="error-message">
          <span aria-hidden="true">⚠ </span>
          {problemMessage(problem, t)}
        </p>
      )}
      <div className="button-row">
        <button type="button" className="danger" onClick={() => void go()} aria-disabled={working || undefined}>
          {confirm}
        </button>
        <button type="button" onClick={() => setAsking(false)}>
          {keep}
        </button>
      </div>
      {working && (
        <p role="status" className="hint">
          {t("common:loading")}
        </p>
      )}
    </div>
  );
}
