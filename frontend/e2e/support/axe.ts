// axe-core over the rendered page, with the WCAG 2.1 A and AA rules (BITV 2.0). Every result is kept
// in test-artifacts/axe/ so the numbers in the closing note can be read back.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { ARTIFACTS } from "./browser";

export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  // @axe-core/playwright types its page against the full playwright package; the object is the same.
  const results = await new AxeBuilder({ page } as never)
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const folder = join(ARTIFACTS, "axe");
  mkdirSync(folder, { recursive: true });
  const summary = {
    page: name,
    url: page.url(),
    passes: results.passes.length,
    incomplete: results.incomplete.length,
    violations: results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    })),
  };
  writeFileSync(join(folder, `${name}.json`), JSON.stringify(summary, null, 2));
  expect(summary.violations, `axe violations on ${name}`).toEqual([]);
}
