// Pieces the messages pages share: the people to call, the mail as a reader gets it, the delivery report.
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { languageName } from "../../format";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ContextLink } from "../components/ContextLink";

type Person = Schemas["PersonToCall"];
type Sample = Schemas["RenderedSample"];
type Report = Schemas["DeliveryReport"];
type Message = Schemas["StaffMessageOut"];

/** People without an e-mail address, with their phone numbers, for staff to tell by phone. */
export function PeopleToCall({ people, headingLevel = 2 }: { people: Person[]; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation("staffMessages");
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="people-to-call-title">
      <Heading id="people-to-call-title">{t("toCall")}</Heading>
      {people.length === 0 ? (
        <p>{t("toCallNone")}</p>
      ) : (
        <div className="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("name")}</th>
              <th scope="col">{t("phone")}</th>
            </tr>
          </thead>
          <tbody>
            {people.map((person) => (
              <tr key={person.participant_id}>
                <td>
                  <bdi>{person.full_name}</bdi>
                </td>
                <td>
                  {person.phone ? (
                    <a href={`tel:${person.phone.replace(/[^+\d]/g, "")}`} dir="ltr">
                      {person.phone}
                    </a>
                  ) : (
                    t("noPhone")
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}

/** Each language's mail as one reader gets it, in that language's direction. */
export function Samples({ samples }: { samples: Sample[] }) {
  const { t, i18n } = useTranslation("staffMessages");
  const reader = i18n.resolvedLanguage ?? i18n.language;
  return (
    <>
      <p className="hint">{t("linkLeftOut")}</p>
      {samples.map((sample) => {
        const language = languageName(sample.language, reader);
        return (
          <article key={sample.language} className="card mail-sample" aria-labelledby={`sample-${sample.language}`}>
            <h3 id={`sample-${sample.language}`}>
              {sample.recipient_name ? t("sampleFor", { name: sample.recipient_name, language }) : t("sampleAnyone", { language })}
            </h3>
            <p lang={sample.language} dir="auto">
              <strong>{sample.subject}</strong>
            </p>
            <p className="mail-body" lang={sample.language} dir="auto">
              {sample.body}
            </p>
          </article>
        );
      })}
    </>
  );
}

export function deliveryText(t: (key: string, values?: Record<string, number>) => string, report: Report): string {
  return t("deliveryText", { ...report });
}

/** The audience in words: "Signed up for “Kickoff”". */
export function audienceText(
  t: (key: string, values?: Record<string, string>) => string,
  message: Message,
  titles: Record<string, string>,
): string {
  const kind = message.audience.kind;
  if (kind === "process") return t("audienceOf.process");
  const id = kind === "group" ? message.group_id : message.event_id;
  return t(`audienceOf.${kind}`, { title: (id && titles[id]) || t("audienceOf.gone") });
}

/** The way from a process, event or group page to writing to its people; only for who may write there. */
export function MessagesLink({
  processId,
  title,
  eventId,
  groupId,
}: {
  processId: string;
  title: string;
  eventId?: string;
  groupId?: string | null;
}) {
  const { t } = useTranslation("staffMessages");
  const me = useMe();
  const scope = { processId, groupId: groupId ?? null };
  if (!(eventId || groupId ? can(me, "people:message", scope) : can(me, "people:message"))) return null;
  const base = `/staff/processes/${processId}/messages`;
  if (eventId)
    return <ContextLink to={`${base}?event=${eventId}`} text={t("writeToEvent")} name={t("writeToEventName", { title })} />;
  if (groupId)
    return <ContextLink to={`${base}?group=${groupId}`} text={t("writeToGroup")} name={t("writeToGroupName", { name: title })} />;
  return <ContextLink to={base} text={t("linkText")} name={t("linkName", { title })} />;
}
