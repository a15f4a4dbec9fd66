// Which backend a test file talks to. Files run two at a time (vitest.browser.config.ts), each worker
// against its own backend and database (support/global-setup.ts), so no file sees another's data
// change under it while it runs.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
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

const repoRoot = resolve(import.meta.dirname, "../../..");
const python = process.env.TEILHABE_PYTHON ?? join(repoRoot, ".venv/bin/python");
const run = promisify(execFile);

/** Runs the backend's Python with these arguments and this file's backend settings (database, mail, address). */
export async function runPython(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const env = { ...process.env, ...ofThisWorker(inject("backendEnvs")) };
  try {
    return await run(python, args, { cwd: repoRoot, env });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`python ${args.join(" ").slice(0, 200)} failed: ${failed.message}\n${failed.stdout ?? ""}\n${failed.stderr ?? ""}`);
  }
}

/**
 * Runs `python -m api <args>` against this file's backend — its database, its captured mails, its
 * address in links — as an operator would on the server, e.g. `runCli(["create-city", "--slug", …])`.
 * Rejects with the command's output when it fails.
 */
export function runCli(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return runPython(["-m", "api", ...args]);
}
