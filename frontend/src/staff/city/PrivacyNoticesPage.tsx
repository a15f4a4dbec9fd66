// Every version of the city's privacy notice (Datenschutzhinweis), and publishing a new one: a sign-up
// names the version its person agreed to, so a new version is published after a confirm step that
// says what it changes.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors, localProblem } from "../../forms/formErrors";
import { TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { PageState, StatusMessage } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { textOrNull } from "../lib/values";

type Notice = Schemas["PrivacyNoticeOut"];
const FIELDS = ["text", "url"] as const;

/** The confirm step: what publishing means for people, said before it happens. */
function ConfirmPublish({ version, submitting, onConfirm, onBack }: { version: number; submitting: boolean; onConfirm: () => void; onBack: () => void }) {
  const { t } = useTranslation("staffCity");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div className="notice warning" role="group" aria-labelledby="publish-confirm-title">
      <h3 id="publish-confirm-title" tabIndex={-1} ref={heading}>
        {t("privacy.confirmTitle", { version })}
      </h3>
      <p>{t("privacy.confirmText", { version })}</p>
      <div className="button-row">
        <button type="button" className="primary" disabled={submitting} onClick={onConfirm}>
          {t("privacy.confirmPublish", { version })}
        </button>
        <button type="button" onClick={onBack}>
          {t("privacy.confirmBack")}
        </button>
      </div>
    </div>
  );
}

function PublishForm({ next, onPublished }: { next: number; onPublished: (notice: Notice) => void }) {
  const { t } = useTranslation("staffCity");
  const state = useFormState({ text: "", url: "" });
  const [confirming, setConfirming] = useState(false);
  const { submitting, problem, setProblem, run } = useSubmit();
  const errors = formErrors(problem, FIELDS);
  const form = { ...state, errors: errors.fields };
  const labels = { text: t("privacy.fields.text"), url: t("privacy.fields.url") };
  const submitButton = useRef<HTMLButtonElement>(null);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!state.values.text.trim()) {
      setProblem(localProblem("text", t("privacy.textMissing")));
      return;
    }
    setProblem(null);
    setConfirming(true);
  };
  const publish = () =>
    void run(async () => {
      const notice = await must(api.POST("/api/v1/staff/organization/privacy-notices", { body: { text: state.values.text.trim(), url: textOrNull(state.values.url) } }));
      state.replace({ text: "", url: "" });
      setConfirming(false);
      onPublished(notice);
    }).then(() => setConfirming(false));

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <TextAreaField form={form} name="text" label={labels.text} hint={t("privacy.textHint")} rows={10} required />
      <TextField form={form} name="url" type="url" dir="ltr" label={labels.url} hint={t("privacy.urlHint")} />
      {confirming ? (
        <ConfirmPublish
          version={next}
          submitting={submitting}
          onConfirm={publish}
          onBack={() => {
            setConfirming(false);
            setTimeout(() => submitButton.current?.focus());
          }}
        />
      ) : (
        <button type="submit" className="primary" ref={submitButton}>
          {t("privacy.publish")}
        </button>
      )}
    </form>
  );
}

export function PrivacyNoticesPage() {
  const { t } = useTranslation("staffCity");
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("privacy.title"));
  const [notice, setNotice] = useState<string | null>(null);
  const notices = useLoading(() => must(api.GET("/api/v1/staff/organization/privacy-notices")), [], { keepWhileLoading: true });
  return (
    <>
      <p>
        <Link to="/staff/settings">{t("privacy.back")}</Link>
      </p>
      <h1>{t("privacy.title")}</h1>
      <p>{t("privacy.intro")}</p>
      <StatusMessage>{notice}</StatusMessage>
      <PageState loading={notices}>
        {(items) => {
          const sorted = [...items].sort((a, b) => b.version - a.version);
          const current = sorted[0]?.version ?? 0;
          return (
            <>
              <section aria-labelledby="privacy-versions-title">
                <h2 id="privacy-versions-title">{t("privacy.versions")}</h2>
                {sorted.length === 0 ? (
                  <p>{t("privacy.none")}</p>
                ) : (
                  <ul className="card-list">
                    {sorted.map((item) => (
                      <li key={item.version} className="card">
                        <h3 className="card-title">
                          {t("privacy.version", { version: item.version })}
                          {item.version === current && <span className="status-tag tone-good">{t("privacy.current")}</span>}
                        </h3>
                        <ul className="facts">
                          <li>
                            <span className="fact-label">{t("privacy.effective")}:</span> {format.dateTime(item.effective_at)}
                          </li>
                          <li>
                            <span className="fact-label">{t("privacy.link")}:</span>{" "}
                            {item.url ? (
                              <a href={item.url} dir="ltr">
                                {item.url}
                              </a>
                            ) : (
                              t("privacy.noLink")
                            )}
                          </li>
                        </ul>
                        <details>
                          <summary>{t("privacy.read", { version: item.version })}</summary>
                          <div className="notice-text">{item.text}</div>
                        </details>
                      </li>
                    ))}
                  </ul>
                )}
              </section>
              {can(me, "privacy:manage") && (
                <section aria-labelledby="privacy-publish-title">
                  <h2 id="privacy-publish-title">{t("privacy.newVersion", { version: current + 1 })}</h2>
                  <p>{t("privacy.newIntro")}</p>
                  <PublishForm
                    next={current + 1}
                    onPublished={(published) => {
                      setNotice(t("privacy.published", { version: published.version }));
                      notices.reload();
                    }}
                  />
                </section>
              )}
            </>
          );
        }}
      </PageState>
    </>
  );
}
