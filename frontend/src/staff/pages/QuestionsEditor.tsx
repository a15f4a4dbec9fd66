import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { Field } from "../../forms/Field";

type Question = Schemas["Question"];
const KINDS = ["text", "choice", "multi_choice", "yes_no"] as const;

/** A question as the form holds it: the options as one line each. */
export type QuestionDraft = { id: string; label: string; kind: Question["kind"]; required: boolean; options: string; maxLength: number };

export function draftsOf(questions: Question[] | undefined): QuestionDraft[] {
  return (questions ?? []).map((q) => ({ id: q.id, label: q.label, kind: q.kind, required: q.required ?? false, options: (q.options ?? []).join("\n"), maxLength: q.max_length ?? 500 }));
}

/**
 * The stable key answers are stored under (`^[a-z][a-z0-9_]{0,39}$`), derived from the label and never
 * typed by staff: "Brauchen Sie Kinderbetreuung?" → "brauchen_sie_kinderbetreuung". A label without
 * Latin letters gets "question"; a key taken by another question of the event gets "_2", "_3" ….
 */
export function questionId(label: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    label
      .toLowerCase()
      .replace(/ä/g, "ae")
      .replace(/ö/g, "oe")
      .replace(/ü/g, "ue")
      .replace(/ß/g, "ss")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^[^a-z]+/, "")
      .slice(0, 36)
      .replace(/_+$/, "") || "question";
  let id = base;
  for (let n = 2; used.has(id); n++) id = `${base}_${n}`;
  return id;
}

/**
 * The questions as the API takes them. A question keeps the id it was saved with, whatever its label
 * says now (the answers given so far refer to it); a new one gets an id from its label.
 */
export function questionsOf(drafts: QuestionDraft[]): Question[] {
  const taken = drafts.map((draft) => draft.id).filter(Boolean);
  const ids = drafts.map((draft) => {
    if (draft.id) return draft.id;
    const id = questionId(draft.label, taken);
    taken.push(id);
    return id;
  });
  return drafts.map((draft, index) => ({
    id: ids[index],
    label: draft.label.trim(),
    kind: draft.kind,
    required: draft.required,
    options: draft.kind === "choice" || draft.kind === "multi_choice" ? draft.options.split("\n").map((o) => o.trim()).filter(Boolean) : [],
    max_length: draft.maxLength,
  }));
}

/** The field names the API's errors can point at, e.g. "questions.1.label". */
export function questionFieldNames(drafts: QuestionDraft[]): string[] {
  return drafts.flatMap((_, index) => ["label", "kind", "options"].map((part) => `questions.${index}.${part}`));
}

/** An error about a question's id (which staff never see) belongs to its label. */
export function questionAliases(drafts: QuestionDraft[]): Record<string, string> {
  return Object.fromEntries(drafts.map((_, index) => [`questions.${index}.id`, `questions.${index}.label`]));
}

type Props = { drafts: QuestionDraft[]; onChange: (drafts: QuestionDraft[]) => void; errors: Record<string, string> };

/** The extra questions asked at sign-up (interpretation, accessibility, childcare …). */
export function QuestionsEditor({ drafts, onChange, errors }: Props) {
  const { t } = useTranslation("staff");
  const update = (index: number, change: Partial<QuestionDraft>) => onChange(drafts.map((d, i) => (i === index ? { ...d, ...change } : d)));
  return (
    <>
      {drafts.length === 0 && <p>{t("questions.none")}</p>}
      {drafts.map((draft, index) => {
        const name = (part: string) => `questions.${index}.${part}`;
        const number = index + 1;
        return (
          <fieldset key={index} className="question-draft">
            <legend>{t("questions.legend", { number })}</legend>
            <Field name={name("label")} label={t("questions.label")} error={errors[name("label")]} required>
              {(control) => <input {...control} value={draft.label} onChange={(e) => update(index, { label: e.target.value })} />}
            </Field>
            <div className="field-row">
              <Field name={name("kind")} label={t("questions.kind")} error={errors[name("kind")]}>
                {(control) => (
                  <select {...control} value={draft.kind} onChange={(e) => update(index, { kind: e.target.value as Question["kind"] })}>
                    {KINDS.map((kind) => (
                      <option key={kind} value={kind}>
                        {t(`questions.kinds.${kind}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            {(draft.kind === "choice" || draft.kind === "multi_choice") && (
              <Field name={name("options")} label={t("questions.options")} hint={t("hints.onePerLine")} error={errors[name("options")]}>
                {(control) => <textarea {...control} rows={3} value={draft.options} onChange={(e) => update(index, { options: e.target.value })} />}
              </Field>
            )}
            <div className="checkbox-field">
              <input type="checkbox" id={`field-${name("required")}`} checked={draft.required} onChange={(e) => update(index, { required: e.target.checked })} />
              <label htmlFor={`field-${name("required")}`}>{t("questions.required")}</label>
            </div>
            <button type="button" className="danger" onClick={() => onChange(drafts.filter((_, i) => i !== index))}>
              {t("questions.remove", { number })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" onClick={() => onChange([...drafts, { id: "", label: "", kind: "text", required: false, options: "", maxLength: 500 }])}>
        {t("questions.add")}
      </button>
    </>
  );
}
