import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useSearchParams } from "react-router";
import { api } from "../../api/client";
import { must } from "../../api/outcome";
import { usePageTitle } from "../../components/usePageTitle";
import { ErrorSummary } from "../../forms/ErrorSummary";
import { formErrors } from "../../forms/formErrors";
import { TextField, useFormState } from "../../forms/FormFields";
import { useSubmit } from "../../forms/useSubmit";
import { useAuth } from "../auth/AuthContext";
import { PublicStaffLayout } from "../components/StaffLayout";

/** Only paths inside the console are followed after the login (no open redirect). */
function safeNext(next: string | null): string {
  return next && next.startsWith("/staff") && !next.startsWith("//") ? next : "/staff";
}

function LoginForm() {
  const { t } = useTranslation("staff");
  const { logIn } = useAuth();
  const state = useFormState({ email: "", password: "" });
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, ["email", "password"]);
  const form = { ...state, errors: errors.fields };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => logIn(state.values.email.trim(), state.values.password));
  };
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="login-title">
      <ErrorSummary
        message={problem ? (problem.status === 401 ? t("login.failed") : errors.message) : null}
        fieldErrors={errors.fields}
        labels={{ email: t("login.email"), password: t("login.password") }}
      />
      <TextField form={form} name="email" type="email" label={t("login.email")} autoComplete="username" required dir="ltr" />
      <TextField form={form} name="password" type="password" label={t("login.password")} autoComplete="current-password" required />
      <button type="submit" className="primary" disabled={submitting}>
        {t("login.submit")}
      </button>
    </form>
  );
}

function ForgotPasswordForm() {
  const { t } = useTranslation("staff");
  const state = useFormState({ reset_email: "" });
  const [sent, setSent] = useState(false);
  const { submitting, problem, run } = useSubmit();
  const errors = formErrors(problem, ["reset_email"], { email: "reset_email" });
  const form = { ...state, errors: errors.fields };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await must(api.POST("/api/v1/auth/password-reset", { body: { email: state.values.reset_email.trim() } }));
      setSent(true);
    });
  };
  return (
    <section aria-labelledby="forgot-title" className="card">
      <h2 id="forgot-title">{t("login.forgotTitle")}</h2>
      <p>{t("login.forgotIntro")}</p>
      <div role="status">{sent && <p className="notice success">{t("login.forgotSent")}</p>}</div>
      {problem && !Object.keys(errors.fields).length && (
        <p className="error-message" role="alert">
          {errors.message}
        </p>
      )}
      <form onSubmit={onSubmit} noValidate>
        <TextField form={form} name="reset_email" type="email" label={t("login.resetEmail")} autoComplete="username" required dir="ltr" />
        <button type="submit" disabled={submitting}>
          {t("login.forgotSubmit")}
        </button>
      </form>
    </section>
  );
}

export function LoginPage() {
  const { t } = useTranslation("staff");
  const { state } = useAuth();
  const [params] = useSearchParams();
  const location = useLocation();
  usePageTitle(t("login.title"));
  const next = safeNext(params.get("next") ?? (location.state as { next?: string } | null)?.next ?? null);
  if (state.status === "ready") return <Navigate to={next} replace />;
  const reason = state.status === "anonymous" ? state.reason : undefined;
  return (
    <PublicStaffLayout>
      <h1 id="login-title">{t("login.title")}</h1>
      {reason === "expired" && <p className="notice warning">{t("login.expired")}</p>}
      {reason === "logged-out" && <p className="notice success">{t("login.loggedOut")}</p>}
      {params.get("password") === "set" && <p className="notice success">{t("login.passwordSet")}</p>}
      <div className="login-columns">
        <LoginForm />
        <ForgotPasswordForm />
      </div>
    </PublicStaffLayout>
  );
}
