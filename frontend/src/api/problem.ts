// RFC 9457 problems: what every refused or failed API call becomes, and where its field errors go.
import type { FieldError, Problem } from "./client";

/**
 * A problem+json answer (also one that `must` threw), or a made-up one when the network failed or
 * something else was thrown, so every form shows something.
 */
export function asProblem(error: unknown, status?: number): Problem {
  if (error && typeof error === "object" && "title" in error && "status" in error) return error as Problem;
  return {
    type: "about:blank",
    title: status ? `Error ${status}` : "Network error",
    status: status ?? 0,
    detail: "The server could not be reached. Please try again.",
    instance: null,
    errors: null,
  };
}

/** The slug at the end of a problem type URI, e.g. "event-full"; used to pick a translated text. */
export function problemSlug(problem: Problem | null | undefined): string | null {
  if (!problem?.type || problem.type === "about:blank") return null;
  return problem.type.split("/").pop() ?? null;
}

/** A 404, or a 422 about the address itself (an id that is no UUID, a token of the wrong shape). */
export function isNotFound(problem: Problem): boolean {
  if (problem.status === 404) return true;
  const errors = problem.errors ?? [];
  return problem.status === 422 && errors.length > 0 && errors.every((error) => error.location === "path");
}

/** Messages per form field, and the messages of errors about something no field of the form shows. */
export type FieldErrors = { fields: Record<string, string>; unplaced: string[] };

export type FieldPlacement = {
  /**
   * The form's name for an API field path, when the form names it differently from the API
   * (the public forms call `answers.childcare` `answer-childcare`). Applied before looking the name up.
   */
  rename?: (apiPath: string) => string;
  /** Sends an error about a whole object ("venue") or a field shown elsewhere ("body") to a form field. */
  aliases?: Record<string, string>;
  /** The sentence shown at a field; the API's own message unless the form words it itself. */
  message?: (name: string, error: FieldError) => string;
  /** The sentence for an error no field of the form shows; the API's own message unless the form words it. */
  unplacedMessage?: (error: FieldError) => string;
};

/**
 * The one mapping from a problem's field errors to a form's fields. The API names a field by its
 * path in the request body, perhaps behind "body." (`venue.name`, `answers.childcare`, `groups.1`);
 * the most precise name the form knows wins ("venue.name", else "venue"). The first message per field
 * wins; an error about anything the form does not show is kept in `unplaced`, so a summary can still say it.
 */
export function problemToFieldErrors(
  problem: Problem | null | undefined,
  formFields: readonly string[],
  {
    rename = (path) => path,
    aliases = {},
    message = (_name, error) => error.message,
    unplacedMessage = (error) => error.message,
  }: FieldPlacement = {},
): FieldErrors {
  const known = new Set(formFields);
  const fields: Record<string, string> = {};
  const unplaced: string[] = [];
  for (const error of (problem?.errors ?? []) as FieldError[]) {
    const name = fieldFor(rename(error.field.replace(/^body\./, "")), known, aliases);
    if (name === null) unplaced.push(unplacedMessage(error));
    else fields[name] ??= message(name, error);
  }
  return { fields, unplaced };
}

function fieldFor(path: string, known: Set<string>, aliases: Record<string, string>): string | null {
  // The most precise name first: "answers.childcare", then "answers", and so on.
  const parts = path.split(".");
  for (let length = parts.length; length > 0; length--) {
    const candidate = parts.slice(0, length).join(".");
    if (known.has(candidate)) return candidate;
    if (aliases[candidate] && known.has(aliases[candidate])) return aliases[candidate];
  }
  return null;
}
