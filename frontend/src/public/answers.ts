// The event's own sign-up questions (api/events/schemas.py `Question`): text, one choice, several
// choices, yes/no; each required or optional. Kept apart from the form so the rules are testable.
import type { Schemas } from "../api/client";

export type Question = Schemas["Question"];
/** A text or one option (""= no answer), a list of options, or yes/no (null = no answer). */
export type AnswerValue = string | string[] | boolean | null;
export type Answers = Record<string, AnswerValue>;

/** The form field name of a question; also the error summary's link target (`#field-answer-<id>`). */
export function answerField(question: Pick<Question, "id">): string {
  return `answer-${question.id}`;
}

export function isEmptyAnswer(value: AnswerValue | undefined): boolean {
  return value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);
}

/** Blank answers, or the answers given before (the manage page changes them). */
export function initialAnswers(questions: readonly Question[], given: Record<string, unknown> = {}): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    const before = given[question.id];
    if (question.kind === "multi_choice") answers[question.id] = Array.isArray(before) ? before.map(String) : [];
    else if (question.kind === "yes_no") answers[question.id] = typeof before === "boolean" ? before : null;
    else answers[question.id] = typeof before === "string" ? before : "";
  }
  return answers;
}

/** What the API gets: only the questions answered, text trimmed. */
export function answersForApi(questions: readonly Question[], answers: Answers): Record<string, string | string[] | boolean> {
  const body: Record<string, string | string[] | boolean> = {};
  for (const question of questions) {
    const value = answers[question.id];
    if (isEmptyAnswer(value)) continue;
    body[question.id] = typeof value === "string" ? value.trim() : (value as string[] | boolean);
    if (body[question.id] === "") delete body[question.id];
  }
  return body;
}

/** The required questions left without an answer, as form field names. */
export function unansweredRequired(questions: readonly Question[], answers: Answers): string[] {
  return questions
    .filter((question) => question.required)
    .filter((question) => {
      const value = answers[question.id];
      return isEmptyAnswer(typeof value === "string" ? value.trim() : value);
    })
    .map(answerField);
}
