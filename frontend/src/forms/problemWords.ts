// The console's sentences for the API's refusals, in the console's language: by the problem's type
// (its slug), by each field error's kind, and a generic one per HTTP status for anything else. The
// API's own `detail` and `message` are in English for developers and never shown. The texts are in
// locales/<lang>/staffWords.json (loaded with the console); every slug and kind the API defines
// (openapi.yaml: ProblemType, FieldError.kind) has one, which tests/staff-problem-words.test.ts checks.
import type { FieldError, Problem } from "../api/client";
import i18n from "../i18n";
import { problemSlug } from "../api/problem";

const NAMESPACE = "staffWords";

function known(key: string): boolean {
  return i18n.exists(`${NAMESPACE}:${key}`);
}

/** The generic sentence for a status without a text of its own ("That did not work"). */
export function statusText(status: number): string {
  const key = known(`status.${status}`) ? `status.${status}` : status >= 500 ? "status.500" : "status.other";
  return i18n.t(`${NAMESPACE}:${key}`);
}

/** One sentence for a refused or failed request: the problem type's text, else its status's. */
export function problemText(problem: Problem): string {
  if (problem.status === 0) return statusText(0);
  const slug = problemSlug(problem);
  if (slug && known(`problems.${slug}`)) return i18n.t(`${NAMESPACE}:problems.${slug}`);
  return statusText(problem.status);
}

/** The sentence for one field error, by its kind ("too-long" with its limit); an unknown kind is "invalid". */
export function fieldErrorText(error: FieldError): string {
  const kind = error.kind && known(`kinds.${error.kind}`) ? error.kind : "invalid";
  return i18n.t(`${NAMESPACE}:kinds.${kind}`, { limit: error.limit ?? "" });
}
