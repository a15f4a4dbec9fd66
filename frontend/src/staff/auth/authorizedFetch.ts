import type { Middleware } from "openapi-fetch";
import type { TokenSession } from "./tokenSession";

export type FetchFunction = (request: Request) => Promise<Response>;

function withToken(request: Request, token: string): Request {
  const authorized = new Request(request);
  authorized.headers.set("Authorization", `Bearer ${token}`);
  return authorized;
}

/**
 * Sends a request with the staff bearer token. A 401 means the token died on the way (expired,
 * or the server restarted its clock): one refresh, one retry, and then the answer stands — no loop.
 */
export async function authorizedFetch(session: TokenSession, request: Request, send: FetchFunction): Promise<Response> {
  const token = await session.validAccessToken();
  if (!token) return send(request);
  const copy = request.clone(); // the body can be read only once; the retry needs its own
  const first = await send(withToken(request, token));
  if (first.status !== 401) return first;
  // Another request may have refreshed meanwhile: then its token is used instead of spending another.
  const current = session.accessToken;
  const fresh = current && current !== token ? current : await session.refresh();
  if (!fresh) return first;
  return send(withToken(copy, fresh));
}

/** Which API paths carry the staff token; public ones never do, so residents' requests stay anonymous. */
export function needsStaffToken(schemaPath: string): boolean {
  return (
    schemaPath.startsWith("/api/v1/staff/") ||
    schemaPath === "/api/v1/staff" ||
    schemaPath === "/api/v1/me" ||
    schemaPath.startsWith("/api/v1/dev/") ||
    schemaPath.startsWith("/api/v1/platform/") ||
    schemaPath === "/api/v1/auth/password"
  );
}

/** openapi-fetch middleware: staff requests go out through authorizedFetch. */
export function authMiddleware(session: TokenSession, send: FetchFunction = (r) => fetch(r)): Middleware {
  return {
    async onRequest({ request, schemaPath }) {
      if (!needsStaffToken(schemaPath)) return undefined;
      // Answering here with the Response makes openapi-fetch skip its own fetch: the retry stays inside.
      return authorizedFetch(session, request, send);
    },
  };
}
