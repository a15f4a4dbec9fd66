import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { api, type Problem, type Schemas } from "../../api/client";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../format";
import { Loaded } from "../Loaded";
import { useContentLanguage } from "../organizations";
import { useLanguage } from "../parts";
import { settle, useResource } from "../resource";
import { ConfirmAction } from "./ConfirmAction";
import { MyDataLinks } from "./MyDataLinks";
import { DoneNotice } from "./RegistrationPage";

type Membership = Schemas["MyMembership"];
const ACTIVE = new Set(["applied", "member", "waitlisted"]);

/** `/manage/membership/:token` (from the mails): see one's group membership, or withdraw. */
export function MembershipPage() {
  const { token = "" } = useParams();
  const { resource, replace, reload } = useResource(
    () => settle(api.GET("/api/v1/manage/memberships/{token}", { params: { path: { token } } })),
    token,
  );
  return (
    <Loaded resource={resource} onRetry={reload}>
      {(membership: Membership) => <MembershipView token={token} membership={membership} onChange={replace} />}
    </Loaded>
  );
}

function MembershipView({
  token,
  membership,
  onChange,
}: {
  token: string;
  membership: Membership;
  onChange: (membership: Membership) => void;
}) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(t("membership.title"));
  const group = membership.group;
  const city = membership.organization;
  const contentLanguage = useContentLanguage(city.slug);
  const [done, setDone] = useState<string | null>(null);

  async function withdraw(): Promise<Problem | null> {
    const outcome = await settle(api.POST("/api/v1/manage/memberships/{token}/withdraw", { params: { path: { token } } }));
    if (!outcome.ok) return outcome.problem;
    onChange(outcome.data);
    setDone(t("membership.withdrawnNow"));
    return null;
  }

  return (
    <>
      <h1>{t("membership.title")}</h1>
      {done && <DoneNotice text={done} />}
      <section aria-labelledby="group-title" className="card">
        <h2 id="group-title" lang={contentLanguage} dir="auto">
          <Link to={`/${city.slug}/groups/${group.id}`}>{group.name}</Link>
        </h2>
        <p className="meta">
          {t(`groupKind.${group.kind}`)}
          {group.field_of_action && <> · {group.field_of_action}</>}
        </p>
        <dl className="facts">
          <dt>{t("manage.name")}</dt>
          <dd>{membership.full_name}</dd>
          <dt>{t("manage.status")}</dt>
          <dd>
            <span className="badge">{t(`membershipStatus.${membership.status}`)}</span>{" "}
            {t(`membership.statusText.${membership.status}`)}
          </dd>
          {membership.status === "member" && membership.role !== "member" && (
            <>
              <dt>{t("membership.role")}</dt>
              <dd>{t(`membershipRole.${membership.role}`)}</dd>
            </>
          )}
          {membership.preference_rank && (
            <>
              <dt>{t("membership.preference")}</dt>
              <dd>{t("apply.rank", { position: formatNumber(membership.preference_rank, language) })}</dd>
            </>
          )}
        </dl>
      </section>

      {ACTIVE.has(membership.status) && (
        <section aria-labelledby="withdraw-title">
          <h2 id="withdraw-title">{t("membership.withdrawTitle")}</h2>
          <ConfirmAction
            start={t("membership.withdraw")}
            question={t("membership.withdrawQuestion", { name: group.name })}
            consequence={t("membership.withdrawConsequence")}
            confirm={t("membership.withdrawConfirm")}
            keep={t("membership.withdrawKeep")}
            onConfirm={withdraw}
          />
        </section>
      )}

      <MyDataLinks base={`/manage/membership/${token}`} />
    </>
  );
}
