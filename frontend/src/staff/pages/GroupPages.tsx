import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { CheckboxField, SelectField, TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton } from "../components/Actions";
import { ContextLink } from "../components/ContextLink";
import { MessagesLink } from "../messages/parts";
import { DefinitionList } from "../components/DefinitionList";
import { PageState, StatusMessage } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { CATEGORIES, GROUP_KINDS, MEMBERSHIP_MODES } from "../lib/enums";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";
import { useGroups, useProcesses } from "../lib/useProcesses";
import { localDateTime, numberOrNull, textOrNull } from "../lib/values";

type Group = Schemas["GroupStaff"];

function ProcessFilter({ value, onChange }: { value: string; onChange: (processId: string) => void }) {
  const { t } = useTranslation("staff");
  const processes = useProcesses();
  return (
    <div className="field">
      <label htmlFor="filter-process">{t("filters.process")}</label>
      <select id="filter-process" value={value} onChange={(event) => onChange(event.target.value)}>
        <option value="">{t("filters.allProcesses")}</option>
        {(processes.data ?? []).map((process) => (
          <option key={process.id} value={process.id}>
            {process.title}
          </option>
        ))}
      </select>
    </div>
  );
}

export function GroupListPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const processId = params.get("process") ?? "";
  usePageTitle(t("groups.title"));
  const groups = useGroups(processId);
  const flash = useFlash();
  const mayCreate = can(me, "groups:write");
  return (
    <>
      <h1>{t("groups.title")}</h1>
      <StatusMessage>{flash}</StatusMessage>
      <div className="toolbar">
        <ProcessFilter value={processId} onChange={(id) => setParams(id ? { process: id } : {}, { replace: true })} />
        {mayCreate && (
          <Link className="button primary" to={`/staff/groups/new${processId ? `?process=${processId}` : ""}`}>
            {t("groups.new")}
          </Link>
        )}
      </div>
      <PageState loading={groups}>
        {(items) =>
          items.length === 0 ? (
            <p>{t("groups.none")}</p>
          ) : (
            <ul className="card-list">
              {items.map((group) => (
                <GroupCard key={group.id} group={group} />
              ))}
            </ul>
          )
        }
      </PageState>
    </>
  );
}

function GroupCard({ group }: { group: Group }) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const scope = { processId: group.process_id, groupId: group.id };
  return (
    <li className="card">
      <h2 className="card-title">
        <Link to={`/staff/groups/${group.id}`}>{group.name}</Link>
      </h2>
      <p>
        <StatusTag kind="group" status={group.status} /> {t(`enums.groupKind.${group.kind}`)} · {t(`enums.membershipMode.${group.membership_mode}`)}
        {group.capacity !== null && <> · {t("groups.placesLeft", { count: group.places_left ?? 0, capacity: group.capacity })}</>}
      </p>
      <p className="link-row">
        {can(me, "people:read", scope) && <ContextLink to={`/staff/groups/${group.id}/members`} text={t("links.members")} name={t("groups.membersOf", { name: group.name })} />}
        <ContextLink to={`/staff/events?group=${group.id}`} text={t("links.meetings")} name={t("groups.meetingsOf", { name: group.name })} />
      </p>
    </li>
  );
}

const GROUP_FIELDS = [
  "process_id",
  "name",
  "slug",
  "kind",
  "field_of_action",
  "description",
  "membership_mode",
  "capacity",
  "signup_deadline",
  ...CATEGORIES.map((category) => `wanted.${category}`),
];

function initialValues(group: Group | undefined, processId: string) {
  const values: Record<string, string | boolean> = {
    process_id: group?.process_id ?? processId,
    name: group?.name ?? "",
    slug: group?.slug ?? "",
    kind: group?.kind ?? "working_group",
    field_of_action: group?.field_of_action ?? "",
    description: group?.description ?? "",
    membership_mode: group?.membership_mode ?? "open",
    capacity: group?.capacity ? String(group.capacity) : "",
    signup_deadline: localDateTime(group?.signup_deadline),
  };
  for (const category of CATEGORIES) values[`wanted.${category}`] = group?.wanted_composition.includes(category) ?? false;
  return values;
}

