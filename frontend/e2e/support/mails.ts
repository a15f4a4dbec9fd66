// Reads the captured mails through the development endpoint, as a new user would in the staff console.
import { runPython } from "./backend";
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

// The newest mail to an address, read from the outbox in the backend's database.
const READ_OUTBOX = `
import asyncio, json, sys
from sqlalchemy import select
from api.config import get_settings
from api.db import make_engine, make_sessionmaker
from api.notifications.models import OutboxMessage

async def main():
    engine = make_engine(get_settings().database_url)
    async with make_sessionmaker(engine)() as session:
        mail = await session.scalar(
            select(OutboxMessage).where(OutboxMessage.recipient == sys.argv[1]).order_by(OutboxMessage.created_at.desc()).limit(1)
        )
        print(json.dumps(mail and {k: str(getattr(mail, k)) for k in ("recipient", "subject", "body_text", "kind", "created_at")}))
    await engine.dispose()

asyncio.run(main())
`;

/**
 * The newest captured mail to `recipient` in any city. The development endpoint shows an admin only
 * their own city's mails, so the invitation of a city that was just created (by the operator, or by
 * `python -m api create-city`) is read from the backend's outbox instead.
 */
export async function outboxMail(recipient: string): Promise<CapturedMail> {
  const { stdout } = await runPython(["-c", READ_OUTBOX, recipient]);
  const mail = JSON.parse(stdout) as CapturedMail | null;
  if (!mail) throw new Error(`no mail to ${recipient} in the outbox`);
  return mail;
}
