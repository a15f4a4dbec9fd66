import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton, ActionError, ReasonAction } from "../components/Actions";
import { PageState, StatusMessage } from "../components/PageState";
import { PeopleFilterFields } from "../components/PeopleFilterFields";
import { PersonCard, PersonFact } from "../components/PersonCard";
import { StatusTag } from "../components/StatusTag";
import { downloadFile } from "../lib/download";
import { MEMBERSHIP_ROLES, MEMBERSHIP_STATUSES } from "../lib/enums";
import { searchable } from "../lib/search";
import { useFormat } from "../lib/useFormat";
import { AddMemberForm } from "./AddMemberForm";

type Membership = Schemas["StaffMembership"];

function RoleChange({ membership, onDone }: { membership: Membership; onDone: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const { submitting, problem, run } = useSubmit();
  const id = `role-${membership.id}`;
  return (
    <div className="field inline-field">
      <label htmlFor={id}>{t("memberships.roleOf", { name: membership.participant.full_name })}</label>
      <select
        id={id}
        value={membership.role}
        disabled={submitting}
        onChange={(event) =>
          void run(async () => {
            await must(
              api.PATCH("/api/v1/staff/memberships/{membership_id}", {
                params: { path: { membership_id: membership.id } },
                body: { role: event.target.value as Schemas["MembershipRole"] },
              }),
            );
            onDone(t("memberships.roleChanged", { name: membership.participant.full_name }));
          })
        }
      >
        {MEMBERSHIP_ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`enums.membershipRole.${role}`)}
          </option>
        ))}
      </select>
      <ActionError problem={problem} />
    </div>
  );
}

