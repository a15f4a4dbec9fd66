// Which backend a test file talks to. Files run two at a time (vitest.browser.config.ts), each worker
// against its own backend and database (support/global-setup.ts), so no file sees another's data
// change under it while it runs.
import { inject } from "vitest";

// VITEST_POOL_ID is the worker's number, 1 to maxWorkers.
function ofThisWorker<T>(items: T[]): T {
  const worker = Number(process.env.VITEST_POOL_ID ?? "1");
  return items[(worker - 1) % items.length];
}

export function backendUrl(): string {
  return ofThisWorker(inject("baseUrls"));
}

/** The path of the backend's log file: uvicorn's access log and its errors, as production writes them. */
export function backendLog(): string {
  return ofThisWorker(inject("backendLogs"));
}
