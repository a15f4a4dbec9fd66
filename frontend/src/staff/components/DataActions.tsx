// Actions of the data pages: a button that does one thing, and a confirm step that first says in plain
// words what will happen. Refusals are worded in the console's language (lib/dataProblems.ts).
import "../data.css";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../../api/client";
import type { Loading } from "../../api/loading";
import { Field } from "../../forms/Field";
import { InlineErrors } from "../../forms/InlineErrors";
import { useSubmit } from "../../forms/useSubmit";
import { dataFormErrors, dataProblemText } from "../lib/dataProblems";

function DataError({ problem, conflict }: { problem: Problem | null; conflict?: string }) {
  const { t } = useTranslation("staffData");
  if (!problem) return null;
  return (
    <p className="error-message" role="alert">
      <span aria-hidden="true">⚠ </span>
      {dataProblemText(problem, t, conflict)}
    </p>
  );
}

type DataButtonProps = {
  children: ReactNode;
  onAction: () => Promise<unknown>;
  className?: string;
  /** The accessible name when the text alone is ambiguous in a list ("Send again: event published, …"). */
  label?: string;
  /** The sentence for a 409 refusal of this action. */
  conflict?: string;
};

/** One click, one request: disabled while it runs, a refusal shown beside it. */
export function DataButton({ children, onAction, className, label, conflict }: DataButtonProps) {
  const { submitting, problem, run } = useSubmit();
  return (
    <span className="action">
      <button type="button" className={className} disabled={submitting} aria-label={label} onClick={() => void run(onAction)}>
        {children}
      </button>
      <DataError problem={problem} conflict={conflict} />
    </span>
  );
}

type ConfirmStepProps = {
  /** The button that opens the step. */
  open: string;
  openLabel?: string;
  /** The step's heading, a question: "Delete this webhook?" */
  title: string;
  /** What happens, in plain words. */
  children: ReactNode;
  /** The button that does it. */
  confirm: string;
  onConfirm: (reason: string) => Promise<unknown>;
  danger?: boolean;
  /** A required reason (e.g. how an erasure request reached the city). */
  reason?: { label: string; hint?: string };
  conflict?: string;
};

/**
 * A step between the button and what cannot be undone: a panel opens below the button with the
 * consequences and two buttons, focus goes to it, "Cancel" returns focus to the opener.
 */
export function ConfirmStep({ open, openLabel, title, children, confirm, onConfirm, danger, reason, conflict }: ConfirmStepProps) {
  const { t } = useTranslation("staffData");
  const [expanded, setExpanded] = useState(false);
  const [text, setText] = useState("");
  const { submitting, problem, setProblem, run } = useSubmit();
  const uid = useId().replace(/[^a-zA-Z0-9]/g, "");
  const panelId = `confirm-${uid}`;
  const fieldName = `reason-${uid}`;
  const opener = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (expanded) panel.current?.focus();
  }, [expanded]);
  const errors = dataFormErrors(problem, t, "confirm", ["reason"], {}, conflict);
  // The summary links to the reason field by its id on this page.
  const summary = { message: errors.message, fields: errors.fields.reason ? { [fieldName]: errors.fields.reason } : {} };
  const close = () => {
    setExpanded(false);
    setProblem(null);
    opener.current?.focus();
  };
  return (
    <div className="confirm-step">
      <button
        type="button"
        ref={opener}
        className={danger ? "danger" : undefined}
        aria-expanded={expanded}
        aria-controls={panelId}
        aria-label={openLabel}
        onClick={() => (expanded ? close() : setExpanded(true))}
      >
        {open}
      </button>
      <div id={panelId} hidden={!expanded} className="reason-panel confirm-panel" ref={panel} tabIndex={-1} aria-labelledby={`${panelId}-title`}>
        {expanded && (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                await onConfirm(text.trim());
                setExpanded(false);
                setText("");
              });
            }}
          >
            <h3 id={`${panelId}-title`}>{title}</h3>
            {children}
            {reason && (
              <Field name={fieldName} label={reason.label} hint={reason.hint} error={errors.fields.reason} required>
                {(control) => <textarea {...control} rows={2} value={text} onChange={(e) => setText(e.target.value)} />}
              </Field>
            )}
            <InlineErrors errors={summary} labels={{ [fieldName]: reason?.label ?? "" }} />
            <div className="button-row">
              <button type="submit" className={danger ? "danger" : "primary"} disabled={submitting}>
                {confirm}
              </button>
              <button type="button" onClick={close}>
                {t("actions.cancel")}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}

/** "Loading" or the translated problem until the data is there, then the page itself. */
export function DataState<T>({ loading, children, heading }: { loading: Loading<T>; children: (data: T) => ReactNode; heading?: string }) {
  const { t } = useTranslation("staffData");
  if (loading.state === "ready") return <>{children(loading.data)}</>;
  return (
    <>
      {heading && <h1>{heading}</h1>}
      {loading.state === "loading" ? (
        <p role="status">{t("loading")}</p>
      ) : (
        <div className="notice warning" role="alert">
          <p>{dataProblemText(loading.problem, t)}</p>
        </div>
      )}
    </>
  );
}
