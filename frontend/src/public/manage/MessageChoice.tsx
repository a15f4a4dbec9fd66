// Under a manage link: whether the person gets messages from the city's staff. Notices about changes to
// their own dates are not such messages and always come; the text says so.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Problem } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must, settle } from "../../api/outcome";
import { ProblemNotice } from "../Loaded";

type Kind = "registrations" | "memberships";

async function load(kind: Kind, token: string): Promise<boolean> {
  const path = { params: { path: { token } } };
  const answer =
    kind === "registrations"
      ? await must(api.GET("/api/v1/manage/registrations/{token}/messages", path))
      : await must(api.GET("/api/v1/manage/memberships/{token}/messages", path));
  return answer.receives_staff_messages;
}

export function MessageChoice({ kind, token }: { kind: Kind; token: string }) {
  const { t } = useTranslation("public");
  const choice = useLoading(() => load(kind, token), [kind, token]);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  if (choice.state !== "ready") return null; // the page itself says what went wrong, if anything did
  const receives = choice.data;

  async function change() {
    setBusy(true);
    setSaved(null);
    setProblem(null);
    const request = { params: { path: { token } }, body: { receives_staff_messages: !receives } };
    const outcome = await settle(
      kind === "registrations"
        ? api.PUT("/api/v1/manage/registrations/{token}/messages", request)
        : api.PUT("/api/v1/manage/memberships/{token}/messages", request),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    choice.replace(outcome.data.receives_staff_messages);
    setSaved(outcome.data.receives_staff_messages ? t("messageChoice.onNow") : t("messageChoice.offNow"));
  }

  return (
    <section aria-labelledby="message-choice-title">
      <h2 id="message-choice-title">{t("messageChoice.title")}</h2>
      <p>{receives ? t("messageChoice.on") : t("messageChoice.off")}</p>
      <p>{t("messageChoice.changesAlwaysCome")}</p>
      <button type="button" onClick={() => void change()} disabled={busy}>
        {receives ? t("messageChoice.stop") : t("messageChoice.start")}
      </button>
      <div role="status">{saved && <p className="notice success">{saved}</p>}</div>
      {problem && <ProblemNotice problem={problem} />}
    </section>
  );
}
