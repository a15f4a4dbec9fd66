// Staff users: invite by mail, one role with its scope, deactivate and reactivate.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { allPages } from "../../api/pages";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { SelectField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton } from "../components/Actions";
import { Forbidden } from "../components/Forbidden";
import { PageState, StatusMessage } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { STAFF_ROLES } from "../lib/enums";
import { useFormat } from "../lib/useFormat";
import { useGroups, useProcesses } from "../lib/useProcesses";

type Member = Schemas["StaffMember"];
type RoleGrant = Schemas["RoleGrantIn"];

/** Names a role with its scope: "Moderation – AG Bildung". */
function useRoleNames() {
  const { t } = useTranslation("staff");
  const processes = useProcesses();
  const groups = useGroups();
  return (grant: Schemas["RoleGrantOut"]) => {
    const scope = grant.process_id
      ? processes.data?.find((p) => p.id === grant.process_id)?.title
      : grant.group_id
        ? groups.data?.find((g) => g.id === grant.group_id)?.name
        : null;
    return scope ? `${t(`enums.role.${grant.role}`)} – ${scope}` : t(`enums.role.${grant.role}`);
  };
}

/** One role with the process or group it applies to (the API needs exactly the one its role names). */
function RoleFields({ form, prefix = "" }: { form: Parameters<typeof SelectField>[0]["form"]; prefix?: string }) {
  const { t } = useTranslation("staff");
  const processes = useProcesses();
  const groups = useGroups();
  const role = form.values[`${prefix}role`];
  return (
    <>
      <SelectField form={form} name={`${prefix}role`} label={t("users.role")} options={STAFF_ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))} />
      {role === "process_manager" && (
        <SelectField
          form={form}
          name={`${prefix}process_id`}
          label={t("users.process")}
          required
          options={[{ value: "", label: t("forms.choose") }, ...(processes.data ?? []).map((p) => ({ value: p.id, label: p.title }))]}
        />
      )}
      {role === "group_moderator" && (
        <SelectField
          form={form}
          name={`${prefix}group_id`}
          label={t("users.group")}
          required
          options={[{ value: "", label: t("forms.choose") }, ...(groups.data ?? []).map((g) => ({ value: g.id, label: g.name }))]}
        />
      )}
    </>
  );
}

function grantOf(values: Record<string, string | boolean>, prefix = ""): RoleGrant {
  const role = values[`${prefix}role`] as Schemas["StaffRole"];
  return {
    role,
    process_id: role === "process_manager" ? String(values[`${prefix}process_id`]) || null : null,
    group_id: role === "group_moderator" ? String(values[`${prefix}group_id`]) || null : null,
  };
}

function InviteForm({ onInvited }: { onInvited: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const state = useFormState<Record<string, string | boolean>>({ email: "", full_name: "", role: "viewer", process_id: "", group_id: "" });
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, ["email", "full_name", "role", "process_id", "group_id"], {
    roles: "role",
    "roles.0.process_id": "process_id",
    "roles.0.group_id": "group_id",
    "roles.0": "role",
  });
  const form = { ...state, errors: errors.fields };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const member = await must(
        api.POST("/api/v1/staff/users", {
          body: { email: String(state.values.email).trim(), full_name: String(state.values.full_name).trim(), roles: [grantOf(state.values)] },
        }),
      );
      state.replace({ email: "", full_name: "", role: "viewer", process_id: "", group_id: "" });
      onInvited(t("users.invited", { email: member.email }));
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary
        message={errors.message}
        fieldErrors={errors.fields}
        labels={{ email: t("people.email"), full_name: t("people.full_name"), role: t("users.role"), process_id: t("users.process"), group_id: t("users.group") }}
      />
      <TextField form={form} name="full_name" label={t("people.full_name")} required />
      <TextField form={form} name="email" type="email" label={t("people.email")} required dir="ltr" />
      <RoleFields form={form} />
      <button type="submit" className="primary" disabled={submitting}>
        {t("users.invite")}
      </button>
    </form>
  );
}

