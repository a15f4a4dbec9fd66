import { type ReactNode, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../../api/client";
import { Field } from "../../forms/Field";
import { formErrors } from "../../forms/formErrors";
import { useSubmit } from "../../forms/useSubmit";
import { ProblemText } from "./PageState";

/** A refused action's sentence, announced at once, next to the button that caused it. */
export function ActionError({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p className="error-message" role="alert">
      <span aria-hidden="true">⚠ </span>
      <ProblemText problem={problem} />
    </p>
  );
}

type ActionButtonProps = {
  children: ReactNode;
  onAction: () => Promise<unknown>;
  className?: string;
  /** Asked with the browser's confirm dialog first (for what cannot be undone, e.g. deleting a draft). */
  confirm?: string;
  /** The button's accessible name when its text alone is ambiguous in a list ("Check in Ada Lovelace"). */
  label?: string;
};

/** One click, one request: disabled while it runs, the refusal shown right beside it. */
export function ActionButton({ children, onAction, className, confirm, label }: ActionButtonProps) {
  const { submitting, problem, run } = useSubmit();
  return (
    <span className="action">
      <button
        type="button"
        className={className}
        disabled={submitting}
        aria-label={label}
        onClick={() => {
          if (confirm && !globalThis.confirm(confirm)) return;
          void run(onAction);
        }}
      >
        {children}
      </button>
      <ActionError problem={problem} />
    </span>
  );
}

type ReasonActionProps = {
  /** Text of the button that opens the small form. */
  open: string;
  /** Accessible name of the opening button when the text is ambiguous in a list. */
  openLabel?: string;
  /** Label of the reason field. */
  reasonLabel: string;
  reasonHint?: string;
  /** Text of the button that does it. */
  confirm: string;
  onConfirm: (reason: string | null, note: string | null) => Promise<unknown>;
  danger?: boolean;
  /** Shown in the unfolded form above the fields, e.g. whom the action will tell. */
  children?: ReactNode;
  /** A second field for the staff's own words to the people told (a change notice's note). */
  note?: { label: string; hint?: string };
};

/** An action that takes a reason (cancel, postpone, withdraw): a button that unfolds a small form. */
export function ReasonAction({ open, openLabel, reasonLabel, reasonHint, confirm, onConfirm, danger, children, note }: ReasonActionProps) {
  const { t } = useTranslation("staff");
  const [expanded, setExpanded] = useState(false);
  const [reason, setReason] = useState("");
  const [noteText, setNoteText] = useState("");
  const { submitting, problem, run } = useSubmit();
  const name = `reason-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  const panelId = `${name}-panel`;
  const opener = useRef<HTMLButtonElement>(null);
  const errors = formErrors(problem, ["reason", "notice_note"]);
  return (
    <div className="reason-action">
      <button
        type="button"
        ref={opener}
        className={danger ? "danger" : undefined}
        aria-expanded={expanded}
        aria-controls={panelId}
        aria-label={openLabel}
        onClick={() => setExpanded((value) => !value)}
      >
        {open}
      </button>
      <div id={panelId} hidden={!expanded} className="reason-panel">
        {expanded && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void run(async () => {
                await onConfirm(reason.trim() || null, noteText.trim() || null);
                setExpanded(false);
                setReason("");
                setNoteText("");
              });
            }}
          >
            {children}
            <Field name={name} label={reasonLabel} hint={reasonHint} error={errors.fields.reason}>
              {(control) => <textarea {...control} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />}
            </Field>
            {note && (
              <Field name={`${name}-note`} label={note.label} hint={note.hint} error={errors.fields.notice_note}>
                {(control) => <textarea {...control} rows={3} maxLength={2000} value={noteText} onChange={(e) => setNoteText(e.target.value)} />}
              </Field>
            )}
            {errors.message && (
              <p className="error-message" role="alert">
                <span aria-hidden="true">⚠ </span>
                {errors.message}
              </p>
            )}
            <div className="button-row">
              <button type="submit" className={danger ? "danger" : "primary"} disabled={submitting}>
                {confirm}
              </button>
              <button
                type="button"
                onClick={() => {
                  setExpanded(false);
                  opener.current?.focus();
                }}
              >
                {t("actions.back")}
              </button>
            </div>
          </form>
        )}
      </div>
    </div>
  );
}
