// Which backend a test file talks to. Files run two at a time (vitest.browser.config.ts), each worker
// against its own backend and database (support/global-setup.ts), so no file sees another's data
// change under it while it runs.
import { inject } from "vitest";

export function backendUrl(): string {
  const urls = inject("baseUrls");
  // VITEST_POOL_ID is the worker's number, 1 to maxWorkers.
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  return urls[(worker - 1) % urls.length];
}
