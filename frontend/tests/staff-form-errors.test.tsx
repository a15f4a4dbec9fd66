// The API's refusals land at the field they name and in the error summary, in the console's language
// (worded by the error's kind and the problem's type), never in the API's English.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import type { Problem } from "../src/api/client";
import { ErrorSummary } from "../src/forms/ErrorSummary";
import i18n from "../src/i18n";
import "../src/staff/i18n";
import { TextField, useFormState } from "../src/forms/FormFields";
import { formErrors, localProblem } from "../src/forms/formErrors";

afterEach(cleanup);
beforeAll(() => i18n.changeLanguage("de"));

function problem(errors: Problem["errors"], detail = "Please check these fields."): Problem {
  return { type: "https://teilhabe.example/problems/validation-error", title: "Invalid input", status: 422, detail, instance: null, errors };
}

const EVENT_FIELDS = ["title", "starts_at", "ends_at", "venue.name", "online_access.join_url", "languages"];
const ALIASES = { venue: "venue.name", online_access: "online_access.join_url" };

describe("formErrors", () => {
  test("a domain rule's field gets its sentence by kind; nothing is left for the summary's sentence", () => {
    const errors = formErrors(
      problem([{ field: "ends_at", location: "body", message: "The event must end after it starts.", kind: "ends-before-start", limit: null }], "The event must end after it starts."),
      EVENT_FIELDS,
      ALIASES,
    );
    expect(errors).toEqual({ fields: { ends_at: "Das Ende muss nach dem Beginn liegen." }, message: null });
  });

  test("nested paths, list items and a 'body.' prefix find their field; an object's error goes to its first field", () => {
    const errors = formErrors(
      problem([
        { field: "body.title", location: "body", message: "String should have at least 1 character", kind: "required", limit: null },
        { field: "venue", location: "body", message: "An event in person or hybrid needs a venue.", kind: "venue-needed", limit: null },
        { field: "online_access.join_url", location: "body", message: "Input should be a valid URL", kind: "not-a-url", limit: null },
        { field: "languages.1", location: "body", message: "String should match pattern", kind: "language-format", limit: null },
      ]),
      EVENT_FIELDS,
      ALIASES,
    );
    expect(errors.fields).toEqual({
      title: "Bitte füllen Sie dieses Feld aus.",
      "venue.name": "Eine Veranstaltung vor Ort oder hybrid braucht einen Ort.",
      "online_access.join_url": "Bitte geben Sie eine vollständige Webadresse ein, z. B. https://www.beispiel.de.",
      languages: "Bitte wählen Sie eine Sprache aus der Liste.",
    });
    expect(errors.message).toBeNull();
  });

  test("the first message per field wins; messages no field can carry become the summary's sentence", () => {
    const errors = formErrors(
      problem([
        { field: "starts_at", location: "body", message: "first", kind: "ends-before-start", limit: null },
        { field: "starts_at", location: "body", message: "second", kind: "not-a-date", limit: null },
        { field: "body", location: "body", message: "Please give an e-mail address or a phone number.", kind: "contact-needed", limit: null },
      ]),
      EVENT_FIELDS,
    );
    expect(errors.fields).toEqual({ starts_at: "Das Ende muss nach dem Beginn liegen." });
    expect(errors.message).toBe("Bitte geben Sie eine E-Mail-Adresse oder eine Telefonnummer an.");
  });

  test("a refusal without field errors (409, 403) says its problem type's sentence", () => {
    const conflict: Problem = { type: "https://teilhabe.example/problems/publish-process-first", title: "Conflict", status: 409, detail: "Publish the process first; its events cannot be public before it is.", instance: null, errors: null };
    expect(formErrors(conflict, EVENT_FIELDS)).toEqual({ fields: {}, message: "Veröffentlichen Sie zuerst den Prozess." });
    expect(formErrors(null, EVENT_FIELDS)).toEqual({ fields: {}, message: null });
  });

  test("a check made before sending is shaped like the API's answer", () => {
    expect(formErrors(localProblem("consent", "Consent is needed."), ["consent"]).fields).toEqual({ consent: "Consent is needed." });
  });
});