function MembershipItem({ membership, writable, onChanged }: { membership: Membership; writable: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  const person = membership.participant;
  const name = person.full_name;
  const path = { params: { path: { membership_id: membership.id } } };
  const decide = (status: "member" | "rejected" | "waitlisted", note: string | null, message: string) => async () => {
    await must(api.POST("/api/v1/staff/memberships/{membership_id}/decision", { ...path, body: { status, note } }));
    onChanged(message);
  };
  const undecided = membership.status === "applied" || membership.status === "waitlisted";
  return (
    <PersonCard
      person={person}
      channel={membership.channel}
      status={
        <>
          <StatusTag kind="membership" status={membership.status} /> {t(`enums.membershipRole.${membership.role}`)}
          {membership.preference_rank !== null && <> · {t("memberships.preference", { rank: membership.preference_rank })}</>}
        </>
      }
      facts={
        <>
          <PersonFact label={t("memberships.since")}>{format.dateTime(membership.created_at)}</PersonFact>
          {membership.note && <PersonFact label={t("memberships.note")}>{membership.note}</PersonFact>}
        </>
      }
    >
      {writable && (
        <div className="button-row">
          {undecided && (
            <ActionButton className="primary" label={t("memberships.acceptLabel", { name })} onAction={decide("member", null, t("memberships.accepted", { name }))}>
              {t("memberships.accept")}
            </ActionButton>
          )}
          {membership.status === "applied" && (
            <ActionButton label={t("memberships.waitlistLabel", { name })} onAction={decide("waitlisted", null, t("memberships.waitlisted", { name }))}>
              {t("memberships.waitlist")}
            </ActionButton>
          )}
          {undecided && (
            <ReasonAction
              danger
              open={t("memberships.reject")}
              openLabel={t("memberships.rejectLabel", { name })}
              reasonLabel={t("memberships.note")}
              reasonHint={t("memberships.noteHint")}
              confirm={t("memberships.rejectConfirm", { name })}
              onConfirm={(note) => decide("rejected", note, t("memberships.rejected", { name }))()}
            />
          )}
          {membership.status === "member" && <RoleChange membership={membership} onDone={onChanged} />}
          {(membership.status === "member" || undecided) && (
            <ReasonAction
              danger
              open={t("memberships.withdraw")}
              openLabel={t("memberships.withdrawLabel", { name })}
              reasonLabel={t("registrations.reason")}
              reasonHint={t("registrations.reasonHint")}
              confirm={t("memberships.withdrawConfirm", { name })}
              onConfirm={async (reason) => {
                await must(api.POST("/api/v1/staff/memberships/{membership_id}/withdraw", { ...path, body: { reason } }));
                onChanged(t("memberships.withdrawn", { name }));
              }}
            />
          )}
        </div>
      )}
    </PersonCard>
  );
}

export function MembershipsPage() {
  const { t } = useTranslation("staff");
  const { groupId = "" } = useParams();
  const me = useMe();
  const [notice, setNotice] = useState<string | null>(null);
  const [filters, setFilters] = useState({ status: "", channel: "", category: "", q: "" });
  const group = useLoading(() => must(api.GET("/api/v1/staff/groups/{group_id}", { params: { path: { group_id: groupId } } })), [groupId], { keepWhileLoading: true });
  // A group has tens of people, not thousands: all are loaded, so counts and filters need no round trip.
  const members = useLoading(
    () => allPages((cursor) => must(api.GET("/api/v1/staff/groups/{group_id}/memberships", { params: { path: { group_id: groupId }, query: { limit: 100, cursor } } }))),
    [groupId],
    { keepWhileLoading: true },
  );
  const download = useSubmit();
  usePageTitle(group.data ? t("memberships.titleOf", { name: group.data.name }) : t("memberships.title"));
  const counts = useMemo(() => {
    const byStatus: Record<string, number> = {};
    for (const membership of members.data ?? []) byStatus[membership.status] = (byStatus[membership.status] ?? 0) + 1;
    return byStatus;
  }, [members.data]);
  const shown = (members.data ?? []).filter(
    (m) =>
      (!filters.status || m.status === filters.status) &&
      (!filters.channel || m.channel === filters.channel) &&
      (!filters.category || m.participant.category === filters.category) &&
      (!filters.q.trim() || searchable(`${m.participant.full_name} ${m.participant.email ?? ""}`).includes(searchable(filters.q.trim()))),
  );
  const changed = (message: string) => {
    setNotice(message);
    members.reload();
    group.reload();
  };

  return (
    <PageState loading={group} heading={t("memberships.title")}>
      {(g) => {
        const scope = { processId: g.process_id, groupId: g.id };
        const writable = can(me, "people:write", scope);
        return (
          <>
            <p>
              <Link to={`/staff/groups/${g.id}`}>{t("memberships.backToGroup", { name: g.name })}</Link>
            </p>
            <h1>{t("memberships.titleOf", { name: g.name })}</h1>
            <p>
              {t(`enums.membershipMode.${g.membership_mode}`)}
              {g.capacity !== null && <> · {t("groups.placesLeft", { count: g.places_left ?? 0, capacity: g.capacity })}</>}
            </p>
            <StatusMessage>{notice}</StatusMessage>
            {!can(me, "people:read", scope) ? (
              <p className="notice warning">{t("problem.forbidden")}</p>
            ) : (
              <>
                {can(me, "people:export", scope) && (
                  <p className="action">
                    <button
                      type="button"
                      disabled={download.submitting}
                      onClick={() =>
                        void download.run(() =>
                          downloadFile(`/api/v1/staff/groups/${g.id}/memberships.csv`, { status: filters.status || undefined, q: filters.q.trim() || undefined }, "mitglieder.csv"),
                        )
                      }
                    >
                      {t("registrations.downloadCsv")}
                    </button>
                    <ActionError problem={download.problem} />
                  </p>
                )}
                <section aria-labelledby="counts-title" className="counts">
                  <h2 id="counts-title">{t("registrations.countsTitle")}</h2>
                  <ul>
                    {MEMBERSHIP_STATUSES.map((status) => (
                      <li key={status}>
                        <button
                          type="button"
                          className={filters.status === status ? "count-button current" : "count-button"}
                          aria-pressed={filters.status === status}
                          onClick={() => setFilters((f) => ({ ...f, status: f.status === status ? "" : status }))}
                        >
                          <span className="count-number">{counts[status] ?? 0}</span> <span>{t(`status.membership.${status}`)}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </section>
                <div className="toolbar filters" role="search" aria-label={t("filters.label")}>
                  <PeopleFilterFields
                    values={filters}
                    onChange={(key, value) => setFilters((f) => ({ ...f, [key]: value }))}
                    statuses={MEMBERSHIP_STATUSES}
                    statusKind="membership"
                  />
                </div>
                <PageState loading={members}>
                  {() => (
                    <section aria-labelledby="members-title">
                      <h2 id="members-title" aria-live="polite">
                        {t("memberships.found", { count: shown.length })}
                      </h2>
                      {shown.length === 0 ? (
                        <p>{(members.data ?? []).length === 0 ? t("memberships.empty") : t("memberships.none")}</p>
                      ) : (
                        <ul className="card-list">
                          {shown.map((membership) => (
                            <MembershipItem key={membership.id} membership={membership} writable={writable} onChanged={changed} />
                          ))}
                        </ul>
                      )}
                    </section>
                  )}
                </PageState>
                {writable && (
                  <details className="card">
                    <summary>{t("memberships.addTitle")}</summary>
                    <AddMemberForm group={g} onAdded={changed} />
                  </details>
                )}
              </>
            )}
          </>
        );
      }}
    </PageState>
  );
}
