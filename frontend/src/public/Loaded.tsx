import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { Problem } from "../api/client";
import type { Loading } from "../api/loading";
import { isNotFound } from "../api/problem";
import { usePageTitle } from "../components/usePageTitle";
import { problemMessage } from "./problems";

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

/** "Loading…", announced to screen readers; the browser tests wait for `.loading` to go away. */
export function LoadingNotice() {
  const { t } = useTranslation("common");
  return (
    <p role="status" className="loading">
      {t("loading")}
    </p>
  );
}

/** Why a request failed, in the reader's language where the problem type is known; announced at once. */
export function ProblemNotice({ problem }: { problem: Problem }) {
  const { t } = useTranslation("public");
  return (
    <div className="notice warning" role="alert">
      <p>{problemMessage(problem, t)}</p>
    </div>
  );
}

/** A request failed for another reason than "not found": say so, with the API's reason. */
export function LoadFailed({ problem, onRetry }: { problem: Problem; onRetry?: () => void }) {
  const { t } = useTranslation("public");
  usePageTitle(t("loadFailed.title"));
  return (
    <>
      <h1>{t("loadFailed.title")}</h1>
      <ProblemNotice problem={problem} />
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
  loading,
  onRetry,
  children,
}: {
  loading: Loading<T>;
  onRetry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (loading.state === "loading") return <LoadingNotice />;
  if (loading.state === "failed") {
    return isNotFound(loading.problem) ? <NotFoundPage /> : <LoadFailed problem={loading.problem} onRetry={onRetry} />;
  }
  return <>{children(loading.data)}</>;
}
