import { apiUrl, getRequestLanguage } from "../../api/client";
import { asProblem } from "../../api/problem";
import { authorizedFetch } from "../auth/authorizedFetch";
import { staffSession } from "../auth/staffSession";

/** The file name from `Content-Disposition: attachment; filename="…"` (or filename*=UTF-8''…). */
export function filenameFrom(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/**
 * Downloads a CSV export. It needs the bearer token, so a plain link cannot do it: the file is
 * fetched as a blob and handed to the browser through an object URL, under the server's file name.
 */
export async function downloadFile(path: string, query: Record<string, string | undefined>, fallbackName: string) {
  const url = new URL(apiUrl(path), globalThis.location.origin);
  for (const [key, value] of Object.entries(query)) if (value) url.searchParams.set(key, value);
  // Not through the API client, so the reader's language is set here: a file's headings (and a
  // refusal) come in it.
  const request = new Request(url, { headers: { "Accept-Language": getRequestLanguage() } });
  const response = await authorizedFetch(staffSession, request, (authorized) => fetch(authorized));
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => null);
    throw asProblem(body, response.status);
  }
  const blob = await response.blob();
  const objectUrl = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = objectUrl;
  link.download = filenameFrom(response.headers.get("Content-Disposition"), fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file; give it a moment before the URL is freed.
  setTimeout(() => URL.revokeObjectURL(objectUrl), 10_000);
}
