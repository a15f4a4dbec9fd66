// The process's contact persons (Ansprechpersonen) and its links and documents, edited on the
// process page: add, change, remove and put in order, each list saved with its own button.
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { Field } from "../../forms/Field";
import { formErrors } from "../../forms/formErrors";
import { InlineErrors } from "../../forms/InlineErrors";
import { useSubmit } from "../../forms/useSubmit";
import { StatusMessage } from "../components/PageState";
import { textOrNull } from "../lib/values";
import { type Keyed, keyed, OrderedList, unkeyed } from "./OrderedList";

type Process = Schemas["ProcessStaff"];
type Contact = Schemas["Contact"];
type Link = Schemas["Link"];
type ContactDraft = { name: string; role: string; phone: string; email: string; address: string; office_hours: string };
const CONTACT_PARTS = ["name", "role", "phone", "email", "address", "office_hours"] as const;

function contactDraft(contact?: Contact): ContactDraft {
  return {
    name: contact?.name ?? "",
    role: contact?.role ?? "",
    phone: contact?.phone ?? "",
    email: contact?.email ?? "",
    address: contact?.address ?? "",
    office_hours: contact?.office_hours ?? "",
  };
}

function contactOf(draft: ContactDraft): Contact {
  return {
    name: draft.name.trim(),
    role: textOrNull(draft.role),
    phone: textOrNull(draft.phone),
    email: textOrNull(draft.email),
    address: textOrNull(draft.address),
    office_hours: textOrNull(draft.office_hours),
  };
}

type SaveProps = { process: Process; onSaved: (saved: Process) => void };

