// At the door people are found by name however it is typed: without accents, in any case.
import { expect, test } from "vitest";
import { searchable } from "../src/staff/lib/search";

test("accents and case do not matter when searching a name", () => {
  expect(searchable("Leyla Özdemir")).toContain(searchable("ozdemir"));
  expect(searchable("Mehmet Yılmaz")).toContain(searchable("MEHMET"));
  expect(searchable("José Müller-Lüdenscheidt")).toContain(searchable("muller-ludenscheidt"));
  expect(searchable("Amina Haddad")).not.toContain(searchable("hadad"));
});
