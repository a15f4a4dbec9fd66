// The staff login's tokens: refreshed once when several requests need it at the same moment (a
// refresh token spent twice ends the login), and a 401 leads to one refresh and one retry, no more.
import { describe, expect, test, vi } from "vitest";
import { authMiddleware, authorizedFetch } from "../src/staff/auth/authorizedFetch";
import { type RefreshCall, STORAGE_KEY, type TokenPair, TokenSession } from "../src/staff/auth/tokenSession";

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
    removeItem: (key: string) => void data.delete(key),
    data,
  };
}

function pair(n: number, expiresIn = 900): TokenPair {
  return { access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: expiresIn };
}

/** A refresh endpoint that hands out access-2, access-3, … and remembers what it was sent. */
function fakeRefresh() {
  let issued = 1;
  const seen: string[] = [];
  const call = vi.fn<RefreshCall>(async (token) => {
    seen.push(token);
    await new Promise((done) => setTimeout(done, 5));
    issued += 1;
    return pair(issued);
  });
  return { call, seen };
}

function loggedIn(refresh: RefreshCall, now = () => 1_000_000) {
  const storage = memoryStorage();
  const session = new TokenSession({ storage, refresh, now });
  session.start(pair(1));
  return { session, storage };
}

/** A server that accepts exactly one access token; everything else is 401. */
function server(valid: () => string) {
  const seen: string[] = [];
  const send = vi.fn(async (request: Request) => {
    const token = request.headers.get("Authorization")?.replace("Bearer ", "") ?? "";
    seen.push(token);
    const body = await request.text();
    return new Response(JSON.stringify({ token, body }), { status: token === valid() ? 200 : 401 });
  });
  return { send, seen };
}

describe("TokenSession", () => {
  test("keeps the tokens in the given (session) storage and forgets them at the end", () => {
    const { session, storage } = loggedIn(fakeRefresh().call);
    expect(JSON.parse(storage.data.get(STORAGE_KEY) ?? "{}")).toMatchObject({ accessToken: "access-1", refreshToken: "refresh-1" });
    const ended = vi.fn();
    session.onChange(ended);
    session.end();
    expect(storage.data.has(STORAGE_KEY)).toBe(false);
    expect(ended).toHaveBeenCalledWith(false);
  });

  test("concurrent refreshes share one request and spend the refresh token once", async () => {
    const refresh = fakeRefresh();
    const { session } = loggedIn(refresh.call);
    const tokens = await Promise.all([session.refresh(), session.refresh(), session.refresh()]);
    expect(tokens).toEqual(["access-2", "access-2", "access-2"]);
    expect(refresh.seen).toEqual(["refresh-1"]);
    await session.refresh(); // a later refresh uses the rotated token
    expect(refresh.seen).toEqual(["refresh-1", "refresh-2"]);
  });

  test("refreshes before sending when the access token is about to run out", async () => {
    const refresh = fakeRefresh();
    let now = 1_000_000;
    const { session } = loggedIn(refresh.call, () => now);
    expect(await session.validAccessToken()).toBe("access-1");
    now += 890_000; // 10 s before the 15 minutes are over
    expect(await session.validAccessToken()).toBe("access-2");
    expect(refresh.call).toHaveBeenCalledTimes(1);
  });

  test("a refused refresh ends the login and tells the listeners", async () => {
    const { session } = loggedIn(async () => "login-ended");
    const listener = vi.fn();
    session.onChange(listener);
    expect(await session.refresh()).toBeNull();
    expect(session.isLoggedIn()).toBe(false);
    expect(listener).toHaveBeenCalledWith(false);
  });

  test("a network failure during the refresh keeps the login", async () => {
    const { session } = loggedIn(async () => {
      throw new Error("offline");
    });
    await expect(session.refresh()).rejects.toThrow("offline");
    expect(session.accessToken).toBe("access-1");
  });
});

