import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Problem } from "../api/client";
import { usePageTitle } from "../components/usePageTitle";
import { problemMessage } from "./problems";
import { isNotFound, type Resource } from "./resource";

/** The page for unknown addresses and for ids the API does not know (or does not show). */
export function NotFoundPage() {
  const { t } = useTranslation("public");
  usePageTitle(t("notFound.title"));
  return (
    <>
      <h1>{t("notFound.title")}</h1>
      <p>{t("common:notFound")}</p>
      <p>{t("notFound.hint")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </>
  );
}

/** A request failed for another reason than "not found": say so, with the API's reason. */
export function LoadFailed({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation("public");
  usePageTitle(t("loadFailed.title"));
  return (
    <>
      <h1>{t("loadFailed.title")}</h1>
      <div className="notice warning" role="alert">
        <p>{problemMessage(problem, t)}</p>
      </div>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t("loadFailed.retry")}
        </button>
      )}
    </>
  );
}

/** Loading is announced (role=status); a 404 shows the not-found page; other errors say what went wrong. */
export function Loaded<T>({
  resource,
  onRetry,
  children,
}: {
  resource: Resource<T>;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  const { t } = useTranslation("common");
  if (resource.state === "loading") {
    return (
      <p role="status" className="loading">
        {t("loading")}
      </p>
    );
  }
  if (resource.state === "failed") {
    return isNotFound(resource.problem) ? <NotFoundPage /> : <LoadFailed problem={resource.problem} onRetry={onRetry} />;
  }
  return <>{children(resource.data)}</>;
}
