// The city's texts come in the reader's language where the city translated them; the API falls back
// per text to the city's own language and names each such text in `untranslated` ({path: language}).
// This is the one place that turns that list into markup.
import { directionOf } from "../i18n";

/** The attributes for the element that holds one text: nothing, or its own language and direction. */
export type TextLanguage = { lang?: string; dir?: "ltr" | "rtl" };

type Translatable = { untranslated?: Record<string, string> | null };

/**
 * `lang` and `dir` for the element holding the text at `path` of an API object ("title",
 * "guiding_principles.2", "questions.<id>.options.1"): set only when the text is shown in another
 * language than the page's — a German description on an Arabic page gets `lang="de" dir="ltr"` — so
 * screen readers switch voice and the text runs in its own direction. A translated text has neither:
 * it inherits the page's language from <html>.
 */
export function textLanguage(holder: object | null | undefined, path: string): TextLanguage {
  const code = (holder as Translatable | null | undefined)?.untranslated?.[path];
  return code ? { lang: code, dir: directionOf(code) } : {};
}

/** A question's label as the reader sees it, and the value the city defined, for each of its options. */
export function optionChoices(question: { options?: readonly string[] | null; option_labels?: readonly string[] | null }): {
  value: string;
  label: string;
  index: number;
}[] {
  const labels = question.option_labels ?? [];
  // The label in the reader's language is shown; the API gets the canonical value the city defined,
  // so answers of residents reading different languages count together.
  return (question.options ?? []).map((value, index) => ({ value, label: labels[index] || value, index }));
}