function ContactsForm({ process, onSaved }: SaveProps) {
  const { t } = useTranslation("staffCity");
  const [drafts, setDrafts] = useState<Keyed<ContactDraft>[]>(() => process.contacts.map((c) => keyed(contactDraft(c))));
  const [notice, setNotice] = useState<string | null>(null);
  const { submitting, problem, run } = useSubmit();
  const names = drafts.flatMap((_, index) => CONTACT_PARTS.map((part) => `contacts.${index}.${part}`));
  const errors = formErrors(problem, [...names, "contacts"]);
  const labels = Object.fromEntries(
    drafts.flatMap((_, index) => CONTACT_PARTS.map((part) => [`contacts.${index}.${part}`, `${t("contacts.legend", { number: index + 1 })}, ${t(`contacts.fields.${part}`)}`])),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void run(async () => {
      const saved = await must(
        api.PATCH("/api/v1/staff/processes/{process_id}", {
          params: { path: { process_id: process.id } },
          body: { contacts: drafts.map((draft) => contactOf(unkeyed(draft))) },
        }),
      );
      setNotice(t("contacts.saved"));
      onSaved(saved);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <InlineErrors errors={errors} labels={labels} />
      <OrderedList<ContactDraft>
        items={drafts}
        onChange={setDrafts}
        blank={() => contactDraft()}
        addLabel={t("contacts.add")}
        emptyText={t("contacts.none")}
        legend={(draft, index) => (draft.name.trim() ? t("contacts.legendNamed", { number: index + 1, name: draft.name.trim() }) : t("contacts.legend", { number: index + 1 }))}
      >
        {(draft, index, update) => {
          const field = (part: (typeof CONTACT_PARTS)[number], options: { type?: string; required?: boolean; multiline?: boolean; dir?: "ltr" } = {}) => {
            const name = `contacts.${index}.${part}`;
            return (
              <Field name={name} label={t(`contacts.fields.${part}`)} error={errors.fields[name]} required={options.required}>
                {(control) =>
                  options.multiline ? (
                    <textarea {...control} rows={2} value={draft[part]} onChange={(e) => update({ [part]: e.target.value })} />
                  ) : (
                    <input {...control} type={options.type ?? "text"} dir={options.dir} value={draft[part]} onChange={(e) => update({ [part]: e.target.value })} />
                  )
                }
              </Field>
            );
          };
          return (
            <>
              <div className="field-row">
                {field("name", { required: true })}
                {field("role")}
              </div>
              <div className="field-row">
                {field("phone", { type: "tel", dir: "ltr" })}
                {field("email", { type: "email", dir: "ltr" })}
              </div>
              {field("address", { multiline: true })}
              {field("office_hours", { multiline: true })}
            </>
          );
        }}
      </OrderedList>
      <StatusMessage>{notice}</StatusMessage>
      <button type="submit" className="primary" disabled={submitting}>
        {t("contacts.save")}
      </button>
    </form>
  );
}

type LinkDraft = { title: string; url: string };

function LinksForm({ process, onSaved }: SaveProps) {
  const { t } = useTranslation("staffCity");
  const [drafts, setDrafts] = useState<Keyed<LinkDraft>[]>(() => process.links.map((link) => keyed({ title: link.title, url: link.url })));
  const [notice, setNotice] = useState<string | null>(null);
  const { submitting, problem, run } = useSubmit();
  const names = drafts.flatMap((_, index) => [`links.${index}.title`, `links.${index}.url`]);
  const errors = formErrors(problem, [...names, "links"]);
  const labels = Object.fromEntries(
    drafts.flatMap((_, index) => (["title", "url"] as const).map((part) => [`links.${index}.${part}`, `${t("links.legend", { number: index + 1 })}, ${t(`links.fields.${part}`)}`])),
  );
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    void run(async () => {
      const body: { links: Link[] } = { links: drafts.map((draft) => ({ title: draft.title.trim(), url: draft.url.trim() })) };
      const saved = await must(api.PATCH("/api/v1/staff/processes/{process_id}", { params: { path: { process_id: process.id } }, body }));
      setNotice(t("links.saved"));
      onSaved(saved);
    });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="staff-form">
      <InlineErrors errors={errors} labels={labels} />
      <OrderedList<LinkDraft>
        items={drafts}
        onChange={setDrafts}
        blank={() => ({ title: "", url: "" })}
        addLabel={t("links.add")}
        emptyText={t("links.none")}
        legend={(draft, index) => (draft.title.trim() ? t("links.legendNamed", { number: index + 1, name: draft.title.trim() }) : t("links.legend", { number: index + 1 }))}
      >
        {(draft, index, update) => (
          <div className="field-row">
            <Field name={`links.${index}.title`} label={t("links.fields.title")} error={errors.fields[`links.${index}.title`]} required>
              {(control) => <input {...control} value={draft.title} onChange={(e) => update({ title: e.target.value })} />}
            </Field>
            <Field name={`links.${index}.url`} label={t("links.fields.url")} hint={t("links.urlHint")} error={errors.fields[`links.${index}.url`]} required>
              {(control) => <input {...control} type="url" dir="ltr" value={draft.url} onChange={(e) => update({ url: e.target.value })} />}
            </Field>
          </div>
        )}
      </OrderedList>
      <StatusMessage>{notice}</StatusMessage>
      <button type="submit" className="primary" disabled={submitting}>
        {t("links.save")}
      </button>
    </form>
  );
}

function ContactsReadOnly({ process }: { process: Process }) {
  const { t } = useTranslation("staffCity");
  if (process.contacts.length === 0) return <p>{t("contacts.none")}</p>;
  return (
    <ul className="card-list">
      {process.contacts.map((contact, index) => (
        <li key={index} className="card">
          <h3 className="card-title">{contact.name}</h3>
          <ul className="facts">
            {CONTACT_PARTS.filter((part) => part !== "name" && contact[part]).map((part) => (
              <li key={part}>
                <span className="fact-label">{t(`contacts.fields.${part}`)}:</span> {contact[part]}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/** Both lists on the process page; read-only for whoever may not change the process. */
export function ContactsLinksSection({ process, writable, onSaved }: SaveProps & { writable: boolean }) {
  const { t } = useTranslation("staffCity");
  return (
    <>
      <section aria-labelledby="contacts-title">
        <h2 id="contacts-title">{t("contacts.title")}</h2>
        <p>{t("contacts.intro")}</p>
        {writable ? <ContactsForm process={process} onSaved={onSaved} /> : <ContactsReadOnly process={process} />}
      </section>
      <section aria-labelledby="links-title">
        <h2 id="links-title">{t("links.title")}</h2>
        <p>{t("links.intro")}</p>
        {writable ? (
          <LinksForm process={process} onSaved={onSaved} />
        ) : process.links.length === 0 ? (
          <p>{t("links.none")}</p>
        ) : (
          <ul>
            {process.links.map((link, index) => (
              <li key={index}>
                <a href={link.url}>{link.title}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
