import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, type Problem, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must, settle } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { formatDateTime, formatNumber } from "../../format";
import { Loaded, NotFoundPage, ProblemNotice } from "../Loaded";
import { textLanguage } from "../textLanguage";
import { useLanguage } from "../parts";
import { ConfirmAction } from "./ConfirmAction";
import { MessageChoice } from "./MessageChoice";
import { MyDataLinks } from "./MyDataLinks";
import { PersonFacts } from "./PersonFacts";
import { DoneNotice } from "./RegistrationPage";

type Membership = Schemas["MyMembership"];
type MembershipData = { membership: Membership; confirmed: boolean; confirmProblem: Problem | null };
const ACTIVE = new Set(["unconfirmed", "applied", "member", "waitlisted"]);

async function loadMembership(token: string, confirm: boolean): Promise<MembershipData> {
  const path = { params: { path: { token } } };
  let confirmProblem: Problem | null = null;
  if (confirm) {
    // The mail's link: confirm first, then show the result. Confirming twice changes nothing.
    const confirmed = await settle(api.POST("/api/v1/manage/memberships/{token}/confirm", path));
    if (confirmed.ok) return { membership: confirmed.data, confirmed: true, confirmProblem };
    confirmProblem = confirmed.problem;
  }
  const membership = await must(api.GET("/api/v1/manage/memberships/{token}", path));
  return { membership, confirmed: false, confirmProblem };
}

/** `/manage/membership#t=…` (from the mails): see one's group membership, or withdraw. */
export function MembershipPage() {
  const token = useLinkSecret("membership");
  return token ? <MembershipOf token={token} /> : <NotFoundPage />;
}

function MembershipOf({ token }: { token: string }) {
  const [searchParams] = useSearchParams();
  const confirm = searchParams.get("confirm") === "1";
  const page = useLoading(() => loadMembership(token, confirm), [token, confirm]);
  return (
    <Loaded loading={page} onRetry={page.reload}>
      {(data: MembershipData) => (
        <MembershipView
          token={token}
          {...data}
          onChange={(membership, confirmed = false) => page.replace({ membership, confirmed, confirmProblem: null })}
        />
      )}
    </Loaded>
  );
}

function MembershipView({
  token,
  membership,
  confirmed,
  confirmProblem,
  onChange,
}: MembershipData & { token: string; onChange: (membership: Membership, confirmed?: boolean) => void }) {
  const { t } = useTranslation("public");
  const language = useLanguage();
  usePageTitle(t("membership.title"));
  const group = membership.group;
  const city = membership.organization;
  const [done, setDone] = useState<string | null>(confirmed ? t("membership.confirmedNow") : null);
  const [confirming, setConfirming] = useState(false);
  const [refusal, setRefusal] = useState<Problem | null>(confirmProblem);

  async function confirmApplication(): Promise<void> {
    setConfirming(true);
    const outcome = await settle(api.POST("/api/v1/manage/memberships/{token}/confirm", { params: { path: { token } } }));
    setConfirming(false);
    if (!outcome.ok) {
      setRefusal(outcome.problem);
      return;
    }
    setRefusal(null);
    onChange(outcome.data, true);
    setDone(t("membership.confirmedNow"));
  }

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
      {refusal && <ProblemNotice problem={refusal} />}
      <section aria-labelledby="group-title" className="card">
        {/* The group comes in the reader's language where the city translated it; what is not is marked. */}
        <h2 id="group-title" {...textLanguage(group, "name")}>
          <Link to={`/${city.slug}/groups/${group.id}`}>{group.name}</Link>
        </h2>
        <p className="meta">
          {t(`groupKind.${group.kind}`)}
          {group.field_of_action && (
            <>
              {" · "}
              <bdi {...textLanguage(group, "field_of_action")}>{group.field_of_action}</bdi>
            </>
          )}
        </p>
        <dl className="facts">
          <PersonFacts person={{ full_name: membership.full_name }} nameLabel={t("manage.name")} />
          <dt>{t("manage.status")}</dt>
          <dd>
            <span className="badge">{t(`membershipStatus.${membership.status}`)}</span>{" "}
            {membership.status === "unconfirmed" && membership.hold_expires_at
              ? t("membership.statusText.unconfirmedUntil", {
                  date: formatDateTime(membership.hold_expires_at, city.timezone, language),
                })
              : t(`membership.statusText.${membership.status}`)}
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
        {membership.status === "unconfirmed" && (
          <button type="button" className="primary" disabled={confirming} onClick={() => void confirmApplication()}>
            {t("membership.confirm")}
          </button>
        )}
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
