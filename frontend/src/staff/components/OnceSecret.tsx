import { useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type OnceSecretProps = {
  /** The heading: what the secret is for ("The signing secret of …"). */
  title: string;
  /** The plain-words note: shown once, where it goes, what to do when it is lost. */
  note: string;
  secret: string;
  /** Hides the box (the person has copied the secret). */
  onDone: () => void;
};

/**
 * A key or signing secret the API shows exactly once. Focus moves to the box, so a screen reader reads the
 * note and the secret; the copy button puts it on the clipboard and says so.
 */
export function OnceSecret({ title, note, secret, onDone }: OnceSecretProps) {
  const { t } = useTranslation("staffData");
  const box = useRef<HTMLElement>(null);
  const code = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const headingId = useId();
  useEffect(() => {
    setCopied(null);
    box.current?.focus();
  }, [secret]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied("yes");
    } catch {
      // No clipboard (an old browser, a blocked permission): select the text, so Ctrl+C copies it.
      const selection = globalThis.getSelection();
      if (selection && code.current) {
        const range = document.createRange();
        range.selectNodeContents(code.current);
        selection.removeAllRanges();
        selection.addRange(range);
      }
      setCopied("no");
    }
  };
  return (
    <section className="notice warning once-secret" tabIndex={-1} ref={box} aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{note}</p>
      <p>
        <code dir="ltr" className="secret" ref={code}>
          {secret}
        </code>
      </p>
      <div className="button-row">
        <button type="button" className="primary" onClick={() => void copy()}>
          {t("secret.copy")}
        </button>
        <button type="button" onClick={onDone}>
          {t("secret.done")}
        </button>
      </div>
      <div role="status">{copied && <p>{copied === "yes" ? t("secret.copied") : t("secret.copyByHand")}</p>}</div>
    </section>
  );
}
