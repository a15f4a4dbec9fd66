// Turns the API's refusals into sentences in the reader's language. Known problem types and fields
// get a translated text; anything else falls back to the API's own `detail` (in English or German),
// so a person always reads why it did not work.
import type { TFunction } from "i18next";
import type { FieldError, Problem } from "../api/client";
import { type FieldErrors, problemSlug, problemToFieldErrors } from "../api/problem";

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
  "too-many-unconfirmed",
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

/**
 * Maps a problem's field errors onto the form's fields, with the public site's own sentences.
 * `formFields` are the names the form renders; an error about anything else is kept in `unplaced` so
 * the error summary still shows it.
 */
export function formErrorsOf(problem: Problem, formFields: readonly string[], t: TFunction): FieldErrors {
  return problemToFieldErrors(problem, formFields, {
    rename: formFieldOf,
    message: (name, error) => fieldMessage(name, error, problem, t),
  });
}

/**
 * The error summary's sentence: a validation answer whose fields are all marked needs none; any other
 * refusal says why, followed by the messages no field shows.
 */
export function summaryMessage(problem: Problem, errors: FieldErrors, t: TFunction): string | null {
  const allMarked = Object.keys(errors.fields).length > 0 && !errors.unplaced.length && problem.status === 422;
  return [allMarked ? null : problemMessage(problem, t), ...errors.unplaced].filter(Boolean).join(" ") || null;
}

function fieldMessage(name: string, error: FieldError, problem: Problem, t: TFunction): string {
  if (name === "email" && problem.status === 409) return t("public:fieldErrors.alreadySignedUp");
  // A length is the same rule on every field: say the limit, not "please enter your name".
  if (error.kind === "too-long" && error.limit) return t("public:fieldErrors.tooLong", { limit: error.limit });
  if (error.kind === "too-short" && error.limit && error.limit > 1) return t("public:fieldErrors.tooShort", { limit: error.limit });
  if (name.startsWith("answer-")) {
    return /answer this question/i.test(error.message)
      ? t("public:fieldErrors.answerRequired")
      : t("public:fieldErrors.answerInvalid");
  }
  // Fields without their own sentence (e.g. `phone`) show the API's message.
  return t(`public:fieldErrors.${name}`, { defaultValue: "" }) || error.message;
}
