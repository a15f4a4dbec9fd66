import { type MouseEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";

type ErrorSummaryProps = {
  /** The problem's sentence (from the API's `detail` or a translated text). */
  message: string | null;
  /** Field name → message; each becomes a link that moves focus to the field. */
  fieldErrors?: Record<string, string>;
  /** Field name → the label people see. */
  labels?: Record<string, string>;
  /**
   * Changes with every failed submit (e.g. a counter), so the summary takes focus again even when
   * the errors are the same as last time.
   */
  focusKey?: number | string;
};

/** Moves focus to the field itself: a plain `#id` jump scrolls but leaves focus on the link in some browsers. */
function focusField(event: MouseEvent<HTMLAnchorElement>, name: string): void {
  const field = document.getElementById(`field-${name}`);
  if (!field) return;
  event.preventDefault();
  field.focus();
  field.scrollIntoView?.({ block: "center" });
}

/**
 * Shown above a form after a failed submit. It takes focus and is a role="alert" region, so screen
 * readers announce it; each entry links to its field (WCAG 3.3.1 and 3.3.3).
 */
export function ErrorSummary({ message, fieldErrors = {}, labels = {}, focusKey }: ErrorSummaryProps) {
  const { t } = useTranslation("common");
  const box = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fieldErrors);
  useEffect(() => {
    if (message || entries.length) box.current?.focus();
  }, [message, entries.length, focusKey]);
  if (!message && !entries.length) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={box} aria-labelledby="error-summary-title">
      <h2 id="error-summary-title">{t("errorSummaryTitle")}</h2>
      {message && <p>{message}</p>}
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, text]) => (
            <li key={name}>
              <a href={`#field-${name}`} onClick={(event) => focusField(event, name)}>
                {/* Isolated: a German question label ending in "?" keeps its "?" in an Arabic (rtl) page. */}
                {labels[name] ? (
                  <>
                    <bdi>{labels[name]}</bdi>:{" "}
                  </>
                ) : null}
                {text}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
