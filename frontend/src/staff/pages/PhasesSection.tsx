import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { formErrors } from "../../forms/formErrors";
import { TextAreaField, TextField, useFormState } from "../../forms/FormFields";
import { InlineErrors } from "../../forms/InlineErrors";
import { useSubmit } from "../../forms/useSubmit";
import { ActionButton } from "../components/Actions";
import { StatusMessage } from "../components/PageState";
import { useFormat } from "../lib/useFormat";
import { textOrNull } from "../lib/values";

type Phase = Schemas["PhaseOut"];
const PHASE_FIELDS = ["name", "description", "starts_on", "ends_on"] as const;

/** Add or change one phase. Field names carry a prefix: several of these forms can be open at once. */
function PhaseForm({ processId, phase, onDone }: { processId: string; phase?: Phase; onDone: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const prefix = phase ? `phase-${phase.id}-` : "phase-new-";
  const state = useFormState({
    [`${prefix}name`]: phase?.name ?? "",
    [`${prefix}description`]: phase?.description ?? "",
    [`${prefix}starts_on`]: phase?.starts_on ?? "",
    [`${prefix}ends_on`]: phase?.ends_on ?? "",
  } as Record<string, string>);
  const { submitting, problem, run } = useSubmit();
  const names = PHASE_FIELDS.map((field) => `${prefix}${field}`);
  const errors = formErrors(problem, names, Object.fromEntries(PHASE_FIELDS.map((field) => [field, `${prefix}${field}`])));
  const form = { ...state, errors: errors.fields };
  const labels = Object.fromEntries(PHASE_FIELDS.map((field) => [`${prefix}${field}`, t(`phases.fields.${field}`)]));
  const value = (field: string) => state.values[`${prefix}${field}`];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      name: value("name").trim(),
      description: textOrNull(value("description")),
      starts_on: value("starts_on"),
      ends_on: value("ends_on"),
    };
    void run(async () => {
      if (phase) await must(api.PATCH("/api/v1/staff/phases/{phase_id}", { params: { path: { phase_id: phase.id } }, body }));
      else await must(api.POST("/api/v1/staff/processes/{process_id}/phases", { params: { path: { process_id: processId } }, body }));
      if (!phase) state.replace(Object.fromEntries(names.map((name) => [name, ""])));
      onDone(phase ? t("flash.saved") : t("phases.added"));
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate className="phase-form">
      <InlineErrors errors={errors} labels={labels} />
      <TextField form={form} name={`${prefix}name`} label={labels[`${prefix}name`]} required />
      <div className="field-row">
        <TextField form={form} name={`${prefix}starts_on`} type="date" label={labels[`${prefix}starts_on`]} required />
        <TextField form={form} name={`${prefix}ends_on`} type="date" label={labels[`${prefix}ends_on`]} required />
      </div>
      <TextAreaField form={form} name={`${prefix}description`} label={labels[`${prefix}description`]} rows={2} />
      <button type="submit" className="primary" disabled={submitting}>
        {phase ? t("phases.save") : t("phases.add")}
      </button>
    </form>
  );
}

function PhaseItem({ phase, processId, writable, onChanged }: { phase: Phase; processId: string; writable: boolean; onChanged: (message: string) => void }) {
  const { t } = useTranslation("staff");
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  return (
    <li className="card">
      <h3 className="card-title">
        {phase.name}
        {phase.is_current && <span className="status-tag tone-good">{t("phases.current")}</span>}
      </h3>
      <p>{t("processes.timeFrame", { start: format.day(phase.starts_on), end: format.day(phase.ends_on) })}</p>
      {phase.description && <p>{phase.description}</p>}
      {writable && (
        <div className="button-row">
          <button type="button" aria-expanded={editing} onClick={() => setEditing((open) => !open)}>
            {t("phases.edit", { name: phase.name })}
          </button>
          <ActionButton
            className="danger"
            confirm={t("phases.deleteConfirm", { name: phase.name })}
            onAction={async () => {
              await must(api.DELETE("/api/v1/staff/phases/{phase_id}", { params: { path: { phase_id: phase.id } } }));
              onChanged(t("flash.deleted"));
            }}
          >
            {t("phases.delete", { name: phase.name })}
          </ActionButton>
        </div>
      )}
      {editing && (
        <PhaseForm
          processId={processId}
          phase={phase}
          onDone={(message) => {
            setEditing(false);
            onChanged(message);
          }}
        />
      )}
    </li>
  );
}

export function PhasesSection({ process, writable, onChanged }: { process: Schemas["ProcessStaff"]; writable: boolean; onChanged: () => void }) {
  const { t } = useTranslation("staff");
  const [message, setMessage] = useState<string | null>(null);
  const changed = (text: string) => {
    setMessage(text);
    onChanged();
  };
  return (
    <section aria-labelledby="phases-title">
      <h2 id="phases-title">{t("phases.title")}</h2>
      <StatusMessage>{message}</StatusMessage>
      {process.phases.length === 0 ? (
        <p>{t("phases.none")}</p>
      ) : (
        <ol className="card-list">
          {process.phases.map((phase) => (
            <PhaseItem key={phase.id} phase={phase} processId={process.id} writable={writable} onChanged={changed} />
          ))}
        </ol>
      )}
      {writable && (
        <details className="card">
          <summary>{t("phases.add")}</summary>
          <PhaseForm processId={process.id} onDone={changed} />
        </details>
      )}
    </section>
  );
}
