import { type ReactNode, useId } from "react";

type FieldGroupProps = {
  /** The group's name; its first control gets the id `field-<name>` the error summary links to. */
  name: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** Renders the radios or checkboxes; `firstId` goes on the first one, `describedBy` on each. */
  children: (group: { firstId: string; describedBy?: string; invalid?: boolean }) => ReactNode;
};

/**
 * Radios and checkboxes that belong together, in a fieldset whose legend is the question. The error
 * is tied to every control with aria-describedby and shown with a word and an icon, not colour alone.
 */
export function FieldGroup({ name, legend, hint, error, required, children }: FieldGroupProps) {
  const uid = useId();
  const hintId = hint ? `${uid}-hint` : undefined;
  const errorId = error ? `${uid}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={error ? "field field-group field-invalid" : "field field-group"}>
      <legend>
        {legend}
        {required && <span aria-hidden="true"> *</span>}
      </legend>
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
      {children({ firstId: `field-${name}`, describedBy, invalid: error ? true : undefined })}
    </fieldset>
  );
}
