// The API types are generated from ../openapi.yaml; this fails when someone changed the API and
// forgot `npm run gen:api`, so the frontend never compiles against an old API.
// @vitest-environment node
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "vitest";

test("src/api/schema.d.ts is generated from the current openapi.yaml", () => {
  const fresh = join(mkdtempSync(join(tmpdir(), "teilhabe-types-")), "schema.d.ts");
  execFileSync("npx", ["openapi-typescript", "../openapi.yaml", "-o", fresh], { stdio: "pipe" });
  const committed = readFileSync("src/api/schema.d.ts", "utf8");
  expect(committed === readFileSync(fresh, "utf8"), "src/api/schema.d.ts is stale: run `npm run gen:api`").toBe(true);
});
