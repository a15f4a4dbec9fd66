// The API types are generated from ../openapi.yaml; this fails when someone changed the API and
// forgot `npm run gen:api`, so the frontend never compiles against an old API.
// @vitest-environment node
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { expect, test } from "vitest";

// Generating the types starts a second Node process; on a busy machine that takes far longer than
// Vitest's 5 s default. The limit only stops a hung generator, it is not a speed test.
const GENERATOR_LIMIT_MS = 120_000;

test(
  "src/api/schema.d.ts is generated from the current openapi.yaml",
  async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), "teilhabe-types-")), "schema.d.ts");
    // The package's own CLI run by this Node (what `npm run gen:api` runs), without npx's lookup.
    const cli = join("node_modules", "openapi-typescript", "bin", "cli.js");
    await promisify(execFile)(process.execPath, [cli, "../openapi.yaml", "-o", fresh], { timeout: GENERATOR_LIMIT_MS });
    const committed = readFileSync("src/api/schema.d.ts", "utf8");
    expect(committed === readFileSync(fresh, "utf8"), "src/api/schema.d.ts is stale: run `npm run gen:api`").toBe(true);
  },
  GENERATOR_LIMIT_MS + 10_000,
);
