// The refusals of the data pages (webhooks, data-protection requests, API clients) in the console's
// language: a sentence per kind of problem and one per form field, never the API's English text.
import type { TFunction } from "i18next";
import type { Problem } from "../../api/client";
import { problemSlug, problemToFieldErrors } from "../../api/problem";
import type { FormErrors } from "../../forms/formErrors";
import { NO_ERRORS } from "../../forms/formErrors";

/** Problem kinds (the slug of the problem's type) with a sentence of their own under `staffData:problem`. */
const KNOWN_SLUGS: Record<string, string> = {
  "already-erased": "alreadyErased",
  "too-many-requests": "tooMany",
};

/**
 * One sentence for a refused request. `conflict` words a 409 the page knows about ("this client is
 * revoked already"); a 422 points at the marked fields.
 */
export function dataProblemText(problem: Problem, t: TFunction, conflict?: string): string {
  const slug = problemSlug(problem);
  if (slug && KNOWN_SLUGS[slug]) return t(`staffData:problem.${KNOWN_SLUGS[slug]}`);
  switch (problem.status) {
    case 0:
      return t("staffData:problem.network");
    case 401:
      return t("staffData:problem.loggedOut");
    case 403:
      return t("staffData:problem.forbidden");
    case 404:
      return t("staffData:problem.notFound");
    case 409:
      return conflict ?? t("staffData:problem.conflict");
    case 413:
      return t("staffData:problem.tooLarge");
    case 422:
      return t("staffData:problem.invalid");
    case 429:
      return t("staffData:problem.tooMany");
    default:
      return t("staffData:problem.failed", { status: problem.status });
  }
}

/**
 * A form's refusal: each field error becomes the form's own sentence for that field
 * (`staffData:fieldErrors.<form>.<field>`), errors about fields the form does not show and refusals
 * without field errors become the summary's sentence.
 */
export function dataFormErrors(
  problem: Problem | null | undefined,
  t: TFunction,
  form: string,
  fields: readonly string[],
  aliases: Record<string, string> = {},
  conflict?: string,
): FormErrors {
  if (!problem) return NO_ERRORS;
  const placed = problemToFieldErrors(problem, fields, {
    aliases,
    message: (name) =>
      t(`staffData:fieldErrors.${form}.${name}`, { defaultValue: "" }) || t("staffData:fieldErrors.invalid"),
  });
  const allPlaced = Object.keys(placed.fields).length > 0 && placed.unplaced.length === 0;
  return { fields: placed.fields, message: allPlaced ? null : dataProblemText(problem, t, conflict) };
}

/** i18next reads ":" as the namespace separator: keys built from API values use "_" instead. */
export function textKey(value: string): string {
  return value.replace(/[:.]/g, "_");
}
