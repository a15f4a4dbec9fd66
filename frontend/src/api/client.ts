// The one typed API client. Types come from ../openapi.yaml through `npm run gen:api`; never edit
// schema.d.ts by hand (a unit test fails when it is stale).
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Problem = Schemas["Problem"];
export type FieldError = Schemas["FieldError"];

// Empty: the API is on the same origin (served by the backend). A static host sets VITE_API_ORIGIN
// at build time, e.g. https://teilhabe.musterstadt.de, and lists its own origin in TEILHABE_CORS_ORIGINS.
export const apiOrigin: string = (import.meta.env.VITE_API_ORIGIN as string | undefined) ?? "";

export const api = createClient<paths>({ baseUrl: apiOrigin || globalThis.location?.origin || "" });

// The reader's language, sent with every request as Accept-Language: the API answers the city's texts
// (and its refusals) in it where it has them. Kept here, not read from i18next, so the client stays
// free of the UI's set-up; src/i18n sets it whenever the language changes.
let requestLanguage = "de";
const languageListeners = new Set<() => void>();

export function setRequestLanguage(code: string): void {
  if (code === requestLanguage) return;
  requestLanguage = code;
  for (const listener of languageListeners) listener();
}

export function getRequestLanguage(): string {
  return requestLanguage;
}

/** Tells `listener` of every new language (useLoading asks for its data again then); returns the unsubscribe. */
export function onRequestLanguage(listener: () => void): () => void {
  languageListeners.add(listener);
  return () => languageListeners.delete(listener);
}

// Registered first, so the staff token middleware sends (and retries) the request with the header.
api.use({
  onRequest({ request }) {
    request.headers.set("Accept-Language", requestLanguage);
    return request;
  },
});

/** Lets the staff console attach its bearer token (and refresh it) without the public site knowing. */
export function useMiddleware(middleware: Middleware): () => void {
  api.use(middleware);
  return () => api.eject(middleware);
}

/** An absolute URL of an API path, for links the browser follows itself (CSV, .ics). */
export function apiUrl(path: string): string {
  return `${apiOrigin}${path}`;
}
