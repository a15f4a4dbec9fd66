import { useTranslation } from "react-i18next";
import { Field } from "../forms/Field";
import { FieldGroup } from "../forms/FieldGroup";
import { answerField, type AnswerValue, type Answers, type Question } from "./answers";

type QuestionFieldsProps = {
  questions: readonly Question[];
  answers: Answers;
  onChange: (id: string, value: AnswerValue) => void;
  errors: Record<string, string>;
};

/** The event's questions as form fields: a text box, radios, checkboxes or yes/no radios. */
export function QuestionFields({ questions, answers, onChange, errors }: QuestionFieldsProps) {
  return (
    <>
      {questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          value={answers[question.id] ?? null}
          onChange={(value) => onChange(question.id, value)}
          error={errors[answerField(question)]}
        />
      ))}
    </>
  );
}

function QuestionField({
  question,
  value,
  onChange,
  error,
}: {
  question: Question;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  error?: string;
}) {
  const { t } = useTranslation("public");
  const name = answerField(question);
  const required = Boolean(question.required);
  const hint = required ? undefined : t("form.optional");

  if (question.kind === "text") {
    const maxLength = question.max_length ?? 500;
    return (
      <Field name={name} label={<bdi>{question.label}</bdi>} hint={hint} error={error} required={required}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={maxLength}
            value={typeof value === "string" ? value : ""}
            onChange={(event) => onChange(event.target.value)}
          />
        )}
      </Field>
    );
  }

  // One choice or yes/no: radios. An optional one starts at "no answer", so it can be taken back.
  if (question.kind === "choice" || question.kind === "yes_no") {
    const options: { value: AnswerValue; label: string }[] =
      question.kind === "yes_no"
        ? [
            { value: true, label: t("form.yes") },
            { value: false, label: t("form.no") },
          ]
        : (question.options ?? []).map((option) => ({ value: option, label: option }));
    if (!required) options.unshift({ value: question.kind === "yes_no" ? null : "", label: t("form.noAnswer") });
    return (
      <FieldGroup name={name} legend={<bdi>{question.label}</bdi>} hint={hint} error={error} required={required}>
        {({ firstId, describedBy, invalid }) => (
          <div className="options">
            {options.map((option, index) => {
              const id = index === 0 ? firstId : `${firstId}-${index}`;
              return (
                <div className="option" key={String(option.value)}>
                  <input
                    type="radio"
                    id={id}
                    name={name}
                    checked={value === option.value || (option.value === "" && value === null)}
                    onChange={() => onChange(option.value)}
                    required={required || undefined}
                    aria-describedby={describedBy}
                    aria-invalid={invalid}
                  />
                  <label htmlFor={id}>
                    <bdi>{option.label}</bdi>
                  </label>
                </div>
              );
            })}
          </div>
        )}
      </FieldGroup>
    );
  }

  const chosen = Array.isArray(value) ? value : [];
  return (
    <FieldGroup name={name} legend={<bdi>{question.label}</bdi>} hint={required ? t("form.chooseAtLeastOne") : t("form.chooseAny")} error={error} required={required}>
      {({ firstId, describedBy, invalid }) => (
        <div className="options">
          {(question.options ?? []).map((option, index) => {
            const id = index === 0 ? firstId : `${firstId}-${index}`;
            return (
              <div className="option" key={option}>
                <input
                  type="checkbox"
                  id={id}
                  name={name}
                  value={option}
                  checked={chosen.includes(option)}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...chosen, option] : chosen.filter((c) => c !== option))
                  }
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
                <label htmlFor={id}>
                  <bdi>{option}</bdi>
                </label>
              </div>
            );
          })}
        </div>
      )}
    </FieldGroup>
  );
}
