import { useEffect, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatRange } from "../../format";
import { Loaded, NotFoundPage } from "../Loaded";
import { useLanguage } from "../parts";
import { PersonFacts } from "./PersonFacts";

type Export = Schemas["PersonalDataExport"];
export type ManageKind = "registration" | "membership";

/** The data export of the person behind a manage link (both kinds of link lead to the same person). */
export function loadMyData(kind: ManageKind, token: string) {
  const path = { params: { path: { token } } };
  return must(
    kind === "registration"
      ? api.GET("/api/v1/manage/registrations/{token}/my-data", path)
      : api.GET("/api/v1/manage/memberships/{token}/my-data", path),
  );
}

/** `/manage/<kind>/data`: everything the city holds about me, to read and to download (Art. 15, 20 DSGVO). */
export function MyDataPage({ kind }: { kind: ManageKind }) {
  const token = useLinkSecret(kind);
  return token ? <MyDataOf kind={kind} token={token} /> : <NotFoundPage />;
}

function MyDataOf({ kind, token }: { kind: ManageKind; token: string }) {
  const page = useLoading(() => loadMyData(kind, token), [kind, token]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: Export) => <MyData data={data} back={`/manage/${kind}`} />}
    </Loaded>
  );
}

function MyData({ data, back }: { data: Export; back: string }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(t("myData.title"));
  // Every time in the export is in the city's zone; show them in it, whatever the reader's device says.
  const zone = data.controller.timezone;
  const at = (iso: string) => formatDateTime(iso, zone, language);
  const download = useMemo(
    () => URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
    [data],
  );
  useEffect(() => () => URL.revokeObjectURL(download), [download]);
  return (
    <>
      <h1>{t("myData.title")}</h1>
      <p>{t("myData.intro", { city: data.controller.name, date: at(data.generated_at) })}</p>
      <p>
        <a className="button primary" href={download} download="teilhabe-my-data.json">
          {t("myData.download")}
        </a>
      </p>

      <section aria-labelledby="person-title">
        <h2 id="person-title">{t("myData.person")}</h2>
        <dl className="facts">
          <PersonFacts person={data.person} nameLabel={t("form.fullName")} />
        </dl>
      </section>

      <section aria-labelledby="consents-title">
        <h2 id="consents-title">{t("myData.consents")}</h2>
        <ul>
          {data.consents.map((consent) => (
            <li key={`${consent.privacy_notice_version}-${consent.given_at}`}>
              {t("myData.consent", {
                version: consent.privacy_notice_version,
                date: at(consent.given_at),
                channel: t(`channel.${consent.channel}`),
              })}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="registrations-title">
        <h2 id="registrations-title">{t("myData.registrations")}</h2>
        {data.registrations.length === 0 ? (
          <p>{t("myData.none")}</p>
        ) : (
          <ul>
            {data.registrations.map((registration) => (
              <li key={registration.id}>
                <span className="strong">{registration.event.title}</span> –{" "}
                {formatRange(registration.event.starts_at, registration.event.ends_at, registration.event.timezone, language)} –{" "}
                {t(`registrationStatus.${registration.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="memberships-title">
        <h2 id="memberships-title">{t("myData.memberships")}</h2>
        {data.memberships.length === 0 ? (
          <p>{t("myData.none")}</p>
        ) : (
          <ul>
            {data.memberships.map((membership) => (
              <li key={membership.id}>
                <span className="strong">{membership.group.name}</span> ({membership.group.process_title}) –{" "}
                {t(`membershipStatus.${membership.status}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="mails-title">
        <h2 id="mails-title">{t("myData.mails")}</h2>
        {data.mails.length === 0 ? (
          <p>{t("myData.none")}</p>
        ) : (
          <ul>
            {data.mails.map((mail, index) => (
              <li key={`${mail.created_at}-${index}`}>
                {at(mail.created_at)}: {mail.subject}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="controller-title">
        <h2 id="controller-title">{t("myData.controller")}</h2>
        <address>
          <span className="strong">{data.controller.name}</span>
          {data.controller.office_name && (
            <>
              <br />
              {data.controller.office_name}
            </>
          )}
          {data.controller.address && (
            <>
              <br />
              {data.controller.address}
            </>
          )}
          {data.controller.contact_email && (
            <>
              <br />
              <a href={`mailto:${data.controller.contact_email}`} dir="ltr">
                {data.controller.contact_email}
              </a>
            </>
          )}
        </address>
        <p>{t("myData.retention", { count: data.retention_months })}</p>
      </section>

      <ul className="link-list">
        <li>
          <Link to={back}>{t("myData.back")}</Link>
        </li>
        <li>
          <Link to={`${back}/erase`}>{t("erase.link")}</Link>
        </li>
      </ul>
    </>
  );
}
