// One person of a data-protection request: everything the city holds about them (the same data as the
// export), the export as a JSON file (Art. 15 and 20 DSGVO) and the erasure (Art. 17) after a step that
// says in plain words what goes and what stays.
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ConfirmStep, DataButton, DataState } from "../components/DataActions";
import { DefinitionList } from "../components/DefinitionList";
import { Forbidden } from "../components/Forbidden";
import { StatusTag } from "../components/StatusTag";
import { downloadFile } from "../lib/download";
import { useFormat } from "../lib/useFormat";

export function PrivacyPersonPage() {
  const { t } = useTranslation("staffData");
  const me = useMe();
  const format = useFormat();
  const navigate = useNavigate();
  const { participantId = "" } = useParams();
  const path = { params: { path: { participant_id: participantId } } };
  const held = useLoading(() => must(api.GET("/api/v1/staff/participants/{participant_id}/export", path)), [participantId]);
  usePageTitle(held.data ? t("person.title", { name: held.data.person.full_name }) : t("privacy.title"));
  if (!can(me, "privacy:manage")) return <Forbidden />;
  return (
    <DataState loading={held} heading={t("privacy.title")}>
      {(data) => {
        const person = data.person;
        return (
          <>
            <p className="context-link">
              <Link to="/staff/privacy">{t("person.back")}</Link>
            </p>
            <h1>{t("person.title", { name: person.full_name })}</h1>
            <p>{t("person.intro", { count: data.retention_months })}</p>
            <section aria-labelledby="person-facts">
              <h2 id="person-facts">{t("person.facts")}</h2>
              <DefinitionList
                items={[
                  [t("privacy.name"), person.full_name],
                  [t("privacy.email"), person.email ? <span dir="ltr">{person.email}</span> : null],
                  [t("privacy.phone"), person.phone ? <span dir="ltr">{person.phone}</span> : null],
                  [t("privacy.affiliation"), person.affiliation],
                  [t("person.category"), t(`staff:enums.category.${person.category}`)],
                  [t("person.language"), t(`staff:languages.${person.preferred_language}`, { defaultValue: person.preferred_language })],
                  [t("person.since"), format.dateTime(person.created_at)],
                ]}
              />
            </section>
            <section aria-labelledby="person-consents">
              <h2 id="person-consents">{t("person.consents")}</h2>
              {data.consents.length === 0 ? (
                <p>{t("person.noConsents")}</p>
              ) : (
                <ul>
                  {data.consents.map((consent) => (
                    <li key={`${consent.privacy_notice_version}-${consent.given_at}`}>
                      {t("person.consent", {
                        version: consent.privacy_notice_version,
                        at: format.dateTime(consent.given_at),
                        channel: t(`staff:enums.channel.${consent.channel}`),
                      })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="person-registrations">
              <h2 id="person-registrations">{t("person.registrations")}</h2>
              {data.registrations.length === 0 ? (
                <p>{t("person.noRegistrations")}</p>
              ) : (
                <ul className="card-list">
                  {data.registrations.map((registration) => (
                    <li key={registration.id} className="card">
                      <h3 className="card-title">
                        {registration.event.title} <StatusTag kind="registration" status={registration.status} />
                      </h3>
                      <p>{format.range(registration.event.starts_at, registration.event.ends_at)}</p>
                      <p>{t("person.via", { channel: t(`staff:enums.channel.${registration.channel}`), at: format.dateTime(registration.created_at) })}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="person-memberships">
              <h2 id="person-memberships">{t("person.memberships")}</h2>
              {data.memberships.length === 0 ? (
                <p>{t("person.noMemberships")}</p>
              ) : (
                <ul className="card-list">
                  {data.memberships.map((membership) => (
                    <li key={membership.id} className="card">
                      <h3 className="card-title">
                        {membership.group.name} <StatusTag kind="membership" status={membership.status} />
                      </h3>
                      <p>{membership.group.process_title}</p>
                      <p>{t("person.via", { channel: t(`staff:enums.channel.${membership.channel}`), at: format.dateTime(membership.created_at) })}</p>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="person-mails">
              <h2 id="person-mails">{t("person.mails")}</h2>
              {data.mails.length === 0 ? (
                <p>{t("person.noMails")}</p>
              ) : (
                <ul>
                  {data.mails.map((mail, index) => (
                    <li key={index}>
                      {t("person.mail", { subject: mail.subject, at: format.dateTime(mail.created_at), status: t(`staff:mails.status.${mail.status}`) })}
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="person-requests">
              <h2 id="person-requests">{t("person.requests")}</h2>
              <h3>{t("person.exportTitle")}</h3>
              <p>{t("person.exportExplained")}</p>
              <DataButton className="primary" onAction={() => downloadFile(`/api/v1/staff/participants/${participantId}/export`, {}, "daten.json")}>
                {t("person.download")}
              </DataButton>
              <h3>{t("person.eraseTitle")}</h3>
              <ConfirmStep
                danger
                open={t("person.erase")}
                title={t("person.eraseQuestion", { name: person.full_name })}
                confirm={t("person.eraseConfirm")}
                reason={{ label: t("person.reason"), hint: t("person.reasonHint") }}
                onConfirm={async (reason) => {
                  const done = await must(api.POST("/api/v1/staff/participants/{participant_id}/erase", { ...path, body: { reason } }));
                  const counts = [
                    t("person.erasedRegistrations", { count: done.registrations_cancelled }),
                    t("person.erasedMemberships", { count: done.memberships_withdrawn }),
                    t("person.erasedMails", { count: done.mails_deleted }),
                  ].join(", ");
                  await navigate("/staff/privacy", { state: { flash: t("person.erased", { name: person.full_name, counts }) } });
                }}
              >
                <ul>
                  <li>{t("person.eraseWhat.contact")}</li>
                  <li>{t("person.eraseWhat.kept")}</li>
                  <li>{t("person.eraseWhat.registrations")}</li>
                  <li>{t("person.eraseWhat.memberships")}</li>
                  <li>{t("person.eraseWhat.deleted")}</li>
                  <li>{t("person.eraseWhat.links")}</li>
                </ul>
                <p>
                  <strong>{t("person.eraseWhat.final")}</strong>
                </p>
              </ConfirmStep>
            </section>
          </>
        );
      }}
    </DataState>
  );
}
