import { useTranslation } from "react-i18next";
import type { FormErrors } from "./formErrors";

/**
 * The error summary of a small secondary form (a phase, a reason): announced at once, each entry
 * linked to its field. The page's main form keeps the shared ErrorSummary, which exists once per page.
 */
export function InlineErrors({ errors, labels }: { errors: FormErrors; labels: Record<string, string> }) {
  const { t } = useTranslation("common");
  const entries = Object.entries(errors.fields);
  if (!errors.message && !entries.length) return null;
  return (
    <div className="inline-errors" role="alert">
      <p className="error-message">
        <span aria-hidden="true">⚠ </span>
        {errors.message ?? t("errorSummaryTitle")}
      </p>
      {entries.length > 0 && (
        <ul>
          {entries.map(([name, message]) => (
            <li key={name}>
              <a href={`#field-${name}`}>
                {labels[name] ? `${labels[name]}: ` : ""}
                {message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
