// One sent message: its delivery report, its words per language, and who still needs a call.
import "./messages.css";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { languageName } from "../../format";
import { usePageTitle } from "../../components/usePageTitle";
import { PageState } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { PeopleToCall } from "./parts";

/** /staff/messages/:messageId */
export function MessagePage() {
  const { t, i18n } = useTranslation("staffMessages");
  const { messageId = "" } = useParams();
  const format = useFormat();
  const reader = i18n.resolvedLanguage ?? i18n.language;
  const loaded = useLoading(
    () => must(api.GET("/api/v1/staff/messages/{message_id}", { params: { path: { message_id: messageId } } })),
    [messageId],
    { keepWhileLoading: true },
  );
  usePageTitle(loaded.data ? t("messageTitle", { subject: loaded.data.subject }) : t("title"));
  return (
    <PageState loading={loaded} heading={t("title")}>
      {(message) => (
        <>
          <p>
            <Link to={`/staff/processes/${message.process_id}/messages`}>{t("backToList")}</Link>
          </p>
          {/* The subject isolated: a German subject keeps its order inside an Arabic heading. */}
          <h1>
            {t("messageLabel")} <bdi>{message.subject}</bdi>
          </h1>
          <p>
            {format.dateTime(message.created_at)}
            {message.sender_name && (
              <>
                {" · "}
                {t("by")}: <bdi>{message.sender_name}</bdi>
              </>
            )}
          </p>
          <section aria-labelledby="report-title">
            <h2 id="report-title">{t("report")}</h2>
            <dl className="facts">
              <div className="fact">
                <dt>{t("recipients")}</dt>
                <dd>{message.recipient_count}</dd>
              </div>
              <div className="fact">
                <dt>{t("reportSent")}</dt>
                <dd>{message.delivery.sent}</dd>
              </div>
              <div className="fact">
                <dt>{t("reportPending")}</dt>
                <dd>{message.delivery.pending}</dd>
              </div>
              <div className="fact">
                <dt>{t("reportFailed")}</dt>
                <dd>{message.delivery.failed}</dd>
              </div>
              <div className="fact">
                <dt>{t("reportBounced")}</dt>
                <dd>{message.delivery.bounced}</dd>
              </div>
            </dl>
            <button type="button" onClick={() => loaded.reload()}>
              {t("refresh")}
            </button>
          </section>
          <PeopleToCall people={message.to_call} />
          {Object.entries(message.texts).map(([language, text]) => (
            <section key={language} aria-labelledby={`text-${language}`}>
              <h2 id={`text-${language}`}>{t("textIn", { language: languageName(language, reader) })}</h2>
              <p lang={language} dir="auto">
                <strong>{text.subject}</strong>
              </p>
              <p className="mail-body" lang={language} dir="auto">
                {text.body}
              </p>
            </section>
          ))}
        </>
      )}
    </PageState>
  );
}