function RoleEditor({ member, onDone }: { member: Member; onDone: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const prefix = `user-${member.id}-`;
  const first = member.roles[0];
  const state = useFormState<Record<string, string | boolean>>({
    [`${prefix}role`]: first?.role ?? "viewer",
    [`${prefix}process_id`]: first?.process_id ?? "",
    [`${prefix}group_id`]: first?.group_id ?? "",
  });
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, [`${prefix}role`, `${prefix}process_id`, `${prefix}group_id`], {
    roles: `${prefix}role`,
    "roles.0": `${prefix}role`,
    "roles.0.process_id": `${prefix}process_id`,
    "roles.0.group_id": `${prefix}group_id`,
  });
  const form = { ...state, errors: errors.fields };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run(async () => {
          await must(api.PATCH("/api/v1/staff/users/{user_id}", { params: { path: { user_id: member.id } }, body: { roles: [grantOf(state.values, prefix)] } }));
          onDone(t("users.rolesChanged", { name: member.full_name }));
        });
      }}
    >
      {errors.message && (
        <p className="error-message" role="alert">
          {errors.message}
        </p>
      )}
      <RoleFields form={form} prefix={prefix} />
      <button type="submit" disabled={submitting}>
        {t("users.replaceRoles", { name: member.full_name })}
      </button>
    </form>
  );
}

export function UsersPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const format = useFormat();
  const roleName = useRoleNames();
  const [notice, setNotice] = useState<string | null>(null);
  usePageTitle(t("users.title"));
  const users = useLoading(() => allPages((cursor) => must(api.GET("/api/v1/staff/users", { params: { query: { limit: 100, cursor } } }))), [], { keepWhileLoading: true });
  if (!can(me, "staff:manage")) return <Forbidden />;
  const changed = (message: string) => {
    setNotice(message);
    users.reload();
  };
  return (
    <>
      <h1>{t("users.title")}</h1>
      <StatusMessage>{notice}</StatusMessage>
      <details className="card">
        <summary>{t("users.inviteTitle")}</summary>
        <InviteForm onInvited={changed} />
      </details>
      <PageState loading={users}>
        {(items) => (
          <ul className="card-list">
            {items.map((member) => {
              const path = { params: { path: { user_id: member.id } } };
              return (
                <li key={member.id} className="card person-card">
                  <h2 className="card-title">{member.full_name}</h2>
                  <p>
                    <StatusTag kind="staff" status={member.status} /> <span dir="ltr">{member.email}</span>
                  </p>
                  <ul className="facts">
                    {member.roles.map((grant, index) => (
                      <li key={index}>{roleName(grant)}</li>
                    ))}
                    {member.last_login_at && (
                      <li>
                        <span className="fact-label">{t("users.lastLogin")}:</span> {format.dateTime(member.last_login_at)}
                      </li>
                    )}
                  </ul>
                  <div className="button-row">
                    {member.status === "invited" && (
                      <ActionButton label={t("users.resendLabel", { name: member.full_name })} onAction={async () => { await must(api.POST("/api/v1/staff/users/{user_id}/invitation", path)); changed(t("users.resent", { email: member.email })); }}>
                        {t("users.resend")}
                      </ActionButton>
                    )}
                    {member.status === "active" && member.id !== me.user?.id && (
                      <ActionButton className="danger" confirm={t("users.deactivateConfirm", { name: member.full_name })} label={t("users.deactivateLabel", { name: member.full_name })} onAction={async () => { await must(api.POST("/api/v1/staff/users/{user_id}/deactivate", path)); changed(t("users.deactivated", { name: member.full_name })); }}>
                        {t("users.deactivate")}
                      </ActionButton>
                    )}
                    {member.status === "deactivated" && (
                      <ActionButton label={t("users.reactivateLabel", { name: member.full_name })} onAction={async () => { await must(api.POST("/api/v1/staff/users/{user_id}/reactivate", path)); changed(t("users.reactivated", { name: member.full_name })); }}>
                        {t("users.reactivate")}
                      </ActionButton>
                    )}
                  </div>
                  {member.status !== "deactivated" && (
                    <details>
                      <summary>{t("users.changeRoles", { name: member.full_name })}</summary>
                      <RoleEditor member={member} onDone={changed} />
                    </details>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </PageState>
    </>
  );
}
