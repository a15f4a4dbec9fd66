// Turns the API's refusals into sentences in the reader's language. Known problem types and fields
// get a translated text; anything else falls back to the API's own `detail` (in English or German),
// so a person always reads why it did not work.
import type { TFunction } from "i18next";
import type { FieldError, Problem } from "../api/client";
import { problemSlug } from "../api/problem";

/** Problem types with their own sentence in locales/<lang>/public.json under `problems`. */
export const TRANSLATED_PROBLEMS = [
  "registration-not-open",
  "registration-closed",
  "registration-ended",
  "event-cancelled",
  "event-postponed",
  "event-over",
  "event-closed",
  "invitation-only",
  "event-full",
  "group-full",
  "appointed-group",
  "waitlisted",
  "already-erased",
  "validation-error",
  "too-many-requests",
  "not-found",
] as const;

/** One sentence for a failed request: translated when the type is known, else the API's detail. */
export function problemMessage(problem: Problem, t: TFunction): string {
  if (problem.status === 0) return t("common:networkError");
  const slug = problemSlug(problem) ?? (problem.status === 429 ? "too-many-requests" : null);
  if (slug && (TRANSLATED_PROBLEMS as readonly string[]).includes(slug)) return t(`public:problems.${slug}`);
  return problem.detail || problem.title;
}

/**
 * The form field an API error is about. The API names fields by their path in the request body
 * (`email`, `answers.childcare`, `consent.privacy_notice_version`, `groups.1`); the forms name their
 * controls `email`, `answer-childcare`, `consent`, `groups`.
 */
export function formFieldOf(apiField: string): string {
  const path = apiField.replace(/^body\./, "");
  if (path.startsWith("answers.")) return `answer-${path.slice("answers.".length)}`;
  if (path.startsWith("consent")) return "consent";
  if (path.startsWith("groups")) return "groups";
  return path;
}

/** Messages per form field (translated where the field is known) and the errors no field shows. */
export type FormErrors = { fields: Record<string, string>; unplaced: string[] };

/**
 * Maps a problem's field errors onto the form's fields. `formFields` are the names the form renders;
 * an error about anything else is kept in `unplaced` so the error summary still shows it.
 */
export function formErrorsOf(problem: Problem, formFields: readonly string[], t: TFunction): FormErrors {
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of (problem.errors ?? []) as FieldError[]) {
    const name = formFieldOf(error.field);
    if (!formFields.includes(name)) {
      unplaced.push(error.message);
      continue;
    }
    fields[name] ??= fieldMessage(name, error, problem, t);
  }
  return { fields, unplaced };
}

function fieldMessage(name: string, error: FieldError, problem: Problem, t: TFunction): string {
  if (name === "email" && problem.status === 409) return t("public:fieldErrors.alreadySignedUp");
  if (name.startsWith("answer-")) {
    return /answer this question/i.test(error.message)
      ? t("public:fieldErrors.answerRequired")
      : t("public:fieldErrors.answerInvalid");
  }
  // Fields without their own sentence (e.g. `phone`) show the API's message.
  return t(`public:fieldErrors.${name}`, { defaultValue: "" }) || error.message;
}
