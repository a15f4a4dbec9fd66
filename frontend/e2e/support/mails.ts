// Reads the captured mails through the development endpoint, as a new user would in the staff console.
export const DEMO_ADMIN = { email: "admin@musterstadt.example", password: "musterstadt-demo-2026" };

export async function staffToken(baseUrl: string, login = DEMO_ADMIN): Promise<string> {
  const response = await fetch(`${baseUrl}/api/v1/auth/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(login),
  });
  if (!response.ok) throw new Error(`staff login failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

type CapturedMail = { recipient: string; subject: string; body_text: string; kind: string; created_at: string };

/** Waits until a mail to `recipient` whose subject matches arrives, and returns the newest such mail. */
export async function waitForMail(baseUrl: string, recipient: string, subject: RegExp): Promise<CapturedMail> {
  const token = await staffToken(baseUrl);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/api/v1/dev/mails?recipient=${encodeURIComponent(recipient)}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    const { items } = (await response.json()) as { items: CapturedMail[] };
    const mail = items.find((candidate) => subject.test(candidate.subject));
    if (mail) return mail;
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`no mail to ${recipient} matching ${subject} within 20 s`);
}

export function linkIn(mail: CapturedMail, pattern: RegExp): string {
  const match = mail.body_text.match(pattern);
  if (!match) throw new Error(`no link matching ${pattern} in mail "${mail.subject}":\n${mail.body_text}`);
  return match[0];
}
