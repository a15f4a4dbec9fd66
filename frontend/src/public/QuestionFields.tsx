import { useTranslation } from "react-i18next";
import { Field } from "../forms/Field";
import { FieldGroup } from "../forms/FieldGroup";
import { answerField, type AnswerValue, type Answers, type Question } from "./answers";
import { optionChoices, textLanguage, type TextLanguage } from "./textLanguage";

type QuestionFieldsProps = {
  questions: readonly Question[];
  /**
   * The object whose `untranslated` names the questions' texts shown in the city's language
   * (`questions.<id>.label`, `questions.<id>.options.<index>`): the event.
   */
  texts?: object;
  answers: Answers;
  onChange: (id: string, value: AnswerValue) => void;
  errors: Record<string, string>;
};

/** The event's questions as form fields: a text box, radios, checkboxes or yes/no radios. */
export function QuestionFields({ questions, texts, answers, onChange, errors }: QuestionFieldsProps) {
  return (
    <>
      {questions.map((question) => (
        <QuestionField
          key={question.id}
          question={question}
          languageOf={(part) => textLanguage(texts, `questions.${question.id}.${part}`)}
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
  languageOf,
  value,
  onChange,
  error,
}: {
  question: Question;
  /** `lang` and `dir` of a part of the question ("label", "options.2") shown untranslated. */
  languageOf: (part: string) => TextLanguage;
  value: AnswerValue;
  onChange: (value: AnswerValue) => void;
  error?: string;
}) {
  const { t } = useTranslation("public");
  const name = answerField(question);
  const required = Boolean(question.required);
  const hint = required ? undefined : t("form.optional");
  const label = <bdi {...languageOf("label")}>{question.label}</bdi>;
  // Each option shows its label in the reader's language; the answer is the value the city defined.
  const choices = optionChoices(question);

  if (question.kind === "text") {
    const maxLength = question.max_length ?? 500;
    return (
      <Field name={name} label={label} hint={hint} error={error} required={required}>
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
    // The site's own words (yes, no, no answer) are in the page's language; the city's options carry
    // their own language when they are shown untranslated.
    const options: { value: AnswerValue; label: string; language: TextLanguage }[] =
      question.kind === "yes_no"
        ? [
            { value: true, label: t("form.yes"), language: {} },
            { value: false, label: t("form.no"), language: {} },
          ]
        : choices.map((choice) => ({ value: choice.value, label: choice.label, language: languageOf(`options.${choice.index}`) }));
    if (!required) options.unshift({ value: question.kind === "yes_no" ? null : "", label: t("form.noAnswer"), language: {} });
    return (
      <FieldGroup name={name} legend={label} hint={hint} error={error} required={required}>
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
                    <bdi {...option.language}>{option.label}</bdi>
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
    <FieldGroup name={name} legend={label} hint={required ? t("form.chooseAtLeastOne") : t("form.chooseAny")} error={error} required={required}>
      {({ firstId, describedBy, invalid }) => (
        <div className="options">
          {choices.map(({ value: option, label: optionLabel, index }) => {
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
                  <bdi {...languageOf(`options.${index}`)}>{optionLabel}</bdi>
                </label>
              </div>
            );
          })}
        </div>
      )}
    </FieldGroup>
  );
}