describe("two tabs with a copy of the same login", () => {
  test("refresh once between them: the second tab adopts the first tab's new tokens", async () => {
    const refresh = fakeRefresh();
    let queue: Promise<unknown> = Promise.resolve();
    const exclusive = <T,>(task: () => Promise<T>): Promise<T> => {
      const run = queue.then(task);
      queue = run.catch(() => undefined);
      return run;
    };
    const tabs: TokenSession[] = [];
    for (let n = 0; n < 2; n++) {
      const tab = new TokenSession({
        storage: memoryStorage(),
        refresh: refresh.call,
        now: () => 1_000_000,
        exclusive,
        announce: (rotation) => tabs.filter((other) => other !== tab).forEach((other) => other.adopt(rotation)),
      });
      tab.start(pair(1)); // a tab opened from a link starts with a copy of the tokens
      tabs.push(tab);
    }
    expect(await Promise.all(tabs.map((tab) => tab.refresh()))).toEqual(["access-2", "access-2"]);
    expect(refresh.seen).toEqual(["refresh-1"]); // the spent token never goes out twice
    expect(tabs.map((tab) => tab.refreshToken)).toEqual(["refresh-2", "refresh-2"]);
  });

  test("news from a tab with another login is ignored", () => {
    const { session } = loggedIn(fakeRefresh().call);
    session.adopt({ previous: "someone-else", pair: pair(9) });
    expect(session.accessToken).toBe("access-1");
  });
});

describe("authorizedFetch", () => {
  test("sends the bearer token", async () => {
    const { session } = loggedIn(fakeRefresh().call);
    const api = server(() => "access-1");
    const response = await authorizedFetch(session, new Request("http://test/api/v1/me"), api.send);
    expect(response.status).toBe(200);
    expect(api.seen).toEqual(["access-1"]);
  });

  test("a 401 triggers one refresh and one retry, with the request body intact", async () => {
    const refresh = fakeRefresh();
    const { session } = loggedIn(refresh.call);
    const api = server(() => "access-2"); // the server no longer takes access-1
    const request = new Request("http://test/api/v1/staff/events", { method: "POST", body: '{"title":"Workshop"}' });
    const response = await authorizedFetch(session, request, api.send);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ token: "access-2", body: '{"title":"Workshop"}' });
    expect(api.seen).toEqual(["access-1", "access-2"]);
    expect(refresh.call).toHaveBeenCalledTimes(1);
  });

  test("requests failing together with 401 cause a single refresh", async () => {
    const refresh = fakeRefresh();
    const { session } = loggedIn(refresh.call);
    const api = server(() => "access-2");
    const answers = await Promise.all(
      ["a", "b", "c"].map((path) => authorizedFetch(session, new Request(`http://test/api/v1/staff/${path}`), api.send)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
    expect(refresh.call).toHaveBeenCalledTimes(1);
    expect(api.send).toHaveBeenCalledTimes(6);
  });

  test("a second 401 after the retry is the answer: no loop", async () => {
    const refresh = fakeRefresh();
    const { session } = loggedIn(refresh.call);
    const api = server(() => "never");
    const response = await authorizedFetch(session, new Request("http://test/api/v1/me"), api.send);
    expect(response.status).toBe(401);
    expect(api.send).toHaveBeenCalledTimes(2);
    expect(refresh.call).toHaveBeenCalledTimes(1);
  });

  test("when the refresh is refused, the 401 stands and the login ends", async () => {
    const { session } = loggedIn(async () => "login-ended");
    const api = server(() => "access-2");
    const response = await authorizedFetch(session, new Request("http://test/api/v1/me"), api.send);
    expect(response.status).toBe(401);
    expect(api.send).toHaveBeenCalledTimes(1);
    expect(session.isLoggedIn()).toBe(false);
  });
});

describe("authMiddleware", () => {
  test("adds the token to staff paths only; residents' requests stay anonymous", async () => {
    const { session } = loggedIn(fakeRefresh().call);
    const api = server(() => "access-1");
    const middleware = authMiddleware(session, api.send);
    const call = (schemaPath: string) =>
      middleware.onRequest?.({ request: new Request(`http://test${schemaPath}`), schemaPath, params: {}, options: {} as never, id: "1" });
    expect(await call("/api/v1/orgs/{org_slug}/events")).toBeUndefined();
    expect(await call("/api/v1/auth/token")).toBeUndefined();
    const staff = await call("/api/v1/staff/events");
    expect(staff).toBeInstanceOf(Response);
    expect(api.seen).toEqual(["access-1"]);
  });
});
