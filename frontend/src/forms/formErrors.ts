// What a form shows after a refusal: messages at its fields and one sentence for the error summary.
import type { Problem } from "../api/client";
import { problemToFieldErrors } from "../api/problem";

export type FormErrors = {
  /** Form field name → the API's message for it, shown beside the field and in the summary. */
  fields: Record<string, string>;
  /** The sentence for the summary when no field carries the message (a conflict, a rule on the whole form). */
  message: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/**
 * The console's forms, in the API's own words. `fields` are the form's field names, written as the
 * API's dotted paths ("venue.name"); `aliases` send an error about a whole object ("venue") or an API
 * field the form shows differently to one of them. Messages no field can carry go to `message`; a
 * refusal without field errors (409, 403) says its `detail`.
 */
export function formErrors(
  problem: Problem | null | undefined,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  if (!problem) return NO_ERRORS;
  const placed = problemToFieldErrors(problem, fields, { aliases });
  let message: string | null = placed.unplaced.length ? placed.unplaced.join(" ") : null;
  if (!problem.errors?.length) message = problem.detail || problem.title;
  return { fields: placed.fields, message };
}

/** A refusal found before sending (a consent box left empty, two passwords that differ), shaped like the API's. */
export function localProblem(field: string, message: string): Problem {
  return { type: "about:blank", title: message, status: 422, detail: null, instance: null, errors: [{ field, location: "body", message }] };
}
