// Finds the demo data (api/demo.py) through the public API, so tests name things as residents see them.
export const CITY = "musterstadt";
export const PROCESS = "integrationskonzept";

type EventSummary = { id: string; title: string; kind: string; format: string; group_id: string | null };
type GroupSummary = { id: string; name: string; membership_mode: string; signup_open: boolean };
type Process = { groups: GroupSummary[]; upcoming_events: EventSummary[] };

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export function demoProcess(baseUrl: string): Promise<Process> {
  return getJson<Process>(`${baseUrl}/api/v1/orgs/${CITY}/processes/${PROCESS}`);
}

export async function demoEvent(baseUrl: string, kind: "kickoff" | "conference"): Promise<EventSummary> {
  const event = (await demoProcess(baseUrl)).upcoming_events.find((candidate) => candidate.kind === kind);
  if (!event) throw new Error(`the demo has no ${kind}`);
  return event;
}

export async function demoGroups(baseUrl: string): Promise<GroupSummary[]> {
  return (await demoProcess(baseUrl)).groups;
}

/** A unique address per test run, so sign-ups never collide with earlier ones in the same database. */
export function uniqueEmail(label: string): string {
  return `${label}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
}

/** The secret of a mailed link: it rides in the fragment (`…/manage/registration#t=SECRET`). */
export function secretOf(link: string): string {
  const secret = new URLSearchParams(link.split("#")[1] ?? "").get("t");
  if (!secret) throw new Error(`no secret in the fragment of ${link}`);
  return secret;
}

/** Signs up through the API (not the page) and returns the manage token from the confirmation mail's link. */
/** The consent to the city's current privacy notice: other test files on the same backend may publish a new one. */
export async function currentConsent(baseUrl: string): Promise<{ privacy_notice_version: number }> {
  const notice = await getJson<{ version: number }>(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`);
  return { privacy_notice_version: notice.version };
}

export async function signUpByApi(
  baseUrl: string,
  eventId: string,
  email: string,
  answers: Record<string, unknown> = {},
): Promise<string> {
  const notice = await getJson<{ version: number }>(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`);
  const response = await fetch(`${baseUrl}/api/v1/orgs/${CITY}/events/${eventId}/registrations`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      full_name: "Amal Test",
      email,
      answers,
      consent: { privacy_notice_version: notice.version },
    }),
  });
  if (response.status !== 202) throw new Error(`sign-up failed: ${response.status} ${await response.text()}`);
  const { waitForMail, linkIn } = await import("./mails");
  const mail = await waitForMail(baseUrl, email, /.*/);
  return secretOf(linkIn(mail, /\/manage\/registration(\?[^#\s]*)?#t=[A-Za-z0-9_-]+/));
}

/** Applies to groups through the API and returns the membership manage token from the mail. */
export async function applyByApi(baseUrl: string, groupIds: string[], email: string): Promise<string> {
  const notice = await getJson<{ version: number }>(`${baseUrl}/api/v1/orgs/${CITY}/privacy-notice`);
  const response = await fetch(`${baseUrl}/api/v1/orgs/${CITY}/group-applications`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ full_name: "Amal Test", email, groups: groupIds, consent: { privacy_notice_version: notice.version } }),
  });
  if (response.status !== 202) throw new Error(`application failed: ${response.status} ${await response.text()}`);
  const { waitForMail, linkIn } = await import("./mails");
  const mail = await waitForMail(baseUrl, email, /.*/);
  return secretOf(linkIn(mail, /\/manage\/membership#t=[A-Za-z0-9_-]+/));
}

/** Follows the confirmation link of the newest application mail to `email`, as the person would. */
export async function confirmApplication(baseUrl: string, email: string): Promise<void> {
  const { waitForMail, linkIn } = await import("./mails");
  const mail = await waitForMail(baseUrl, email, /Bewerbung|application/);
  const secret = secretOf(linkIn(mail, /\/manage\/membership\?confirm=1#t=[A-Za-z0-9_-]+/));
  const confirmed = await fetch(`${baseUrl}/api/v1/manage/memberships/${secret}/confirm`, { method: "POST" });
  if (!confirmed.ok) throw new Error(`confirmation failed: ${confirmed.status} ${await confirmed.text()}`);
}

/** The demo process's id in a staff process list. Other test files add processes (one of them archived)
 * to the same backend, so "the first process" is not a stable choice. */
export function demoProcessId(items: { id: string; slug?: string }[]): string {
  const found = items.find((process) => process.slug === PROCESS);
  if (!found) throw new Error(`no process ${PROCESS} in the staff list`);
  return found.id;
}
