import { type ReactNode, useId } from "react";

type FieldProps = {
  /** The form field's name; also the id the error summary links to. */
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Renders the control with the ids it must carry (id, aria-describedby, aria-invalid, required). */
  children: (control: {
    id: string;
    name: string;
    "aria-describedby"?: string;
    "aria-invalid"?: boolean;
    required?: boolean;
  }) => ReactNode;
};

/**
 * One labelled form control with its hint and error. The error is tied to the control with
 * aria-describedby and marked with a word and an icon, not colour alone.
 */
export function Field({ name, label, hint, error, required, children }: FieldProps) {
  const uid = useId();
  const hintId = hint ? `${uid}-hint` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={error ? "field field-invalid" : "field"}>
      <label htmlFor={`field-${name}`}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={hintId} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="error-message">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      {children({
        id: `field-${name}`,
        name,
        "aria-describedby": describedBy,
        "aria-invalid": error ? true : undefined,
        required,
      })}
    </div>
  );
}
