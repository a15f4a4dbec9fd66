import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Problem } from "../../api/client";
import type { Loading } from "../../api/loading";
import { problemSlug } from "../../api/problem";
import { problemText } from "../../forms/problemWords";

/** The sentence for a failed load or action: the role refused, nothing there, or why, in the console's language. */
export function ProblemText({ problem }: { problem: Problem }) {
  const { t } = useTranslation(["staff", "staffWords"]);
  if (problem.status === 403 && problemSlug(problem) === "forbidden") return <>{t("staff:problem.forbidden")}</>;
  if (problem.status === 404) return <>{t("staff:problem.notFound")}</>;
  if (problem.status === 0) return <>{t("staff:problem.network")}</>;
  return <>{problemText(problem)}</>;
}

type PageStateProps<T> = {
  loading: Loading<T>;
  children: (data: T) => ReactNode;
  /** For a page whose heading comes with its data: the heading shown until then, so no page lacks one. */
  heading?: string;
};

/** Shows "loading" or the problem until the data is there, then the page itself. */
export function PageState<T>({ loading, children, heading }: PageStateProps<T>) {
  const { t } = useTranslation("staff");
  if (loading.state === "ready") return <>{children(loading.data)}</>;
  return (
    <>
      {heading && <h1>{heading}</h1>}
      {loading.state === "loading" ? (
        <p role="status">{t("loading")}</p>
      ) : (
        <div className="notice warning" role="alert">
          <p>
            <ProblemText problem={loading.problem} />
          </p>
        </div>
      )}
    </>
  );
}

/** A short confirmation after an action, announced politely (no focus jump). */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="status-region">
      {children ? <p className="notice success">{children}</p> : null}
    </div>
  );
}
