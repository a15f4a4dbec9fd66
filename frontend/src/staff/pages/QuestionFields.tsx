import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Field } from "../../forms/Field";
import type { FormState } from "../../forms/FormFields";

type Question = Schemas["Question"];
type Values = Record<string, string | boolean>;

/** Form values → the API's answers: text, one option, a list of options, or yes/no. */
export function answersOf(questions: Question[], values: Values): Record<string, string | boolean | string[]> {
  const answers: Record<string, string | boolean | string[]> = {};
  for (const question of questions) {
    const name = `answers.${question.id}`;
    if (question.kind === "multi_choice") {
      const chosen = (question.options ?? []).filter((option) => values[`${name}.${option}`] === true);
      if (chosen.length) answers[question.id] = chosen;
    } else if (question.kind === "yes_no") {
      if (values[name] === "yes" || values[name] === "no") answers[question.id] = values[name] === "yes";
    } else {
      const text = String(values[name] ?? "").trim();
      if (text) answers[question.id] = text;
    }
  }
  return answers;
}

/** The event's extra questions, asked on the phone the way the web form asks them. */
export function QuestionFields<V extends Values>({ questions, form }: { questions: Question[]; form: FormState<V> }) {
  const { t } = useTranslation("staff");
  const value = (name: string) => String(form.values[name] ?? "");
  const set = (name: string, next: string | boolean) => form.set(name as keyof V, next as V[keyof V]);
  return (
    <>
      {questions.map((question) => {
        const name = `answers.${question.id}`;
        const error = form.errors[name];
        if (question.kind === "multi_choice") {
          return (
            <fieldset key={question.id} className={error ? "checkbox-group field-invalid" : "checkbox-group"} id={`field-${name}`} tabIndex={-1}>
              <legend>
                {question.label}
                {question.required && <span aria-hidden="true"> *</span>}
              </legend>
              {error && (
                <p className="error-message">
                  <span aria-hidden="true">⚠ </span>
                  {error}
                </p>
              )}
              {(question.options ?? []).map((option) => (
                <div key={option} className="checkbox-field">
                  <input
                    type="checkbox"
                    id={`field-${name}.${option}`}
                    checked={form.values[`${name}.${option}`] === true}
                    onChange={(event) => set(`${name}.${option}`, event.target.checked)}
                  />
                  <label htmlFor={`field-${name}.${option}`}>{option}</label>
                </div>
              ))}
            </fieldset>
          );
        }
        return (
          <Field key={question.id} name={name} label={question.label} error={error} required={question.required}>
            {(control) =>
              question.kind === "text" ? (
                <textarea {...control} rows={2} maxLength={question.max_length} value={value(name)} onChange={(e) => set(name, e.target.value)} />
              ) : (
                <select {...control} value={value(name)} onChange={(e) => set(name, e.target.value)}>
                  <option value="">{t("forms.noAnswer")}</option>
                  {question.kind === "yes_no" ? (
                    <>
                      <option value="yes">{t("labels.yes")}</option>
                      <option value="no">{t("labels.no")}</option>
                    </>
                  ) : (
                    (question.options ?? []).map((option) => (
                      <option key={option} value={option}>
                        {option}
                      </option>
                    ))
                  )}
                </select>
              )
            }
          </Field>
        );
      })}
    </>
  );
}