function EventTimes({ problem: answer }: { problem: Problem }) {
  const state = useFormState({ starts_at: "2026-12-01T18:00", ends_at: "2026-12-01T16:00" });
  const errors = formErrors(answer, ["starts_at", "ends_at"]);
  const form = { ...state, errors: errors.fields };
  return (
    <form>
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={{ starts_at: "Beginn", ends_at: "Ende" }} />
      <TextField form={form} name="starts_at" type="datetime-local" label="Beginn" />
      <TextField form={form} name="ends_at" type="datetime-local" label="Ende" />
    </form>
  );
}

test("the message is shown beside the field, tied to it, and linked from the summary", () => {
  render(<EventTimes problem={problem([{ field: "ends_at", location: "body", message: "The event must end after it starts.", kind: "ends-before-start", limit: null }])} />);
  const end = screen.getByLabelText(/Ende/);
  expect(end.getAttribute("aria-invalid")).toBe("true");
  const description = (end.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
  expect(description.join(" ")).toContain("Das Ende muss nach dem Beginn liegen.");
  expect(screen.getByLabelText(/Beginn/).getAttribute("aria-invalid")).toBeNull();

  const summary = screen.getByRole("alert");
  const link = within(summary).getByRole("link", { name: /^Ende ?: Das Ende muss nach dem Beginn liegen\.$/ }) // jsdom spaces the <bdi>;
  expect(link.getAttribute("href")).toBe(`#${end.id}`);
});

describe("the console's words for the API's refusals", () => {
  test("a 260-character name is told the field's maximum length, not that it is missing", () => {
    const tooLong = problem([{ field: "person.full_name", location: "body", message: "String should have at most 200 characters", kind: "too-long", limit: 200 }]);
    expect(formErrors(tooLong, ["person.full_name"]).fields).toEqual({ "person.full_name": "Bitte höchstens 200 Zeichen." });
  });

  test("a language typed as text ('Deutsch, Arabisch') is not answered in the API's English", () => {
    const wrong = problem([{ field: "languages.0", location: "body", message: "This is not in the expected form.", kind: "language-format", limit: null }]);
    const errors = formErrors(wrong, EVENT_FIELDS, ALIASES);
    expect(errors.fields.languages).toBe("Bitte wählen Sie eine Sprache aus der Liste.");
    expect(JSON.stringify(errors)).not.toContain("expected form");
  });

  test("a kind or a type the console does not know falls back to a sentence for its status, in Arabic too", async () => {
    const unknownKind = problem([{ field: "title", location: "body", message: "Something new", kind: "brand-new" as "invalid", limit: null }]);
    expect(formErrors(unknownKind, EVENT_FIELDS).fields.title).toBe("Dieser Wert ist ungültig.");
    const unknownType: Problem = { type: "https://teilhabe.example/problems/brand-new", title: "New", status: 409, detail: "Something new", instance: null, errors: null };
    expect(formErrors(unknownType, EVENT_FIELDS).message).toBe("Das passt nicht zum aktuellen Stand. Bitte laden Sie die Seite neu.");
    await i18n.changeLanguage("ar");
    try {
      expect(formErrors(unknownType, EVENT_FIELDS).message).toBe("هذا لا يتوافق مع الحالة الحالية. يرجى إعادة تحميل الصفحة.");
      const serverError = { ...unknownType, type: "https://teilhabe.example/problems/error", status: 500 };
      expect(formErrors(serverError, EVENT_FIELDS).message).toBe("حدث خطأ من جانبنا. يرجى المحاولة لاحقًا.");
    } finally {
      await i18n.changeLanguage("de");
    }
  });
});