function GroupForm({ group, processId, onSaved }: { group?: Group; processId: string; onSaved: (saved: Group) => void }) {
  const { t } = useTranslation("staff");
  const me = useMe();
  const processes = useProcesses();
  const state = useFormState(() => initialValues(group, processId));
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, GROUP_FIELDS, { wanted_composition: "wanted.resident" });
  const form = { ...state, errors: errors.fields };
  const labels: Record<string, string> = Object.fromEntries(
    GROUP_FIELDS.filter((name) => !name.startsWith("wanted.")).map((name) => [name, t(`groups.fields.${name}`)]),
  );
  labels["wanted.resident"] = t("groups.fields.wanted_composition");
  const v = state.values;
  const choosable = (processes.data ?? []).filter((process) => can(me, "groups:write", { processId: process.id }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      name: String(v.name).trim(),
      slug: String(v.slug).trim(),
      kind: v.kind as Schemas["GroupKind"],
      field_of_action: textOrNull(v.field_of_action),
      description: textOrNull(v.description),
      membership_mode: v.membership_mode as Schemas["MembershipMode"],
      capacity: numberOrNull(v.capacity),
      signup_deadline: textOrNull(v.signup_deadline),
      wanted_composition: CATEGORIES.filter((category) => v[`wanted.${category}`]),
    };
    void run(async () => {
      const saved = group
        ? await must(api.PATCH("/api/v1/staff/groups/{group_id}", { params: { path: { group_id: group.id } }, body: common }))
        : await must(api.POST("/api/v1/staff/groups", { body: { ...common, process_id: String(v.process_id) } }));
      onSaved(saved);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      {!group && (
        <SelectField
          form={form}
          name="process_id"
          label={labels.process_id}
          required
          options={[{ value: "", label: t("forms.choose") }, ...choosable.map((process) => ({ value: process.id, label: process.title }))]}
        />
      )}
      <TextField form={form} name="name" label={labels.name} required />
      <TextField form={form} name="slug" label={labels.slug} hint={t("hints.slug")} required dir="ltr" />
      <SelectField form={form} name="kind" label={labels.kind} options={GROUP_KINDS.map((kind) => ({ value: kind, label: t(`enums.groupKind.${kind}`) }))} />
      <TextField form={form} name="field_of_action" label={labels.field_of_action} />
      <TextAreaField form={form} name="description" label={labels.description} rows={4} />
      <SelectField
        form={form}
        name="membership_mode"
        label={labels.membership_mode}
        hint={t("hints.membershipMode")}
        options={MEMBERSHIP_MODES.map((mode) => ({ value: mode, label: t(`enums.membershipMode.${mode}`) }))}
      />
      <div className="field-row">
        <TextField form={form} name="capacity" type="number" inputMode="numeric" min="1" label={labels.capacity} hint={t("hints.noLimit")} />
        <TextField form={form} name="signup_deadline" type="datetime-local" label={labels.signup_deadline} hint={t("hints.cityTime")} />
      </div>
      <fieldset className="checkbox-group">
        <legend>{t("groups.fields.wanted_composition")}</legend>
        {CATEGORIES.map((category) => (
          <CheckboxField key={category} form={form} name={`wanted.${category}`} label={t(`enums.category.${category}`)} />
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={submitting}>
        {group ? t("actions.save") : t("groups.create")}
      </button>
    </form>
  );
}

export function GroupNewPage() {
  const { t } = useTranslation("staff");
  const navigate = useNavigate();
  const [params] = useSearchParams();
  usePageTitle(t("groups.new"));
  return (
    <>
      <p>
        <Link to="/staff/groups">{t("groups.back")}</Link>
      </p>
      <h1>{t("groups.new")}</h1>
      <GroupForm processId={params.get("process") ?? ""} onSaved={(saved) => navigate(`/staff/groups/${saved.id}`, { state: { flash: t("flash.created") } })} />
    </>
  );
}

function GroupDetails({ group }: { group: Group }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  return (
    <DefinitionList
      items={[
        [t("groups.fields.kind"), t(`enums.groupKind.${group.kind}`)],
        [t("groups.fields.field_of_action"), group.field_of_action],
        [t("groups.fields.membership_mode"), t(`enums.membershipMode.${group.membership_mode}`)],
        [t("groups.fields.capacity"), group.capacity],
        [t("groups.placesLeftLabel"), group.places_left],
        [t("groups.fields.signup_deadline"), group.signup_deadline ? format.dateTime(group.signup_deadline) : null],
        [t("groups.fields.wanted_composition"), group.wanted_composition.map((c) => t(`enums.category.${c}`)).join(", ")],
        [t("groups.fields.description"), group.description],
      ]}
    />
  );
}

export function GroupPage() {
  const { t } = useTranslation("staff");
  const { groupId = "" } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(useFlash());
  const loaded = useLoading(() => must(api.GET("/api/v1/staff/groups/{group_id}", { params: { path: { group_id: groupId } } })), [groupId], { keepWhileLoading: true });
  usePageTitle(loaded.data?.name ?? t("groups.title"));
  const path = { params: { path: { group_id: groupId } } };
  return (
    <>
      <p>
        <Link to="/staff/groups">{t("groups.back")}</Link>
      </p>
      <PageState loading={loaded} heading={t("groups.title")}>
        {(group) => {
          const scope = { processId: group.process_id, groupId: group.id };
          const writable = can(me, "groups:write", scope);
          return (
            <>
              <h1>{group.name}</h1>
              <StatusMessage>{notice}</StatusMessage>
              <p>
                {t("labels.status")}: <StatusTag kind="group" status={group.status} />
              </p>
              <p className="link-row">
                {can(me, "people:read", scope) && <ContextLink to={`/staff/groups/${group.id}/members`} text={t("links.members")} name={t("groups.membersOf", { name: group.name })} />}
                <ContextLink to={`/staff/events?group=${group.id}`} text={t("links.meetings")} name={t("groups.meetingsOf", { name: group.name })} />
                <MessagesLink processId={group.process_id} title={group.name} groupId={group.id} />
              </p>
              {writable && group.status === "draft" && (
                <div className="button-row" role="group" aria-label={t("labels.statusActions")}>
                  <ActionButton
                    className="primary"
                    onAction={async () => {
                      loaded.replace(await must(api.POST("/api/v1/staff/groups/{group_id}/publish", path)));
                      setNotice(t("flash.published"));
                    }}
                  >
                    {t("actions.publish")}
                  </ActionButton>
                  <ActionButton
                    className="danger"
                    confirm={t("groups.deleteConfirm")}
                    onAction={async () => {
                      await must(api.DELETE("/api/v1/staff/groups/{group_id}", path));
                      navigate("/staff/groups", { state: { flash: t("flash.deleted") } });
                    }}
                  >
                    {t("actions.deleteDraft")}
                  </ActionButton>
                </div>
              )}
              {writable ? (
                <section aria-labelledby="group-edit-title">
                  <h2 id="group-edit-title">{t("groups.edit")}</h2>
                  <GroupForm
                    group={group}
                    processId={group.process_id}
                    onSaved={(saved) => {
                      loaded.replace(saved);
                      setNotice(t("flash.saved"));
                    }}
                  />
                </section>
              ) : (
                <GroupDetails group={group} />
              )}
            </>
          );
        }}
      </PageState>
    </>
  );
}
