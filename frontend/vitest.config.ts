import { defineConfig } from "vitest/config";

// Unit tests: components and helpers in jsdom, no backend.
export default defineConfig({
  test: { include: ["tests/**/*.test.{ts,tsx}"], environment: "jsdom" },
});
