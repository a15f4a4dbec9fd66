import { defineConfig } from "vitest/config";

// Browser tests: the real backend (fresh SQLite database, demo data, the built app) and Debian's
// Chromium driven by playwright-core. `npm run build` must have run first.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["e2e/support/global-setup.ts"],
    testTimeout: 90_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
