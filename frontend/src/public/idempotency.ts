// A sign-up sends an Idempotency-Key: a double click or a retry after a lost answer sends the same
// key with the same body, and the server replays its first answer instead of signing up twice.

function randomKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // crypto.randomUUID exists only on https and localhost; a site on plain http still gets a random key.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/** A new key per submitted form; the same key again while the body is unchanged (a retry). */
export function idempotencyKeys(): (body: unknown) => string {
  let last: { body: string; key: string } | null = null;
  return (body) => {
    const text = JSON.stringify(body);
    if (last?.body !== text) last = { body: text, key: randomKey() };
    return last.key;
  };
}
