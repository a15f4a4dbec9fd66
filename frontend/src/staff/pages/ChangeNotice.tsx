// Before staff change an event that people signed up for, they see whom the change notice will reach
// and can add their own words to it. The server decides who is told (api/registrations/notices.py);
// these pages only ask it beforehand (`notice-preview`) and say it in the staff's words.
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { api, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must } from "../../api/outcome";
import { Field } from "../../forms/Field";

export type NoticePreview = Schemas["NoticePreview"];
type Action = Schemas["NoticePreviewRequest"]["action"];

/** Asks the server who would be told if staff did `action` to the event now. */
export function previewNotice(eventId: string, action: Action, changes?: Schemas["EventUpdate"]): Promise<NoticePreview> {
  return must(
    api.POST("/api/v1/staff/events/{event_id}/notice-preview", {
      params: { path: { event_id: eventId } },
      body: { action, changes: changes ?? null },
    }),
  );
}

export function reachesAnyone(preview: NoticePreview): boolean {
  return preview.notified + preview.to_call > 0;
}

/** "12 people will get a mail; 2 signed up without e-mail: please call them." */
export function NoticeAudience({ preview, eventId }: { preview: NoticePreview; eventId: string }) {
  const { t } = useTranslation("staff");
  if (!reachesAnyone(preview)) return <p>{t("notices.nobody")}</p>;
  return (
    <>
      {preview.changes.length > 0 && (
        <p>
          {t("notices.whatChanges")}{" "}
          {preview.changes.map((aspect) => t(`notices.aspects.${aspect}`)).join(", ")}
        </p>
      )}
      <p>{t("notices.notified", { count: preview.notified })}</p>
      {preview.to_call > 0 && (
        <p>
          {t("notices.toCall", { count: preview.to_call })}{" "}
          <Link to={`/staff/events/${eventId}/registrations`}>{t("notices.callList")}</Link>
        </p>
      )}
    </>
  );
}

/** Who a status change (postpone, cancel, publish again) will reach, fetched when the panel opens. */
export function StatusNoticeAudience({ eventId, action }: { eventId: string; action: Action }) {
  const { t } = useTranslation("staff");
  const loaded = useLoading(() => previewNotice(eventId, action), [eventId, action]);
  if (!loaded.data) return loaded.problem ? null : <p>{t("notices.counting")}</p>;
  return (
    <div className="notice-audience">
      <NoticeAudience preview={loaded.data} eventId={eventId} />
    </div>
  );
}

type NoteFieldProps = { value: string; onChange: (value: string) => void; error?: string };

/** The staff's own words, added to the notice; never shown publicly. */
export function NoticeNoteField({ value, onChange, error }: NoteFieldProps) {
  const { t } = useTranslation("staff");
  const name = `notice-note-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  return (
    <Field name={name} label={t("notices.note")} hint={t("notices.noteHint")} error={error}>
      {(control) => <textarea {...control} rows={3} maxLength={2000} value={value} onChange={(e) => onChange(e.target.value)} />}
    </Field>
  );
}

type ConfirmationProps = {
  preview: NoticePreview;
  eventId: string;
  note: string;
  onNote: (value: string) => void;
  noteError?: string;
  submitting: boolean;
  onBack: () => void;
};

/** Shown after "Save" when the change reaches people: whom, what, the note, then "Save and notify". */
export function NoticeConfirmation({ preview, eventId, note, onNote, noteError, submitting, onBack }: ConfirmationProps) {
  const { t } = useTranslation("staff");
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `notice-${useId().replace(/[^a-zA-Z0-9]/g, "")}`;
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="notice-confirmation" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t("notices.title")}
      </h3>
      <NoticeAudience preview={preview} eventId={eventId} />
      <NoticeNoteField value={note} onChange={onNote} error={noteError} />
      <div className="button-row">
        <button type="submit" className="primary" disabled={submitting}>
          {t("notices.saveAndNotify")}
        </button>
        <button type="button" onClick={onBack}>
          {t("notices.backToEditing")}
        </button>
      </div>
    </section>
  );
}
