// Languages chosen by name in the console's language, never typed as codes ("Deutsch, Arabisch" used to
// be refused as "not in the expected form"). The API keeps ISO codes; the names come from the browser
// (Intl.DisplayNames), so every language the console offers is named in German, English and Arabic.
import { useTranslation } from "react-i18next";
import { languageName } from "../../format";
import { FieldGroup } from "../../forms/FieldGroup";
import { type FormState, type FormValues, SelectField } from "../../forms/FormFields";
import { codes } from "../lib/values";

/** The languages people in German cities most often ask for: events, interpretation, preferred language. */
export const OFFERED_LANGUAGES = [
  "de", "en", "ar", "tr", "uk", "ru", "fa", "prs", "ps", "ku", "ti", "so", "pl", "ro", "bg", "sq", "sr", "fr", "es", "it",
];

/** The offered languages (and any others the value has), sorted by their name in the reader's language. */
function choices(selected: readonly string[], language: string): { code: string; name: string }[] {
  const all = [...new Set([...OFFERED_LANGUAGES, ...selected])];
  const named = all.map((code) => ({ code, name: languageName(code, language) }));
  const collator = new Intl.Collator(language);
  // The event's own language first, as staff pick it most; then by name.
  return named.sort((a, b) => (a.code === "de" ? -1 : b.code === "de" ? 1 : collator.compare(a.name, b.name)));
}

type LanguageChecklistProps<V extends FormValues> = {
  form: FormState<V>;
  /** A form value holding the chosen codes, comma-separated ("de, ar"), as the form keeps them. */
  name: keyof V & string;
  legend: string;
  hint?: string;
};

/** Several languages: a group of checkboxes named in the console's language. */
export function LanguageChecklist<V extends FormValues>({ form, name, legend, hint }: LanguageChecklistProps<V>) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const selected = codes(form.values[name]);
  const toggle = (code: string, on: boolean) => {
    const next = on ? [...selected, code] : selected.filter((c) => c !== code);
    form.set(name, next.join(", ") as V[typeof name]);
  };
  return (
    <FieldGroup name={name} legend={legend} hint={hint} error={form.errors[name]}>
      {({ firstId, describedBy, invalid }) => (
        <div className="language-checklist">
          {choices(selected, language).map(({ code, name: languageLabel }, index) => {
            const id = index === 0 ? firstId : `field-${name}-${code}`;
            return (
              <div className="checkbox-field" key={code}>
                <input
                  type="checkbox"
                  id={id}
                  name={name}
                  value={code}
                  checked={selected.includes(code)}
                  onChange={(event) => toggle(code, event.target.checked)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid}
                />
                <label htmlFor={id}>{languageLabel}</label>
              </div>
            );
          })}
        </div>
      )}
    </FieldGroup>
  );
}

/** One language: a list of language names in the console's language. */
export function LanguageSelect<V extends FormValues>({
  form,
  name,
  label,
}: {
  form: FormState<V>;
  name: keyof V & string;
  label: string;
}) {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const current = String(form.values[name] ?? "");
  const options = choices(current ? [current] : [], language).map(({ code, name: label_ }) => ({ value: code, label: label_ }));
  return <SelectField form={form} name={name} label={label} options={options} />;
}
