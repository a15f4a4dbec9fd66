// The API's validation messages land at the field they name and in the error summary.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, test } from "vitest";
import type { Problem } from "../src/api/client";
import { ErrorSummary } from "../src/forms/ErrorSummary";
import "../src/i18n";
import { TextField, useFormState } from "../src/forms/FormFields";
import { formErrors, localProblem } from "../src/forms/formErrors";

afterEach(cleanup);

function problem(errors: Problem["errors"], detail = "Please check these fields."): Problem {
  return { type: "https://teilhabe.example/problems/validation-error", title: "Invalid input", status: 422, detail, instance: null, errors };
}

const EVENT_FIELDS = ["title", "starts_at", "ends_at", "venue.name", "online_access.join_url", "languages"];
const ALIASES = { venue: "venue.name", online_access: "online_access.join_url" };

describe("formErrors", () => {
  test("a domain rule's field gets its message; nothing is left for the summary's sentence", () => {
    const errors = formErrors(
      problem([{ field: "ends_at", location: "body", message: "The event must end after it starts." }], "The event must end after it starts."),
      EVENT_FIELDS,
      ALIASES,
    );
    expect(errors).toEqual({ fields: { ends_at: "The event must end after it starts." }, message: null });
  });

  test("nested paths, list items and a 'body.' prefix find their field; an object's error goes to its first field", () => {
    const errors = formErrors(
      problem([
        { field: "body.title", location: "body", message: "String should have at least 1 character" },
        { field: "venue", location: "body", message: "An event in person or hybrid needs a venue." },
        { field: "online_access.join_url", location: "body", message: "Input should be a valid URL" },
        { field: "languages.1", location: "body", message: "String should match pattern" },
      ]),
      EVENT_FIELDS,
      ALIASES,
    );
    expect(errors.fields).toEqual({
      title: "String should have at least 1 character",
      "venue.name": "An event in person or hybrid needs a venue.",
      "online_access.join_url": "Input should be a valid URL",
      languages: "String should match pattern",
    });
    expect(errors.message).toBeNull();
  });

  test("the first message per field wins; messages no field can carry become the summary's sentence", () => {
    const errors = formErrors(
      problem([
        { field: "starts_at", location: "body", message: "first" },
        { field: "starts_at", location: "body", message: "second" },
        { field: "body", location: "body", message: "Please give an e-mail address or a phone number." },
      ]),
      EVENT_FIELDS,
    );
    expect(errors.fields).toEqual({ starts_at: "first" });
    expect(errors.message).toBe("Please give an e-mail address or a phone number.");
  });

  test("a refusal without field errors (409, 403) shows the API's detail", () => {
    const conflict: Problem = { type: "https://teilhabe.example/problems/conflict", title: "Conflict", status: 409, detail: "Publish the process first; its events cannot be public before it is.", instance: null, errors: null };
    expect(formErrors(conflict, EVENT_FIELDS)).toEqual({ fields: {}, message: "Publish the process first; its events cannot be public before it is." });
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
  render(<EventTimes problem={problem([{ field: "ends_at", location: "body", message: "The event must end after it starts." }])} />);
  const end = screen.getByLabelText(/Ende/);
  expect(end.getAttribute("aria-invalid")).toBe("true");
  const description = (end.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent ?? "");
  expect(description.join(" ")).toContain("The event must end after it starts.");
  expect(screen.getByLabelText(/Beginn/).getAttribute("aria-invalid")).toBeNull();

  const summary = screen.getByRole("alert");
  const link = within(summary).getByRole("link", { name: "Ende: The event must end after it starts." });
  expect(link.getAttribute("href")).toBe(`#${end.id}`);
});
