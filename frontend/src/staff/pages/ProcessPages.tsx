import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { SelectField, TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { ActionButton } from "../components/Actions";
import { ContextLink } from "../components/ContextLink";
import { MessagesLink } from "../messages/parts";
import { DefinitionList } from "../components/DefinitionList";
import { PageState, StatusMessage } from "../components/PageState";
import { StatusTag } from "../components/StatusTag";
import { useFlash } from "../lib/useFlash";
import { useFormat } from "../lib/useFormat";
import { lines, numberOrNull, textOrNull } from "../lib/values";
import { ContactsLinksSection } from "../city/ContactsLinksSection";
import { PhasesSection } from "./PhasesSection";

type Process = Schemas["ProcessStaff"];

export function ProcessListPage() {
  const { t } = useTranslation("staff");
  const me = useMe();
  const format = useFormat();
  usePageTitle(t("processes.title"));
  const loaded = useLoading(() => must(api.GET("/api/v1/staff/processes", { params: { query: { limit: 100 } } })), [], { keepWhileLoading: true });
  return (
    <>
      <h1>{t("processes.title")}</h1>
      {can(me, "processes:create") && (
        <p>
          <Link className="button primary" to="/staff/processes/new">
            {t("processes.new")}
          </Link>
        </p>
      )}
      {/* The city's figures need people:read for the whole city (not a process's manager). */}
      {can(me, "people:read", {}) && (
        <p>
          <Link to="/staff/statistics">{t("staffStats:links.cityStatistics")}</Link>
        </p>
      )}
      <PageState loading={loaded}>
        {(page) =>
          page.items.length === 0 ? (
            <p>{t("processes.none")}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((process) => (
                <li key={process.id} className="card">
                  <h2 className="card-title">
                    <Link to={`/staff/processes/${process.id}`}>{process.title}</Link>
                  </h2>
                  <p>
                    <StatusTag kind="process" status={process.status} />{" "}
                    {t("processes.timeFrame", { start: format.day(process.starts_on), end: format.day(process.ends_on) })}
                  </p>
                  <p className="link-row">
                    <ContextLink to={`/staff/groups?process=${process.id}`} text={t("links.groups")} name={t("processes.groupsOf", { title: process.title })} />
                    <ContextLink to={`/staff/events?process=${process.id}`} text={t("links.events")} name={t("processes.eventsOf", { title: process.title })} />
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </PageState>
    </>
  );
}

const PROCESS_FIELDS = [
  "title",
  "slug",
  "summary",
  "description",
  "concept_kind",
  "previous_concept_year",
  "starts_on",
  "ends_on",
  "funding_note",
  "moderating_partner",
  "guiding_principles",
  "fields_of_action",
] as const;

function initialValues(process?: Process) {
  return {
    title: process?.title ?? "",
    slug: process?.slug ?? "",
    summary: process?.summary ?? "",
    description: process?.description ?? "",
    concept_kind: process?.concept_kind ?? "first",
    previous_concept_year: process?.previous_concept_year ? String(process.previous_concept_year) : "",
    starts_on: process?.starts_on ?? "",
    ends_on: process?.ends_on ?? "",
    funding_note: process?.funding_note ?? "",
    moderating_partner: process?.moderating_partner ?? "",
    guiding_principles: process?.guiding_principles.join("\n") ?? "",
    fields_of_action: process?.fields_of_action.join("\n") ?? "",
  };
}

function ProcessForm({ process, onSaved }: { process?: Process; onSaved: (saved: Process) => void }) {
  const { t } = useTranslation("staff");
  const state = useFormState(() => initialValues(process));
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, PROCESS_FIELDS);
  const form = { ...state, errors: errors.fields };
  const labels = Object.fromEntries(PROCESS_FIELDS.map((name) => [name, t(`processes.fields.${name}`)]));
  const v = state.values;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: v.title.trim(),
      slug: v.slug.trim(),
      summary: textOrNull(v.summary),
      description: textOrNull(v.description),
      concept_kind: v.concept_kind as Schemas["ConceptKind"],
      previous_concept_year: v.concept_kind === "update" ? numberOrNull(v.previous_concept_year) : null,
      starts_on: v.starts_on,
      ends_on: v.ends_on,
      funding_note: textOrNull(v.funding_note),
      moderating_partner: textOrNull(v.moderating_partner),
      guiding_principles: lines(v.guiding_principles),
      fields_of_action: lines(v.fields_of_action),
    };
    void run(async () => {
      const saved = process
        ? await must(api.PATCH("/api/v1/staff/processes/{process_id}", { params: { path: { process_id: process.id } }, body }))
        : await must(api.POST("/api/v1/staff/processes", { body }));
      onSaved(saved);
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <ErrorSummary message={errors.message} fieldErrors={errors.fields} labels={labels} />
      <TextField form={form} name="title" label={labels.title} required />
      <TextField form={form} name="slug" label={labels.slug} hint={t("hints.slug")} required dir="ltr" />
      <TextAreaField form={form} name="summary" label={labels.summary} rows={2} />
      <TextAreaField form={form} name="description" label={labels.description} rows={6} />
      <div className="field-row">
        <TextField form={form} name="starts_on" type="date" label={labels.starts_on} required />
        <TextField form={form} name="ends_on" type="date" label={labels.ends_on} required />
      </div>
      <SelectField
        form={form}
        name="concept_kind"
        label={labels.concept_kind}
        options={["first", "update"].map((kind) => ({ value: kind, label: t(`enums.conceptKind.${kind}`) }))}
      />
      {v.concept_kind === "update" && (
        <TextField form={form} name="previous_concept_year" type="number" inputMode="numeric" label={labels.previous_concept_year} />
      )}
      <TextField form={form} name="moderating_partner" label={labels.moderating_partner} />
      <TextField form={form} name="funding_note" label={labels.funding_note} />
      <TextAreaField form={form} name="guiding_principles" label={labels.guiding_principles} hint={t("hints.onePerLine")} />
      <TextAreaField form={form} name="fields_of_action" label={labels.fields_of_action} hint={t("hints.onePerLine")} />
      <button type="submit" className="primary" disabled={submitting}>
        {process ? t("actions.save") : t("processes.create")}
      </button>
    </form>
  );
}

export function ProcessNewPage() {
  const { t } = useTranslation("staff");
  const navigate = useNavigate();
  usePageTitle(t("processes.new"));
  return (
    <>
      <p>
        <Link to="/staff/processes">{t("processes.back")}</Link>
      </p>
      <h1>{t("processes.new")}</h1>
      <ProcessForm onSaved={(saved) => navigate(`/staff/processes/${saved.id}`, { state: { flash: t("flash.created") } })} />
    </>
  );
}

function ProcessDetails({ process }: { process: Process }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  return (
    <DefinitionList
      items={[
        [t("processes.fields.slug"), process.slug],
        [t("processes.fields.summary"), process.summary],
        [t("processes.timeFrameLabel"), t("processes.timeFrame", { start: format.day(process.starts_on), end: format.day(process.ends_on) })],
        [t("processes.fields.concept_kind"), t(`enums.conceptKind.${process.concept_kind}`)],
        [t("processes.fields.previous_concept_year"), process.previous_concept_year],
        [t("processes.fields.moderating_partner"), process.moderating_partner],
        [t("processes.fields.funding_note"), process.funding_note],
        [t("processes.fields.guiding_principles"), process.guiding_principles.join(" · ")],
        [t("processes.fields.fields_of_action"), process.fields_of_action.join(" · ")],
      ]}
    />
  );
}

export function ProcessPage() {
  const { t } = useTranslation("staff");
  const { processId = "" } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const [notice, setNotice] = useState(useFlash());
  const loaded = useLoading(
    () => must(api.GET("/api/v1/staff/processes/{process_id}", { params: { path: { process_id: processId } } })),
    [processId],
    { keepWhileLoading: true },
  );
  usePageTitle(loaded.data?.title ?? t("processes.title"));
  const path = { params: { path: { process_id: processId } } };
  return (
    <>
      <p>
        <Link to="/staff/processes">{t("processes.back")}</Link>
      </p>
      <PageState loading={loaded} heading={t("processes.title")}>
        {(process) => {
          const writable = can(me, "processes:write", { processId: process.id }) && process.status !== "archived";
          return (
            <>
              <h1>{process.title}</h1>
              <StatusMessage>{notice}</StatusMessage>
              <p>
                {t("labels.status")}: <StatusTag kind="process" status={process.status} />
              </p>
              <p className="link-row">
                <ContextLink to={`/staff/groups?process=${process.id}`} text={t("links.groups")} name={t("processes.groupsOf", { title: process.title })} />
                <ContextLink to={`/staff/events?process=${process.id}`} text={t("links.events")} name={t("processes.eventsOf", { title: process.title })} />
                {can(me, "people:write", { processId: process.id }) && (
                  <ContextLink
                    to={`/staff/processes/${process.id}/allocation`}
                    text={t("staffAllocation:link")}
                    name={t("staffAllocation:linkOf", { title: process.title })}
                  />
                )}
                <MessagesLink processId={process.id} title={process.title} />
                {can(me, "people:read", { processId: process.id }) && (
                  <ContextLink
                    to={`/staff/processes/${process.id}/statistics`}
                    text={t("staffStats:links.statistics")}
                    name={t("staffStats:links.statisticsOf", { title: process.title })}
                  />
                )}
              </p>
              {writable && (
                <div className="button-row" role="group" aria-label={t("labels.statusActions")}>
                  {process.status === "draft" && (
                    <ActionButton className="primary" onAction={async () => {
                        loaded.replace(await must(api.POST("/api/v1/staff/processes/{process_id}/publish", path)));
                        setNotice(t("flash.published"));
                      }}>
                      {t("actions.publish")}
                    </ActionButton>
                  )}
                  {process.status === "published" && (
                    <ActionButton
                      confirm={t("processes.archiveConfirm")}
                      onAction={async () => {
                        loaded.replace(await must(api.POST("/api/v1/staff/processes/{process_id}/archive", path)));
                        setNotice(t("flash.archived"));
                      }}
                    >
                      {t("actions.archive")}
                    </ActionButton>
                  )}
                  {process.status === "draft" && (
                    <ActionButton
                      className="danger"
                      confirm={t("processes.deleteConfirm")}
                      onAction={async () => {
                        await must(api.DELETE("/api/v1/staff/processes/{process_id}", path));
                        navigate("/staff/processes", { state: { flash: t("flash.deleted") } });
                      }}
                    >
                      {t("actions.deleteDraft")}
                    </ActionButton>
                  )}
                </div>
              )}
              {writable ? (
                <section aria-labelledby="process-edit-title">
                  <h2 id="process-edit-title">{t("processes.edit")}</h2>
                  <ProcessForm
                    process={process}
                    onSaved={(saved) => {
                      loaded.replace(saved);
                      setNotice(t("flash.saved"));
                    }}
                  />
                </section>
              ) : (
                <ProcessDetails process={process} />
              )}
              <PhasesSection process={process} writable={writable} onChanged={loaded.reload} />
              <ContactsLinksSection process={process} writable={writable} onSaved={loaded.replace} />
            </>
          );
        }}
      </PageState>
    </>
  );
}
