// The process page lists the next events: the first five, and a button that shows all of them
// (aria-expanded says which, focus goes to the first event that was hidden).
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { afterEach, beforeAll, expect, test } from "vitest";
import type { Schemas } from "../src/api/client";
import { chooseLanguage } from "../src/i18n";
import { FIRST_EVENTS, UpcomingEvents } from "../src/public/ProcessPage";

type Event = Schemas["EventSummaryPublic"];

function events(count: number): Event[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`,
    process_id: "22222222-2222-4222-8222-222222222222",
    group_id: null,
    title: `Termin ${index + 1}`,
    kind: "group_meeting",
    format: "in_person",
    status: "published",
    status_reason: null,
    starts_at: `2030-05-${String(index + 1).padStart(2, "0")}T16:00:00+02:00`,
    ends_at: `2030-05-${String(index + 1).padStart(2, "0")}T18:00:00+02:00`,
    timezone: "Europe/Berlin",
    venue: { name: "Rathaus", address: "Marktplatz 1", room: null, step_free: true, notes: null },
    capacity: 25,
    seats_left: 25,
    registration_opens_at: null,
    registration_closes_at: null,
    registration_open: true,
    waitlist_enabled: false,
    updated_at: "2026-01-01T00:00:00+01:00",
  }));
}

const titles = () => within(screen.getByRole("list")).getAllByRole("heading").map((heading) => heading.textContent);

function show(count: number) {
  render(
    <MemoryRouter>
      <UpcomingEvents events={events(count)} orgSlug="musterstadt" />
    </MemoryRouter>,
  );
}

beforeAll(async () => {
  await chooseLanguage("de");
});

afterEach(async () => {
  cleanup();
  await chooseLanguage("de");
});

test("five events or fewer: all of them, no button", () => {
  show(FIRST_EVENTS);
  expect(titles()).toHaveLength(5);
  expect(screen.queryByRole("button")).toBeNull();
});

test("more: the first five, and a button that shows all and takes focus to the sixth", () => {
  show(12);
  expect(FIRST_EVENTS).toBe(5);
  expect(titles()).toEqual(["Termin 1", "Termin 2", "Termin 3", "Termin 4", "Termin 5"]);
  const button = screen.getByRole("button", { name: "Alle 12 Termine zeigen" });
  expect(button.getAttribute("aria-expanded")).toBe("false");
  expect(button.getAttribute("aria-controls")).toBe(screen.getByRole("list").id);

  fireEvent.click(button);
  expect(titles()).toHaveLength(12);
  expect(button.getAttribute("aria-expanded")).toBe("true");
  expect(button.textContent).toBe("Nur die nächsten 5 Termine zeigen");
  // Reading goes on where the short list ended.
  expect(document.activeElement?.textContent).toBe("Termin 6");

  button.focus();
  fireEvent.click(button);
  expect(titles()).toHaveLength(5);
  expect(button.getAttribute("aria-expanded")).toBe("false");
  expect(document.activeElement).toBe(button);
});

test("the button speaks the reader's language", async () => {
  await act(() => chooseLanguage("en"));
  show(7);
  expect(screen.getByRole("button").textContent).toBe("Show all 7 events");
  await act(() => chooseLanguage("ar"));
  expect(screen.getByRole("button").textContent).toMatch(/^عرض كل المواعيد \(\S+ مواعيد\)$/);
});
