// Starts the real backend for the browser tests: a fresh SQLite database with the demo data, the
// built frontend, captured mails and an in-process worker, on a free port. One backend per Vitest
// worker, so test files run side by side without sharing a database; a test file gets its worker's
// backend through `backendUrl()` (support/backend.ts).
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";

const repoRoot = resolve(import.meta.dirname, "../../..");
const python = process.env.TEILHABE_PYTHON ?? join(repoRoot, ".venv/bin/python");
const dist = join(repoRoot, "frontend/dist");

declare module "vitest" {
  export interface ProvidedContext {
    /** One address per worker, in the order of VITEST_POOL_ID (1, 2, …). */
    baseUrls: string[];
    /**
     * The backend's settings per worker, in the same order: what a test needs to run a command of
     * `python -m api` against its own backend's database (support/backend.ts, runCli).
     */
    backendEnvs: Record<string, string>[];
    /** Each backend's log (uvicorn's access and error log, as in production), in the same order. */
    backendLogs: string[];
  }
}

// Asynchronous, so the backends of several workers migrate and load the demo at the same time.
const run = promisify(execFile);

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl: string, backend: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (backend.exitCode !== null) throw new Error(`the backend stopped with exit code ${backend.exitCode}`);
    try {
      const response = await fetch(`${baseUrl}/api/v1/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`the backend did not answer on ${baseUrl} within 120 s`);
}

type Backend = { baseUrl: string; env: Record<string, string>; log: string; stop: () => Promise<void> };

async function startBackend(): Promise<Backend> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const workdir = mkdtempSync(join(tmpdir(), "teilhabe-e2e-"));
  const env = {
    ...process.env,
    TEILHABE_ENVIRONMENT: "development",
    TEILHABE_DATABASE_URL: `sqlite+aiosqlite:///${join(workdir, "e2e.db")}`,
    TEILHABE_FRONTEND_DIST: dist,
    TEILHABE_PUBLIC_BASE_URL: baseUrl,
    TEILHABE_MAIL_TRANSPORT: "capture",
    TEILHABE_WORKER_IN_PROCESS: "true",
    TEILHABE_WORKER_INTERVAL_SECONDS: "0.5",
    TEILHABE_RATE_LIMIT_SIGNUP: "",
    TEILHABE_RATE_LIMIT_CONFIRM: "",
    TEILHABE_RATE_LIMIT_LOGIN: "",
    // Every browser of the tests is one address; the cap on unconfirmed sign-ups has tests of its own.
    TEILHABE_UNCONFIRMED_PER_CLIENT: "1000",
    // Every request in the log (uvicorn's access log), which goes to a file the tests can read.
    TEILHABE_LOG_LEVEL: "info",
    PYTHONUNBUFFERED: "1",
    // The demo kickoff is two weeks away; the manage page shows its online access details only from
    // this many hours before the start (48 by default). 1440 h (60 days, the most the API allows)
    // makes them visible in the browser tests.
    TEILHABE_ACCESS_DETAILS_LEAD_HOURS: "1440",
  };
  for (const command of ["migrate", "seed-demo"]) {
    await run(python, ["-m", "api", command], { cwd: repoRoot, env });
  }
  const backend = spawn(python, ["-m", "api", "serve", "--host", "127.0.0.1", "--port", String(port)], {
    cwd: repoRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The access log (stdout) goes to the file only; errors (stderr) to the file and the console.
  const log = join(workdir, "backend.log");
  const logFile = createWriteStream(log);
  backend.stdout?.pipe(logFile, { end: false });
  backend.stderr?.on("data", (chunk: Buffer) => {
    logFile.write(chunk);
    process.stderr.write(chunk);
  });
  await waitForHealth(baseUrl, backend);
  // Only the backend's own settings; the test's process has the rest of the environment itself.
  const settings = Object.fromEntries(Object.entries(env).filter(([name, value]) => name.startsWith("TEILHABE_") && value !== undefined)) as Record<string, string>;
  return {
    baseUrl,
    env: settings,
    log,
    stop: async () => {
      backend.kill("SIGTERM");
      if (backend.exitCode === null) await new Promise((done) => backend.once("exit", done));
      logFile.end();
      rmSync(workdir, { recursive: true, force: true });
    },
  };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(join(dist, "index.html"))) throw new Error("frontend/dist is missing: run `npm run build` first");
  if (!existsSync(python)) throw new Error(`no Python at ${python}: run \`make test\` from the repository root`);
  // As many backends as files run at once (maxWorkers in vitest.browser.config.ts).
  const workers = Math.max(1, Number(project.config.maxWorkers) || 1);
  const started = await Promise.allSettled(Array.from({ length: workers }, () => startBackend()));
  const backends = started.flatMap((result) => (result.status === "fulfilled" ? [result.value] : []));
  const stopAll = async () => {
    await Promise.all(backends.map((backend) => backend.stop()));
  };
  const failed = started.find((result) => result.status === "rejected");
  if (failed) {
    await stopAll();
    throw failed.reason;
  }
  project.provide("baseUrls", backends.map((backend) => backend.baseUrl));
  project.provide("backendEnvs", backends.map((backend) => backend.env));
  project.provide("backendLogs", backends.map((backend) => backend.log));
  return stopAll;
}
