// What a form shows after a refusal: messages at its fields and one sentence for the error summary.
import type { FieldError, Problem } from "../api/client";
import { problemToFieldErrors } from "../api/problem";
import { fieldErrorText, problemText } from "./problemWords";

export type FormErrors = {
  /** Form field name → the API's message for it, shown beside the field and in the summary. */
  fields: Record<string, string>;
  /** The sentence for the summary when no field carries the message (a conflict, a rule on the whole form). */
  message: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/**
 * The console's forms, in the console's language (never the API's English). `fields` are the form's
 * field names, written as the API's dotted paths ("venue.name"); `aliases` send an error about a whole
 * object ("venue") or an API field the form shows differently to one of them. Each field error is worded
 * by its kind; those no field can carry go to `message`; a refusal without field errors (409, 403) says
 * its problem type's sentence.
 */
export function formErrors(
  problem: Problem | null | undefined,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  if (!problem) return NO_ERRORS;
  const placed = problemToFieldErrors(problem, fields, { aliases, message: (_name, error) => wordsOf(error), unplacedMessage: wordsOf });
  let message: string | null = placed.unplaced.length ? [...new Set(placed.unplaced)].join(" ") : null;
  if (!problem.errors?.length) message = problemText(problem);
  return { fields: placed.fields, message };
}

/** A field error's sentence: the form's own (a local check) or the words for its kind. */
function wordsOf(error: FieldError): string {
  return error.location === LOCAL ? error.message : fieldErrorText(error);
}

/** The `location` of an error the form found itself: its message is the form's own, translated already. */
const LOCAL = "form";

/** A refusal found before sending (a consent box left empty, two passwords that differ), shaped like the API's. */
export function localProblem(field: string, message: string): Problem {
  return {
    type: "about:blank",
    title: message,
    status: 422,
    detail: null,
    instance: null,
    errors: [{ field, location: LOCAL, message, kind: "invalid", limit: null }],
  };
}
