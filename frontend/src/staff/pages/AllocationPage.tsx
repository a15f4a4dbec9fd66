import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../format";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton } from "../components/Actions";
import { Forbidden } from "../components/Forbidden";
import { PageState, StatusMessage } from "../components/PageState";

type Allocation = Schemas["AllocationOut"];
type Person = Schemas["AllocatedPerson"];

/**
 * `/staff/processes/:processId/allocation`: the places of the process's application groups, given by
 * everyone's ranked choices. A proposal changes nothing; staff read it, then accept it as a whole.
 */
export function AllocationPage() {
  const { t, i18n } = useTranslation("staffAllocation");
  const { processId = "" } = useParams();
  const me = useMe();
  const process = useLoading(
    () => must(api.GET("/api/v1/staff/processes/{process_id}", { params: { path: { process_id: processId } } })),
    [processId],
  );
  const [allocation, setAllocation] = useState<Allocation | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(t("title"));
  if (!can(me, "people:write", { processId })) return <Forbidden />;
  const path = { params: { path: { process_id: processId } } };

  async function propose(): Promise<void> {
    const proposal = await must(api.POST("/api/v1/staff/processes/{process_id}/allocations", path));
    setAllocation(proposal);
    setNotice(t("proposed"));
  }

  async function accept(proposal: Allocation): Promise<void> {
    const accepted = await must(
      api.POST("/api/v1/staff/allocations/{allocation_id}/accept", { params: { path: { allocation_id: proposal.id } } }),
    );
    setAllocation(accepted);
    setNotice(t("accepted", { count: accepted.summary.placed, number: formatNumber(accepted.summary.placed, i18n.language) }));
  }

  return (
    <>
      <p>
        <Link to={`/staff/processes/${processId}`}>{t("back")}</Link>
      </p>
      <PageState loading={process} heading={t("title")}>
        {(loaded) => (
          <>
            <h1>{t("titleOf", { title: loaded.title })}</h1>
            <p>{t("intro")}</p>
            <p>{t("howRanked")}</p>
            <StatusMessage>{notice}</StatusMessage>
            <div className="button-row">
              <ActionButton className={allocation ? undefined : "primary"} onAction={propose}>
                {allocation ? t("proposeAgain") : t("propose")}
              </ActionButton>
            </div>
            {allocation && <Proposal allocation={allocation} onAccept={() => accept(allocation)} />}
          </>
        )}
      </PageState>
    </>
  );
}

function Proposal({ allocation, onAccept }: { allocation: Allocation; onAccept: () => Promise<void> }) {
  const { t, i18n } = useTranslation("staffAllocation");
  const heading = useRef<HTMLHeadingElement>(null);
  // A new proposal, or the accepted one: the button pressed is gone or disabled, so the reader is taken
  // to the result rather than left on the page's top.
  useEffect(() => heading.current?.focus(), [allocation.id, allocation.status]);
  const number = (value: number) => formatNumber(value, i18n.language);
  const summary = allocation.summary;
  const groupNames = new Map(allocation.groups.map((group) => [group.group_id, group.name]));
  return (
    <section aria-labelledby="allocation-result">
      <h2 id="allocation-result" ref={heading} tabIndex={-1}>
        {allocation.status === "accepted" ? t("resultAccepted") : t("result")}
      </h2>
      <dl className="facts">
        <dt>{t("applicants")}</dt>
        <dd>{number(summary.applicants)}</dd>
        <dt>{t("placed")}</dt>
        <dd>{number(summary.placed)}</dd>
        {summary.by_rank.map((row) => (
          <FactPair key={row.rank} label={t("choice", { rank: number(row.rank) })} value={number(row.people)} />
        ))}
        <dt>{t("withoutPlace")}</dt>
        <dd>{number(summary.without_place)}</dd>
      </dl>
      {!summary.composition_met && (
        <div className="notice warning">
          <p>{t("compositionMissed")}</p>
        </div>
      )}

      <h3>{t("byGroup")}</h3>
      {allocation.groups.map((group) => (
        <GroupTable key={group.group_id} group={group} />
      ))}

      <h3 id="without-place-title">{t("withoutPlaceTitle")}</h3>
      {allocation.without_place.length === 0 ? (
        <p>{t("everyonePlaced")}</p>
      ) : (
        <>
          <p>{t("withoutPlaceHint")}</p>
          <ul aria-labelledby="without-place-title">
            {allocation.without_place.map((person) => (
              <li key={person.participant_id}>
                <span dir="auto">{person.full_name}</span> ({t(`staff:enums.category.${person.category}`)}) –{" "}
                {t("named", { groups: person.choices.map((id) => groupNames.get(id) ?? "?").join(", ") })}
              </li>
            ))}
          </ul>
        </>
      )}

      {allocation.status === "proposed" ? (
        <div className="button-row">
          <ActionButton className="primary" confirm={t("acceptConfirm")} onAction={onAccept}>
            {t("accept")}
          </ActionButton>
        </div>
      ) : (
        <p>
          {t("state")}: <span className="status-tag tone-good">{t(`status.${allocation.status}`)}</span>
        </p>
      )}
    </section>
  );
}

function FactPair({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function GroupTable({ group }: { group: Schemas["AllocatedGroup"] }) {
  const { t, i18n } = useTranslation("staffAllocation");
  const captionId = `allocation-group-${group.group_id}`;
  const places =
    group.free_places === null || group.free_places === undefined
      ? t("noLimit")
      : t("freePlaces", { count: group.free_places, number: formatNumber(group.free_places, i18n.language) });
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table>
        <caption id={captionId}>
          <span dir="auto">{group.name}</span> · {places}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("name")}</th>
            <th scope="col">{t("category")}</th>
            <th scope="col">{t("whichChoice")}</th>
          </tr>
        </thead>
        <tbody>
          {group.people.length === 0 ? (
            <tr>
              <td colSpan={3}>{t("nobody")}</td>
            </tr>
          ) : (
            group.people.map((person: Person) => (
              <tr key={person.participant_id}>
                <td dir="auto">{person.full_name}</td>
                <td>{t(`staff:enums.category.${person.category}`)}</td>
                <td>{t("choice", { rank: formatNumber(person.preference_rank ?? 0, i18n.language) })}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {group.composition_gaps.length > 0 && (
        <p className="hint">
          {t("gaps", {
            categories: group.composition_gaps.map((gap) => t(`staff:enums.category.${gap.category}`)).join(", "),
          })}
        </p>
      )}
    </div>
  );
}
