import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Problem, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must, settle } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { formatNumber } from "../../format";
import { Loaded, NotFoundPage } from "../Loaded";
import { useContentLanguage } from "../organizations";
import { useLanguage } from "../parts";
import { ConfirmAction } from "./ConfirmAction";
import { MessageChoice } from "./MessageChoice";
import { MyDataLinks } from "./MyDataLinks";
import { PersonFacts } from "./PersonFacts";
import { DoneNotice } from "./RegistrationPage";

type Membership = Schemas["MyMembership"];
const ACTIVE = new Set(["applied", "member", "waitlisted"]);

/** `/manage/membership#t=…` (from the mails): see one's group membership, or withdraw. */
export function MembershipPage() {
  const token = useLinkSecret("membership");
  return token ? <MembershipOf token={token} /> : <NotFoundPage />;
}

function MembershipOf({ token }: { token: string }) {
  const page = useLoading(() => must(api.GET("/api/v1/manage/memberships/{token}", { params: { path: { token } } })), [token]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(membership: Membership) => <MembershipView token={token} membership={membership} onChange={page.replace} />}
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
          <PersonFacts person={{ full_name: membership.full_name }} nameLabel={t("manage.name")} />
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

      <MessageChoice kind="memberships" token={token} />
      <MyDataLinks base="/manage/membership" />
    </>
  );
}
