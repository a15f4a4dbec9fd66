// Labelled controls for the console's forms, on top of the shared Field (label, hint, error, ids).
import { type ReactNode, useCallback, useState } from "react";
import { Field } from "./Field";

export type FormValues = Record<string, string | boolean>;

export type FormState<V extends FormValues> = {
  values: V;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  replace: (values: V) => void;
  errors: Record<string, string>;
};

export function useFormState<V extends FormValues>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = useCallback(<K extends keyof V>(name: K, value: V[K]) => setValues((v) => ({ ...v, [name]: value })), []);
  return { values, set, replace: setValues };
}

type Common<V extends FormValues> = {
  form: FormState<V>;
  name: keyof V & string;
  label: ReactNode;
  hint?: ReactNode;
  required?: boolean;
};

export function TextField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  required,
  type = "text",
  autoComplete,
  inputMode,
  min,
  max,
  dir,
}: Common<V> & {
  type?: "text" | "email" | "tel" | "number" | "date" | "datetime-local" | "password" | "url" | "search";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel" | "email" | "url";
  min?: string;
  max?: string;
  dir?: "ltr" | "rtl" | "auto";
}) {
  return (
    <Field name={name} label={label} hint={hint} error={form.errors[name]} required={required}>
      {(control) => (
        <input
          {...control}
          type={type}
          value={String(form.values[name] ?? "")}
          onChange={(event) => form.set(name, event.target.value as V[typeof name])}
          autoComplete={autoComplete}
          inputMode={inputMode}
          min={min}
          max={max}
          dir={dir}
        />
      )}
    </Field>
  );
}

export function TextAreaField<V extends FormValues>({ form, name, label, hint, required, rows = 4 }: Common<V> & { rows?: number }) {
  return (
    <Field name={name} label={label} hint={hint} error={form.errors[name]} required={required}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={String(form.values[name] ?? "")}
          onChange={(event) => form.set(name, event.target.value as V[typeof name])}
        />
      )}
    </Field>
  );
}

export function SelectField<V extends FormValues>({
  form,
  name,
  label,
  hint,
  required,
  options,
}: Common<V> & { options: { value: string; label: string }[] }) {
  return (
    <Field name={name} label={label} hint={hint} error={form.errors[name]} required={required}>
      {(control) => (
        <select
          {...control}
          value={String(form.values[name] ?? "")}
          onChange={(event) => form.set(name, event.target.value as V[typeof name])}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A yes/no choice: the label sits beside the box, the error above it. */
export function CheckboxField<V extends FormValues>({ form, name, label, hint }: Common<V>) {
  const error = form.errors[name];
  const id = `field-${name}`;
  return (
    <div className={error ? "field checkbox-field field-invalid" : "field checkbox-field"}>
      {error && (
        <p id={`${id}-error`} className="error-message">
          <span aria-hidden="true">⚠ </span>
          {error}
        </p>
      )}
      <input
        type="checkbox"
        id={id}
        name={name}
        checked={Boolean(form.values[name])}
        onChange={(event) => form.set(name, event.target.checked as V[typeof name])}
        aria-describedby={[hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined}
        aria-invalid={error ? true : undefined}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
