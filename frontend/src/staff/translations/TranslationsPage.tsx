// "Übersetzungen": the city's texts (its office's name, its privacy notice) or a process's (the process,
// its phases, groups, dates and sign-up questions) beside their translation into one of the city's
// languages. Staff write or correct a translation in place, see which are missing and which are out of
// date because the original changed, and hand whole files to a translation agency and back (XLIFF or
// CSV). What is chosen lives in the address (?process=…&language=…&show=…), so a reload keeps it.
import { type ChangeEvent, type FormEvent, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { api, type Problem, type Schemas } from "../../api/client";
import { useLoading } from "../../api/loading";
import { must, settle } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { fieldErrorText } from "../../forms/problemWords";
import { languageName } from "../../format";
import { directionOf } from "../../i18n";
import { useMe } from "../auth/AuthContext";
import { can } from "../auth/permissions";
import { PageState, ProblemText, StatusMessage } from "../components/PageState";
import { downloadFile } from "../lib/download";
import { useProcesses } from "../lib/useProcesses";
import "./translations.css";

type Sheet = Schemas["TranslationSheet"];
type Item = Schemas["TranslationItem"];
type Report = Schemas["TranslationImportReport"];
type State = Item["state"];
type Show = "all" | "missing" | "stale";

const SHOWS: readonly Show[] = ["all", "missing", "stale"];
const EXPORTS = [
  { format: "xliff2", extension: "xlf" },
  { format: "xliff12", extension: "xlf" },
  { format: "csv", extension: "csv" },
] as const;

/** One text's identity: which object, which of its texts. */
function keyOf(item: Pick<Item, "subject" | "subject_id" | "field">): string {
  return `${item.subject}/${item.subject_id}/${item.field}`;
}

function countsOf(items: readonly Item[]): Record<State, number> {
  const counts: Record<State, number> = { missing: 0, stale: 0, current: 0 };
  for (const item of items) counts[item.state] += 1;
  return counts;
}

/** The languages a city's texts are translated into: its languages but the one it writes in. */
function targetLanguages(organization: Schemas["OrganizationPublic"]): string[] {
  return organization.languages.filter((code) => code !== organization.default_language);
}

export function TranslationsPage() {
  const { t, i18n } = useTranslation("staffTranslations");
  usePageTitle(t("title"));
  const me = useMe();
  const uiLanguage = i18n.language;
  const languages = targetLanguages(me.organization);
  const [search, setSearch] = useSearchParams();
  // The choices are the page's own state (a radio must show its choice at once); the address follows
  // them, so a reload or a shared link opens the same list.
  const [choices, setChoices] = useState(() => ({
    process: search.get("process") ?? "",
    language: search.get("language") ?? "",
    show: search.get("show") ?? "",
  }));
  const processId = choices.process;
  const language = languages.includes(choices.language) ? choices.language : (languages[0] ?? "");
  const show: Show = SHOWS.includes(choices.show as Show) ? (choices.show as Show) : "all";
  const processes = useProcesses();

  const choose = (name: "process" | "language" | "show", value: string) => {
    setChoices((before) => ({ ...before, [name]: value }));
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    setSearch(next, { replace: true });
  };

  const sheet = useLoading(
    () =>
      language
        ? must(api.GET("/api/v1/staff/translations", { params: { query: { language, process_id: processId || undefined } } }))
        : Promise.resolve(null),
    [language, processId],
    { keepWhileLoading: true },
  );

  if (!can(me, "processes:write")) {
    return (
      <>
        <h1>{t("title")}</h1>
        <p>{t("notAllowed")}</p>
      </>
    );
  }

  return (
    <>
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {languages.length === 0 ? (
        <div className="notice">
          <p>{t("noLanguages")}</p>
          {can(me, "organization:manage") && (
            <p>
              <Link to="/staff/settings">{t("toSettings")}</Link>
            </p>
          )}
        </div>
      ) : (
        <>
          <div className="toolbar">
            <div className="field">
              <label htmlFor="translation-texts">{t("choice.texts")}</label>
              <select id="translation-texts" value={processId} onChange={(event) => choose("process", event.target.value)}>
                <option value="">{t("choice.cityTexts")}</option>
                {(processes.data ?? []).map((process) => (
                  <option key={process.id} value={process.id}>
                    {t("choice.process", { title: process.title })}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="translation-language">{t("choice.language")}</label>
              <select id="translation-language" value={language} onChange={(event) => choose("language", event.target.value)}>
                {languages.map((code) => (
                  <option key={code} value={code}>
                    {languageName(code, uiLanguage)}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field show-choice">
              <legend>{t("choice.show")}</legend>
              {SHOWS.map((value) => (
                <span className="option" key={value}>
                  <input
                    type="radio"
                    id={`translation-show-${value}`}
                    name="translation-show"
                    checked={show === value}
                    onChange={() => choose("show", value === "all" ? "" : value)}
                  />
                  <label htmlFor={`translation-show-${value}`}>{t(`show.${value}`)}</label>
                </span>
              ))}
            </fieldset>
          </div>
          <PageState loading={sheet}>
            {(data) =>
              data && (
                <TranslationSheet
                  key={`${data.language}|${processId}|${show}`}
                  sheet={data}
                  processId={processId}
                  show={show}
                  onReplace={sheet.replace}
                  onReload={sheet.reload}
                />
              )
            }
          </PageState>
        </>
      )}
    </>
  );
}

function TranslationSheet({
  sheet,
  processId,
  show,
  onReplace,
  onReload,
}: {
  sheet: Sheet;
  processId: string;
  show: Show;
  onReplace: (sheet: Sheet) => void;
  onReload: () => void;
}) {
  const { t, i18n } = useTranslation("staffTranslations");
  const [status, setStatus] = useState("");
  // A text saved or removed here stays in the list even when it no longer matches the filter ("only
  // missing"): it must not vanish under the keyboard's focus. Choosing a filter again starts afresh.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const counts = countsOf(sheet.items);
  const shown = sheet.items.filter((item) => show === "all" || item.state === show || touched.has(keyOf(item)));
  const targetName = languageName(sheet.language, i18n.language);

  const replaceItem = (changed: Item) => {
    const items = sheet.items.map((item) => (keyOf(item) === keyOf(changed) ? changed : item));
    onReplace({ ...sheet, items, counts: countsOf(items) });
  };

  return (
    <>
      <section aria-labelledby="translation-files-title" className="card translation-files">
        <h2 id="translation-files-title">{t("files.title")}</h2>
        <p className="hint">{t("files.hint", { language: targetName })}</p>
        <ExportButtons language={sheet.language} processId={processId} />
        <ImportForm language={sheet.language} processId={processId} onImported={onReload} />
      </section>

      <section aria-labelledby="translation-texts-title">
        <h2 id="translation-texts-title">{t("texts.title", { language: targetName })}</h2>
        <p>
          {t("counts.missing", { count: counts.missing })} · {t("counts.stale", { count: counts.stale })} ·{" "}
          {t("counts.current", { count: counts.current })}
        </p>
        <StatusMessage>{status}</StatusMessage>
        {shown.length === 0 ? (
          <p>{sheet.items.length === 0 ? t("texts.none") : t(`texts.noneShown.${show}`)}</p>
        ) : (
          <ul className="translation-list">
            {shown.map((item) => (
              <TranslationRow
                key={keyOf(item)}
                item={item}
                language={sheet.language}
                sourceLanguage={sheet.source_language}
                onSaved={(changed, message) => {
                  setTouched((before) => new Set(before).add(keyOf(changed)));
                  replaceItem(changed);
                  setStatus(message);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/** "Titel", "Leitlinie 3", "Frage: Antwort 2": which text of its object an item is. */
function useFieldName() {
  const { t } = useTranslation("staffTranslations");
  return (field: string): string => {
    const parts = field.split(".");
    if (parts[0] === "questions") {
      // questions.<id>.label, questions.<id>.options.<index>
      return parts[2] === "options" ? t("field.questionOption", { number: Number(parts[3]) + 1 }) : t("field.questionLabel");
    }
    if (parts[0] === "links") return t("field.linkTitle", { number: Number(parts[1]) + 1 });
    if (parts.length === 2) return t(`field.${parts[0]}Item`, { number: Number(parts[1]) + 1, defaultValue: field });
    return t(`field.${parts[0]}`, { defaultValue: field });
  };
}

const STATE_TONE: Record<State, string> = { missing: "tone-waiting", stale: "tone-ended", current: "tone-good" };

function TranslationRow({
  item,
  language,
  sourceLanguage,
  onSaved,
}: {
  item: Item;
  language: string;
  sourceLanguage: string;
  onSaved: (item: Item, message: string) => void;
}) {
  const { t, i18n } = useTranslation("staffTranslations");
  const fieldName = useFieldName();
  const [draft, setDraft] = useState(item.text ?? "");
  // A translation that changed from elsewhere (an imported file) replaces what the field shows.
  const [shownText, setShownText] = useState(item.text);
  if (shownText !== item.text) {
    setShownText(item.text);
    setDraft(item.text ?? "");
  }
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useMemo(() => `translation-${keyOf(item).replace(/[^a-zA-Z0-9_-]/g, "-")}`, [item]);
  const what = t(`subject.${item.subject}`, { title: item.subject_title, field: fieldName(item.field) });
  const changed = draft.trim() !== (item.text ?? "");
  const rows = Math.min(12, Math.max(2, Math.ceil(item.source.length / 60)));

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!draft.trim()) {
      setProblem({ type: "about:blank", title: "", status: 422, detail: t("row.empty"), instance: null, errors: null });
      return;
    }
    setBusy(true);
    const outcome = await settle(
      api.PUT("/api/v1/staff/translations", {
        body: { subject: item.subject, subject_id: item.subject_id, field: item.field, language, text: draft.trim() },
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setDraft(outcome.data.text ?? "");
    onSaved(outcome.data, t("row.saved", { what }));
  }

  async function remove() {
    setBusy(true);
    const outcome = await settle(
      api.DELETE("/api/v1/staff/translations", {
        params: { query: { subject: item.subject, subject_id: item.subject_id, field: item.field, language } },
      }),
    );
    setBusy(false);
    if (!outcome.ok) return setProblem(outcome.problem);
    setProblem(null);
    setDraft("");
    onSaved({ ...item, text: null, state: "missing", updated_at: null }, t("row.removed", { what }));
  }

  return (
    <li className="translation-row">
      <h3 className="translation-what" id={`${id}-what`}>
        {what}
      </h3>
      <form className="translation-pair" onSubmit={save} noValidate>
        <div className="translation-source">
          <span className="label" id={`${id}-source-label`}>
            {t("row.original", { language: languageName(sourceLanguage, i18n.language) })}
          </span>
          {/* The original in its own language, so a screen reader reads it with the right voice. */}
          <p id={`${id}-source`} lang={sourceLanguage} dir={directionOf(sourceLanguage)} className="translation-original">
            {item.source}
          </p>
        </div>
        <div className="translation-target">
          <label htmlFor={`${id}-text`}>{t("row.translation", { what })}</label>
          <textarea
            id={`${id}-text`}
            lang={language}
            dir={directionOf(language)}
            rows={rows}
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            aria-describedby={`${id}-source-label ${id}-source ${id}-state${problem ? ` ${id}-problem` : ""}`}
            aria-invalid={problem ? true : undefined}
          />
          {problem && (
            <p className="error-message" id={`${id}-problem`} role="alert">
              {problem.title ? <ProblemText problem={problem} /> : problem.detail}
            </p>
          )}
        </div>
        <div className="translation-actions">
          <p id={`${id}-state`}>
            <span className={`status-tag ${STATE_TONE[item.state]}`}>{t(`state.${item.state}`)}</span>
          </p>
          {item.state === "stale" && <p className="hint">{t("row.staleHint")}</p>}
          <div className="button-row">
            {/* Unchanged, only an out-of-date translation can be saved: to confirm it still fits. */}
            <button type="submit" className="primary" disabled={busy || (!changed && item.state !== "stale")}>
              {t("row.save")}
              <span className="visually-hidden">: {what}</span>
            </button>
            {item.text !== null && (
              <button type="button" className="danger" disabled={busy} onClick={() => void remove()}>
                {t("row.remove")}
                <span className="visually-hidden">: {what}</span>
              </button>
            )}
          </div>
        </div>
      </form>
    </li>
  );
}

function ExportButtons({ language, processId }: { language: string; processId: string }) {
  const { t } = useTranslation("staffTranslations");
  const [problem, setProblem] = useState<Problem | null>(null);
  const download = async (format: string, extension: string) => {
    try {
      setProblem(null);
      await downloadFile(
        "/api/v1/staff/translations/export",
        { language, format, process_id: processId || undefined },
        `translations-${language}.${extension}`,
      );
    } catch (error) {
      setProblem(error as Problem);
    }
  };
  return (
    <>
      <div className="button-row" role="group" aria-label={t("files.export")}>
        {EXPORTS.map(({ format, extension }) => (
          <button key={format} type="button" onClick={() => void download(format, extension)}>
            {t(`files.${format}`)}
          </button>
        ))}
      </div>
      {problem && (
        <p className="notice warning" role="alert">
          <ProblemText problem={problem} />
        </p>
      )}
    </>
  );
}

/** The file's type for the API: CSV by its name or type, XLIFF otherwise. */
function contentTypeOf(file: File): string {
  return file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv" ? "text/csv" : "application/xliff+xml";
}

function ImportForm({ language, processId, onImported }: { language: string; processId: string; onImported: () => void }) {
  const { t } = useTranslation("staffTranslations");
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [missingFile, setMissingFile] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setMissingFile(true);
      input.current?.focus();
      return;
    }
    setBusy(true);
    setReport(null);
    setProblem(null);
    const body = await file.text();
    const outcome = await settle(
      api.POST("/api/v1/staff/translations/import", {
        params: { query: { language, process_id: processId || undefined } },
        // The file as it is: the API reads XLIFF or CSV itself.
        body: body as never,
        bodySerializer: (raw: unknown) => raw as string,
        headers: { "Content-Type": contentTypeOf(file) },
      }),
    );
    setBusy(false);
    if (outcome.ok) {
      setReport(outcome.data);
      onImported();
    } else setProblem(outcome.problem);
  }

  return (
    <form onSubmit={submit} noValidate className="translation-import" aria-labelledby="translation-import-title">
      <h3 id="translation-import-title">{t("import.title")}</h3>
      <div className="field">
        <label htmlFor="translation-file">{t("import.file")}</label>
        <p className="hint" id="translation-file-hint">
          {t("import.hint")}
        </p>
        <input
          ref={input}
          id="translation-file"
          type="file"
          accept=".xlf,.xliff,.csv,application/xliff+xml,text/csv"
          aria-describedby={`translation-file-hint${missingFile ? " translation-file-error" : ""}`}
          aria-invalid={missingFile || undefined}
          onChange={(event: ChangeEvent<HTMLInputElement>) => {
            setFile(event.target.files?.[0] ?? null);
            setMissingFile(false);
          }}
        />
        {missingFile && (
          <p className="error-message" id="translation-file-error">
            {t("import.noFile")}
          </p>
        )}
      </div>
      <button type="submit" disabled={busy}>
        {t("import.submit")}
      </button>
      <ImportOutcome report={report} problem={problem} />
    </form>
  );
}

// The refusals an import names by their kind get the console's words; others keep the API's sentence
// (it comes in the console's language, and says more than a generic "invalid").
const IMPORT_KINDS = new Set(["stale-source", "wrong-language", "duplicate", "not-found"]);

/** What an import did: the texts it changed, or — when it was refused — each refused line or unit. */
function ImportOutcome({ report, problem }: { report: Report | null; problem: Problem | null }) {
  const { t } = useTranslation("staffTranslations");
  // "line 7", "unit event/…/title", "file": where in the file, in the console's words.
  const where = (field: string): string => {
    const line = /^line (\d+)$/.exec(field);
    if (line) return t("import.line", { number: line[1] });
    const unit = /^unit (.+)$/.exec(field);
    if (unit) return t("import.unit", { id: unit[1] });
    return field === "file" ? t("import.wholeFile") : field;
  };
  if (problem) {
    const errors = problem.errors ?? [];
    return (
      <div className="notice warning" role="alert">
        <p className="strong">{t("import.refused")}</p>
        {errors.length > 0 ? (
          <ul>
            {errors.map((error, index) => (
              <li key={index}>
                <bdi>{where(error.field)}</bdi>: {error.kind && IMPORT_KINDS.has(error.kind) ? fieldErrorText(error) : error.message}
              </li>
            ))}
          </ul>
        ) : (
          <p>
            <ProblemText problem={problem} />
          </p>
        )}
      </div>
    );
  }
  if (!report) return null;
  return (
    <div className="notice success" role="status">
      <p className="strong">
        {t("import.changed", { count: report.changed.length })} {t("import.unchanged", { count: report.unchanged })}
      </p>
      {report.changed.length > 0 && (
        <table>
          <caption className="visually-hidden">{t("import.changedCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("import.text")}</th>
              <th scope="col">{t("import.before")}</th>
              <th scope="col">{t("import.after")}</th>
            </tr>
          </thead>
          <tbody>
            {report.changed.map((change) => (
              <tr key={`${change.subject}/${change.subject_id}/${change.field}`}>
                <td>
                  {t(`subjectKind.${change.subject}`)}: <bdi>{change.field}</bdi>
                </td>
                <td lang={report.language} dir={directionOf(report.language)}>
                  {change.before ?? "—"}
                </td>
                <td lang={report.language} dir={directionOf(report.language)}>
                  {change.after}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
