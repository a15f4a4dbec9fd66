import { defineConfig } from "vitest/config";

// Two test files at a time, each worker against its own backend (e2e/support/global-setup.ts starts
// one per worker). The tests spend much of their time waiting for the browser and the server, so two
// files share this machine's two cores well.
const WORKERS = 2;

// Browser tests: the real backend (fresh SQLite database, demo data, the built app) and Debian's
// Chromium driven by playwright-core. `npm run build` must have run first.
export default defineConfig({
  test: {
    include: ["e2e/**/*.test.ts"],
    environment: "node",
    globalSetup: ["e2e/support/global-setup.ts"],
    // Generous limits: they stop a hung test, they do not measure speed. Two files at once on a busy
    // machine make the longest test (every staff page through axe, twice) take well over a minute.
    testTimeout: 180_000,
    hookTimeout: 120_000,
    fileParallelism: true,
    maxWorkers: WORKERS,
  },
});
