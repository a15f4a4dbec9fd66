import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { api } from "../../api/client";
import { must } from "../../api/outcome";
import { useLinkSecret } from "../../components/linkSecret";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors, localProblem } from "../../forms/formErrors";
import { TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { PublicStaffLayout } from "../components/StaffLayout";

type Purpose = "invitation" | "password-reset";

/**
 * The page a mailed link opens (`/staff/invitation#t=…`, `/staff/password-reset#t=…`): choose a password
 * (accepting an invitation, or after a reset). Without a secret the API refuses the link as invalid.
 */
export function SetPasswordPage({ purpose }: { purpose: Purpose }) {
  const { t } = useTranslation("staff");
  const token = useLinkSecret(purpose);
  const navigate = useNavigate();
  const prefix = purpose === "invitation" ? "invitation" : "reset";
  usePageTitle(t(`${prefix}.title`));
  const state = useFormState({ password: "", password_repeat: "" });
  const { submitting, problem, setProblem, run } = useSubmit();
  const errors = formErrors(problem, ["password", "password_repeat", "token"]);
  const form = { ...state, errors: errors.fields };
  const linkBroken = Boolean(errors.fields.token);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (state.values.password !== state.values.password_repeat) {
      // Checked here: the API takes the password once, so only the browser knows of the repetition.
      setProblem(localProblem("password_repeat", t("setPassword.mismatch")));
      return;
    }
    void run(async () => {
      const body = { token, password: state.values.password };
      if (purpose === "invitation") await must(api.POST("/api/v1/auth/invitations/accept", { body }));
      else await must(api.POST("/api/v1/auth/password-reset/confirm", { body }));
      navigate("/staff/login?password=set");
    });
  };

  return (
    <PublicStaffLayout>
      <h1>{t(`${prefix}.title`)}</h1>
      <p>{t(`${prefix}.intro`)}</p>
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary
          message={linkBroken ? errors.fields.token : errors.message}
          fieldErrors={linkBroken ? {} : errors.fields}
          labels={{ password: t("setPassword.password"), password_repeat: t("setPassword.repeat") }}
        />
        {linkBroken && (
          <p className="notice warning">
            <Link to="/staff/login">{t("setPassword.newLink")}</Link>
          </p>
        )}
        <TextField
          form={form}
          name="password"
          type="password"
          label={t("setPassword.password")}
          hint={t("setPassword.rules")}
          autoComplete="new-password"
          required
        />
        <TextField form={form} name="password_repeat" type="password" label={t("setPassword.repeat")} autoComplete="new-password" required />
        <button type="submit" className="primary" disabled={submitting}>
          {t("setPassword.submit")}
        </button>
      </form>
    </PublicStaffLayout>
  );
}
