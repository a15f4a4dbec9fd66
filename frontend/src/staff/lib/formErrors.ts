import type { FieldError, Problem } from "../../api/client";

export type FormErrors = {
  /** Form field name → the API's message for it, shown beside the field and in the summary. */
  fields: Record<string, string>;
  /** The sentence for the summary when no field carries the message (a conflict, a rule on the whole form). */
  message: string | null;
};

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/**
 * Puts the API's messages where people look for them. `fields` are the form's field names, written as
 * the API's dotted paths ("venue.name"); `aliases` send an error about a whole object ("venue") or an
 * API field the form shows differently to one of them. Messages no field can carry go to `message`.
 */
export function formErrors(
  problem: Problem | null | undefined,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): FormErrors {
  if (!problem) return NO_ERRORS;
  const known = new Set(fields);
  const placed: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of (problem.errors ?? []) as FieldError[]) {
    const path = error.field.replace(/^body\./, "");
    const name = placeFor(path, known, aliases);
    if (name) placed[name] ??= error.message;
    else unplaced.push(error.message);
  }
  let message: string | null = unplaced.length ? unplaced.join(" ") : null;
  if (!problem.errors?.length) message = problem.detail || problem.title;
  return { fields: placed, message };
}

function placeFor(path: string, known: Set<string>, aliases: Record<string, string>): string | null {
  // The most precise name first: "answers.childcare", then "answers", and so on.
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join(".");
    if (known.has(candidate)) return candidate;
    if (aliases[candidate] && known.has(aliases[candidate])) return aliases[candidate];
  }
  return null;
}

/** A refusal found before sending (a consent box left empty, two passwords that differ), shaped like the API's. */
export function localProblem(field: string, message: string): Problem {
  return { type: "about:blank", title: message, status: 422, detail: null, instance: null, errors: [{ field, location: "body", message }] };
}
