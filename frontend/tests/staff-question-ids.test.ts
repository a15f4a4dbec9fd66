// Staff never invent the technical keys of sign-up questions: a new question's id comes from its label,
// unique within the event, and a saved question keeps its id when its label changes (answers refer to it).
// @vitest-environment node
import { describe, expect, test } from "vitest";
import { questionId, questionsOf, type QuestionDraft } from "../src/staff/pages/QuestionsEditor";

const ID_PATTERN = /^[a-z][a-z0-9_]{0,39}$/; // what the API requires (api/events/schemas.py Question.id)

function draft(label: string, id = ""): QuestionDraft {
  return { id, label, kind: "yes_no", required: false, options: "", maxLength: 500 };
}

describe("question ids", () => {
  test("a new question's id is the slug of its label, German letters spelled out", () => {
    expect(questionId("Bringen Sie Kinder mit, die betreut werden sollen?", [])).toBe("bringen_sie_kinder_mit_die_betreut_w") // 36 characters: room for "_2";
    expect(questionId("Brauchen Sie Übersetzung? Größe egal", [])).toBe("brauchen_sie_uebersetzung_groesse_eg");
    expect(questionId("Café & Crêpes", [])).toBe("cafe_crepes");
  });

  test("every id fits the API's pattern, also for labels without Latin letters or starting with a digit", () => {
    for (const label of ["هل تحتاج إلى ترجمة؟", "2 Begleitpersonen?", "", "   ", "Ä".repeat(80), "x".repeat(200)]) {
      expect(questionId(label, []), label).toMatch(ID_PATTERN);
    }
    expect(questionId("هل تحتاج إلى ترجمة؟", [])).toBe("question");
    expect(questionId("2 Begleitpersonen?", [])).toBe("begleitpersonen");
  });

  test("ids are unique within the event", () => {
    const questions = questionsOf([draft("Kinderbetreuung?", "kinderbetreuung"), draft("Kinderbetreuung?"), draft("Kinderbetreuung?")]);
    expect(questions.map((q) => q.id)).toEqual(["kinderbetreuung", "kinderbetreuung_2", "kinderbetreuung_3"]);
  });

  test("a saved question keeps its id when its label is changed", () => {
    const [question] = questionsOf([draft("Brauchen Sie eine Übersetzung? In welche Sprache?", "interpretation")]);
    expect(question.id).toBe("interpretation");
  });
});
