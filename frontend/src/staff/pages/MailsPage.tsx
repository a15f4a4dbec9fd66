import { type FormEvent, Fragment, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { PageState } from "../components/PageState";
import { useFormat } from "../lib/useFormat";

type Mail = Schemas["CapturedMail"];

const URL_PATTERN = /(https?:\/\/[^\s<>"')\]]+)/g;

/** The mail's plain text with every address made a link, so a sign-up can be followed by clicking. */
export function LinkedText({ text }: { text: string }) {
  const parts = text.split(URL_PATTERN);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? (
          <a key={index} href={part} dir="ltr">
            {part}
          </a>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

function MailItem({ mail, open }: { mail: Mail; open: boolean }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  return (
    <li className="card mail">
      <h2 className="card-title">{mail.subject}</h2>
      <ul className="facts">
        <li>
          <span className="fact-label">{t("mails.to")}:</span> <span dir="ltr">{mail.recipient}</span>
        </li>
        <li>
          <span className="fact-label">{t("mails.at")}:</span> {format.dateTime(mail.created_at)}
        </li>
        <li>
          <span className="fact-label">{t("mails.state")}:</span> {t(`mails.status.${mail.status}`)}
        </li>
      </ul>
      <details open={open}>
        <summary>{t("mails.showText", { subject: mail.subject })}</summary>
        <p className="mail-body" dir="auto">
          <LinkedText text={mail.body_text} />
        </p>
      </details>
    </li>
  );
}

/** Development only: the mails the system would have sent, to follow a sign-up or invitation end to end. */
export function MailsPage() {
  const { t } = useTranslation("staff");
  usePageTitle(t("mails.title"));
  const [recipient, setRecipient] = useState("");
  const [applied, setApplied] = useState("");
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const mails = useLoading(
    () => must(api.GET("/api/v1/dev/mails", { params: { query: { limit: 20, cursor, recipient: applied || undefined } } })),
    [applied, cursor],
    { keepWhileLoading: true },
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCursors([undefined]);
    setApplied(recipient.trim());
  };
  return (
    <>
      <h1>{t("mails.title")}</h1>
      <p>{t("mails.intro")}</p>
      <form className="toolbar filters" role="search" onSubmit={submit} aria-label={t("filters.label")}>
        <div className="field">
          <label htmlFor="mail-recipient">{t("mails.recipient")}</label>
          <input id="mail-recipient" type="search" value={recipient} onChange={(e) => setRecipient(e.target.value)} dir="ltr" />
        </div>
        <div className="filter-buttons">
          <button type="submit" className="primary">
            {t("filters.apply")}
          </button>
          <button type="button" onClick={() => mails.reload()}>
            {t("checkIn.refresh")}
          </button>
        </div>
      </form>
      <PageState loading={mails}>
        {(page) => (
          <>
            {page.items.length === 0 ? (
              <p>{t("mails.none")}</p>
            ) : (
              <ul className="card-list">
                {page.items.map((mail, index) => (
                  <MailItem key={mail.id} mail={mail} open={index === 0} />
                ))}
              </ul>
            )}
            <div className="button-row">
              {cursors.length > 1 && (
                <button type="button" onClick={() => setCursors((all) => all.slice(0, -1))}>
                  {t("actions.previous")}
                </button>
              )}
              {page.next_cursor && (
                <button type="button" onClick={() => setCursors((all) => [...all, page.next_cursor ?? undefined])}>
                  {t("actions.next")}
                </button>
              )}
            </div>
          </>
        )}
      </PageState>
    </>
  );
}
