import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Problem } from "../../api/client";
import { settle } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { NotFoundPage, ProblemNotice } from "../Loaded";
import type { ManageKind } from "./MyDataPage";
import { DoneNotice } from "./RegistrationPage";

/**
 * `/manage/<kind>/erase`: the confirmation step before erasing all of a person's data (Art. 17
 * DSGVO). It says what will happen, and nothing happens until the person presses the red button.
 */
export function ErasePage({ kind }: { kind: ManageKind }) {
  const token = useLinkSecret(kind);
  return token ? <EraseStep kind={kind} token={token} /> : <NotFoundPage />;
}

function EraseStep({ kind, token }: { kind: ManageKind; token: string }) {
  const { t } = useTranslation("public");
  usePageTitle(t("erase.title"));
  const [state, setState] = useState<"asking" | "working" | "erased">("asking");
  const [problem, setProblem] = useState<Problem | null>(null);
  const back = `/manage/${kind}`;

  async function erase() {
    if (state === "working") return;
    setState("working");
    const path = { params: { path: { token } } };
    const outcome = await settle(
      kind === "registration"
        ? api.POST("/api/v1/manage/registrations/{token}/erase", path)
        : api.POST("/api/v1/manage/memberships/{token}/erase", path),
    );
    setState(outcome.ok ? "erased" : "asking");
    setProblem(outcome.ok ? null : outcome.problem);
  }

  if (state === "erased") {
    return (
      <>
        <h1>{t("erase.title")}</h1>
        <DoneNotice text={t("erase.done")} />
        <p>{t("erase.doneText")}</p>
        <p>
          <Link to="/">{t("notFound.home")}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1>{t("erase.title")}</h1>
      <div className="notice warning">
        <p className="strong">{t("erase.question")}</p>
        <ul>
          <li>{t("erase.consequenceSignUps")}</li>
          <li>{t("erase.consequenceData")}</li>
          <li>{t("erase.consequenceFinal")}</li>
        </ul>
      </div>
      <p>
        {t("erase.before")} <Link to={`${back}/data`}>{t("myData.show")}</Link>
      </p>
      {problem && <ProblemNotice problem={problem} />}
      <div className="button-row">
        <button type="button" className="danger" onClick={() => void erase()} aria-disabled={state === "working" || undefined}>
          {t("erase.confirm")}
        </button>
        <Link className="button" to={back}>
          {t("erase.keep")}
        </Link>
      </div>
      {state === "working" && (
        <p role="status" className="hint">
          {t("common:loading")}
        </p>
      )}
    </>
  );
}
