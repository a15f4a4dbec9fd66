// The one login of this browser tab, coordinated with the other tabs that hold a copy of it.
import { api } from "../../api/client";
import { type RefreshOutcome, type Rotation, TokenSession } from "./tokenSession";

const LOCK_NAME = "teilhabe.staff.refresh";
const CHANNEL_NAME = "teilhabe.staff.tokens";

function tabStorage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null; // storage blocked: the login lasts this page view
  }
}

async function refreshThroughApi(refreshToken: string): Promise<RefreshOutcome> {
  const { data, response } = await api.POST("/api/v1/auth/refresh", { body: { refresh_token: refreshToken } });
  if (data) return data;
  // 401: expired, revoked or reused; 422: a malformed token. Anything else (5xx) may pass: try again later.
  if (response.status === 401 || response.status === 422) return "login-ended";
  throw new Error(`refresh failed with ${response.status}`);
}

/**
 * One refresh at a time across the browser's tabs. When another tab held the lock, its news of new
 * tokens is given a moment to arrive before this tab looks at its own tokens again.
 */
async function acrossTabs<T>(task: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  if (!locks) return task();
  let done = false;
  let result: T | undefined;
  await locks.request(LOCK_NAME, { ifAvailable: true }, async (lock) => {
    if (!lock) return;
    done = true;
    result = await task();
  });
  if (done) return result as T;
  return locks.request(LOCK_NAME, async () => {
    await new Promise((settle) => setTimeout(settle, 50));
    return task();
  });
}

const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL_NAME) : null;

export const staffSession = new TokenSession({
  storage: tabStorage(),
  refresh: refreshThroughApi,
  exclusive: acrossTabs,
  announce: (rotation) => channel?.postMessage(rotation),
});

channel?.addEventListener("message", (event: MessageEvent<Rotation>) => {
  if (event.data?.previous && event.data.pair) staffSession.adopt(event.data);
});
