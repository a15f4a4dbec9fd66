// A process's messages: the ones sent, with their delivery, and the form to write a new one.
import "./messages.css";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { useMe } from "../auth/AuthContext";
import { can, moderatedGroupIds } from "../auth/permissions";
import { ContextLink } from "../components/ContextLink";
import { PageState } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { type Choices, MessageForm, startValues } from "./MessageForm";
import { audienceText, deliveryText, PeopleToCall } from "./parts";

type Message = Schemas["StaffMessageOut"];
type Sent = Schemas["StaffMessageDetail"];

/** Everything the form offers: the process's events and groups, and the city's languages (default first). */
async function loadChoices(processId: string): Promise<Choices & { process: Schemas["ProcessStaff"] }> {
  const process = must(api.GET("/api/v1/staff/processes/{process_id}", { params: { path: { process_id: processId } } }));
  const events = must(api.GET("/api/v1/staff/events", { params: { query: { process_id: processId, limit: 100 } } }));
  const groups = must(api.GET("/api/v1/staff/groups", { params: { query: { process_id: processId, limit: 100 } } }));
  const city = must(api.GET("/api/v1/staff/organization"));
  const [p, e, g, c] = await Promise.all([process, events, groups, city]);
  const languages = [c.default_language, ...c.languages.filter((code) => code !== c.default_language)];
  return {
    process: p,
    events: e.items.map((event) => ({ id: event.id, title: event.title })),
    groups: g.items.map((group) => ({ id: group.id, name: group.name })),
    languages,
  };
}

function SentList({ messages, titles }: { messages: Message[]; titles: Record<string, string> }) {
  const { t } = useTranslation("staffMessages");
  const format = useFormat();
  if (messages.length === 0) return <p>{t("noneSent")}</p>;
  return (
    <div className="table-scroll">
      <table>
        <thead>
          <tr>
            <th scope="col">{t("subject")}</th>
            <th scope="col">{t("to")}</th>
            <th scope="col">{t("at")}</th>
            <th scope="col">{t("recipients")}</th>
            <th scope="col">{t("delivery")}</th>
            <th scope="col">{t("toCallCount")}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <td>
                <ContextLink
                  to={`/staff/messages/${message.id}`}
                  text={message.subject}
                  name={t("detailsOf", { subject: message.subject })}
                />
              </td>
              <td>{audienceText(t, message, titles)}</td>
              <td>
                {format.dateTime(message.created_at)}
                {message.sender_name && (
                  <>
                    <br />
                    {t("by")}: <bdi>{message.sender_name}</bdi>
                  </>
                )}
              </td>
              <td>{message.recipient_count}</td>
              <td>{deliveryText(t, message.delivery)}</td>
              <td>{message.to_call_count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** /staff/processes/:processId/messages — `?event=…` (`&list=waiting`) or `?group=…` picks the audience. */
export function MessagesPage() {
  const { t } = useTranslation("staffMessages");
  const { processId = "" } = useParams();
  const [params] = useSearchParams();
  const me = useMe();
  const [justSent, setJustSent] = useState<Sent | null>(null);
  const [round, setRound] = useState(0);
  const choices = useLoading(() => loadChoices(processId), [processId], { keepWhileLoading: true });
  const sent = useLoading(
    () => must(api.GET("/api/v1/staff/processes/{process_id}/messages", { params: { path: { process_id: processId }, query: { limit: 50 } } })),
    [processId],
    { keepWhileLoading: true },
  );
  usePageTitle(choices.data ? t("titleOf", { title: choices.data.process.title }) : t("title"));
  // The server judges each audience; the form shows to whoever may write to some part of the process.
  const mayWrite = (groups: Choices["groups"]) =>
    can(me, "people:message", { processId }) ||
    groups.some((group) => moderatedGroupIds(me).includes(group.id) && can(me, "people:message", { processId, groupId: group.id }));
  return (
    <PageState loading={choices} heading={t("title")}>
      {(loaded) => {
        const titles: Record<string, string> = Object.fromEntries([
          ...loaded.events.map((event) => [event.id, event.title]),
          ...loaded.groups.map((group) => [group.id, group.name]),
        ]);
        return (
          <>
            <p>
              <Link to={`/staff/processes/${processId}`}>{t("backToProcess", { title: loaded.process.title })}</Link>
            </p>
            <h1>{t("titleOf", { title: loaded.process.title })}</h1>
            <p>{t("intro")}</p>
            {mayWrite(loaded.groups) && (
              <section aria-labelledby="compose-title">
                <h2 id="compose-title">{t("compose")}</h2>
                <MessageForm
                  key={round}
                  processId={processId}
                  choices={loaded}
                  start={startValues(loaded.languages, params)}
                  onSent={(message) => {
                    setJustSent(message);
                    setRound((n) => n + 1);
                    sent.reload();
                  }}
                />
              </section>
            )}
            {justSent && (
              <section aria-labelledby="just-sent-title" className="notice success">
                <h2 id="just-sent-title">{t("sent")}</h2>
                <PeopleToCall people={justSent.to_call} headingLevel={3} />
              </section>
            )}
            <section aria-labelledby="sent-title">
              <h2 id="sent-title">{t("sentList")}</h2>
              <button type="button" onClick={() => sent.reload()}>
                {t("refresh")}
              </button>
              <PageState loading={sent}>{(page) => <SentList messages={page.items} titles={titles} />}</PageState>
            </section>
          </>
        );
      }}
    </PageState>
  );
}
