// Which backend a test file talks to. Files run two at a time (vitest.browser.config.ts), each worker
// against its own backend and database (support/global-setup.ts), so no file sees another's data
// change under it while it runs.
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { inject } from "vitest";

function worker(): number {
  // VITEST_POOL_ID is the worker's number, 1 to maxWorkers.
  return Number(process.env.VITEST_POOL_ID ?? "1");
}

export function backendUrl(): string {
  const urls = inject("baseUrls");
  return urls[(worker() - 1) % urls.length];
}

const repoRoot = resolve(import.meta.dirname, "../../..");
const python = process.env.TEILHABE_PYTHON ?? join(repoRoot, ".venv/bin/python");
const run = promisify(execFile);

/** Runs the backend's Python with these arguments and this file's backend settings (database, mail, address). */
export async function runPython(args: string[]): Promise<{ stdout: string; stderr: string }> {
  const envs = inject("backendEnvs");
  const env = { ...process.env, ...envs[(worker() - 1) % envs.length] };
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
