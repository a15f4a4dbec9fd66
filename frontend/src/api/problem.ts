import type { FieldError, Problem } from "./client";

/** A problem+json answer, or a made-up one when the network failed, so every form shows something. */
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

/** Field errors keyed by the form field's name (the last part of the API's dotted field path). */
export function fieldErrors(problem: Problem | null | undefined): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const error of (problem?.errors ?? []) as FieldError[]) {
    const key = error.field.replace(/^body\./, "");
    byField[key] ??= error.message;
  }
  return byField;
}

/** The slug at the end of a problem type URI, e.g. "event-full"; used to pick a translated text. */
export function problemSlug(problem: Problem | null | undefined): string | null {
  if (!problem?.type || problem.type === "about:blank") return null;
  return problem.type.split("/").pop() ?? null;
}
