// The city's logo: chosen from a file (PNG, JPEG or WebP), seen before it is uploaded, removed again.
// The server keeps it as a PNG of at most 512 pixels a side; the public site shows it with the city's
// name as its text.
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, apiUrl, type Schemas } from "../../api/client";
import { must } from "../../api/outcome";
import { Field } from "../../forms/Field";
import { formErrors, localProblem } from "../../forms/formErrors";
import { InlineErrors } from "../../forms/InlineErrors";
import { useSubmit } from "../../forms/useSubmit";
import { ActionButton } from "../components/Actions";
import { StatusMessage } from "../components/PageState";

type Organization = Schemas["OrganizationStaff"];
const ACCEPTED = ["image/png", "image/jpeg", "image/webp"] as const;
type Accepted = (typeof ACCEPTED)[number];
const MAX_BYTES = 512 * 1024;

/** A local address for the chosen file, given back when another is chosen or the section goes. */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) {
      setUrl(null);
      return;
    }
    const address = URL.createObjectURL(file);
    setUrl(address);
    return () => URL.revokeObjectURL(address);
  }, [file]);
  return url;
}

export function LogoSection({ organization, onChanged }: { organization: Organization; onChanged: (organization: Organization | null) => void }) {
  const { t } = useTranslation("staffCity");
  const [file, setFile] = useState<File | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const preview = usePreview(file);
  const { submitting, problem, setProblem, run } = useSubmit();
  const errors = formErrors(problem, ["logo"]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (!file) return setProblem(localProblem("logo", t("logo.chooseFirst")));
    if (!ACCEPTED.includes(file.type as Accepted)) return setProblem(localProblem("logo", t("logo.wrongType")));
    if (file.size > MAX_BYTES) return setProblem(localProblem("logo", t("logo.tooLarge")));
    void run(async () => {
      const saved = await must(
        api.PUT("/api/v1/staff/organization/logo", {
          // The image itself is the body, with its own type; no JSON around it.
          body: file as unknown as string,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { "Content-Type": file.type },
        }),
      );
      setFile(null);
      if (input.current) input.current.value = "";
      setNotice(t("logo.uploaded"));
      onChanged(saved);
    });
  };

  return (
    <section aria-labelledby="logo-title" className="logo-section">
      <h2 id="logo-title">{t("logo.title")}</h2>
      <p>{t("logo.intro")}</p>
      {organization.logo_url ? (
        <figure className="logo-current">
          <img src={apiUrl(organization.logo_url)} alt={t("logo.currentAlt", { name: organization.name })} />
          <figcaption>{t("logo.current")}</figcaption>
        </figure>
      ) : (
        <p>{t("logo.none")}</p>
      )}
      <form onSubmit={onSubmit} noValidate className="staff-form">
        <InlineErrors errors={errors} labels={{ logo: t("logo.file") }} />
        <Field name="logo" label={t("logo.file")} hint={t("logo.fileHint")} error={errors.fields.logo}>
          {(control) => (
            <input
              {...control}
              ref={input}
              type="file"
              accept={ACCEPTED.join(",")}
              onChange={(e) => {
                setProblem(null);
                setFile(e.target.files?.[0] ?? null);
              }}
            />
          )}
        </Field>
        {preview && (
          <figure className="logo-preview">
            <img src={preview} alt={t("logo.previewAlt", { name: organization.name })} />
            <figcaption>{t("logo.preview")}</figcaption>
          </figure>
        )}
        <StatusMessage>{notice}</StatusMessage>
        <div className="button-row">
          <button type="submit" className="primary" disabled={submitting}>
            {t("logo.upload")}
          </button>
          {organization.logo_url && (
            <ActionButton
              className="danger"
              confirm={t("logo.removeConfirm")}
              onAction={async () => {
                await must(api.DELETE("/api/v1/staff/organization/logo"));
                setNotice(t("logo.removed"));
                onChanged(null);
              }}
            >
              {t("logo.remove")}
            </ActionButton>
          )}
        </div>
      </form>
    </section>
  );
}
