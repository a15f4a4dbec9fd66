// The staff console: its own chunk with its own texts and styles, mounted at /staff/*.
import "./i18n";
import "./staff.css";
import { useTranslation } from "react-i18next";
import { Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import { useMiddleware } from "../api/client";
import { SecretInPath } from "../components/linkSecret";
import { usePageTitle } from "../components/usePageTitle";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import { authMiddleware } from "./auth/authorizedFetch";
import { staffSession } from "./auth/staffSession";
import { PublicStaffLayout, StaffLayout } from "./components/StaffLayout";
import { CheckInPage } from "./pages/CheckInPage";
import { DashboardPage } from "./pages/DashboardPage";
import { EventListPage, EventNewPage, EventPage } from "./pages/EventPages";
import { GroupListPage, GroupNewPage, GroupPage } from "./pages/GroupPages";
import { LoginPage } from "./pages/LoginPage";
import { MailsPage } from "./pages/MailsPage";
import { MembershipsPage } from "./pages/MembershipsPage";
import { PhoneSignUpPage } from "./pages/PhoneSignUpPage";
import { ProcessListPage, ProcessNewPage, ProcessPage } from "./pages/ProcessPages";
import { RegistrationsPage } from "./pages/RegistrationsPage";
import { SetPasswordPage } from "./pages/SetPasswordPage";
import { AllocationPage } from "./pages/AllocationPage";
import { AuditPage } from "./pages/AuditPage";
import { ClientsPage } from "./pages/ClientsPage";
import { UsersPage } from "./pages/UsersPage";
import { PrivacyPage } from "./pages/PrivacyPage";
import { PrivacyPersonPage } from "./pages/PrivacyPersonPage";
import { WebhookPage } from "./pages/WebhookPage";
import { WebhooksPage } from "./pages/WebhooksPage";
import { CitiesPage } from "./city/CitiesPage";
import { PrivacyNoticesPage } from "./city/PrivacyNoticesPage";
import { SettingsPage } from "./city/SettingsPage";
import { MessagePage } from "./messages/MessagePage";
import { MessagesPage } from "./messages/MessagesPage";
import { CityStatisticsPage, ProcessStatisticsPage } from "./stats/StatisticsPage";
import { TranslationsPage } from "./translations/TranslationsPage";

// Registered once, when the chunk loads, so that even the first request of the first page carries
// the token. Public requests pass through untouched (see needsStaffToken).
useMiddleware(authMiddleware(staffSession));

/** The pages behind the login; without one, the login page, which returns here afterwards. */
function RequireLogin() {
  const { t } = useTranslation("staff");
  const { state, retry } = useAuth();
  const location = useLocation();
  if (state.status === "unreachable")
    return (
      <PublicStaffLayout>
        <h1>{t("problem.unreachableTitle")}</h1>
        <p role="alert">{t("problem.network")}</p>
        <button type="button" className="primary" onClick={retry}>
          {t("problem.retry")}
        </button>
      </PublicStaffLayout>
    );
  if (state.status === "checking")
    return (
      <PublicStaffLayout>
        <p role="status">{t("loading")}</p>
      </PublicStaffLayout>
    );
  if (state.status === "anonymous") {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/staff/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return (
    <StaffLayout>
      <Outlet />
    </StaffLayout>
  );
}

function NotFoundPage() {
  const { t } = useTranslation("staff");
  usePageTitle(t("problem.notFoundTitle"));
  return (
    <>
      <h1>{t("problem.notFoundTitle")}</h1>
      <p>{t("problem.notFound")}</p>
    </>
  );
}

export default function StaffApp() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="login" element={<LoginPage />} />
        <Route path="invitation" element={<SetPasswordPage purpose="invitation" />} />
        <Route path="password-reset" element={<SetPasswordPage purpose="password-reset" />} />
        {/* Older mails carry the secret in the path: it moves into the fragment at once. */}
        <Route path="invitation/:token" element={<SecretInPath page="/staff/invitation" />} />
        <Route path="password-reset/:token" element={<SecretInPath page="/staff/password-reset" />} />
        <Route element={<RequireLogin />}>
          <Route index element={<DashboardPage />} />
          <Route path="processes" element={<ProcessListPage />} />
          <Route path="processes/new" element={<ProcessNewPage />} />
          <Route path="processes/:processId" element={<ProcessPage />} />
          <Route path="processes/:processId/allocation" element={<AllocationPage />} />
          <Route path="processes/:processId/messages" element={<MessagesPage />} />
          <Route path="messages/:messageId" element={<MessagePage />} />
          <Route path="processes/:processId/statistics" element={<ProcessStatisticsPage />} />
          <Route path="statistics" element={<CityStatisticsPage />} />
          <Route path="groups" element={<GroupListPage />} />
          <Route path="groups/new" element={<GroupNewPage />} />
          <Route path="groups/:groupId" element={<GroupPage />} />
          <Route path="groups/:groupId/members" element={<MembershipsPage />} />
          <Route path="events" element={<EventListPage />} />
          <Route path="events/new" element={<EventNewPage />} />
          <Route path="events/:eventId" element={<EventPage />} />
          <Route path="events/:eventId/registrations" element={<RegistrationsPage />} />
          <Route path="events/:eventId/check-in" element={<CheckInPage />} />
          <Route path="events/:eventId/sign-up" element={<PhoneSignUpPage />} />
          <Route path="translations" element={<TranslationsPage />} />
          <Route path="mails" element={<MailsPage />} />
          <Route path="users" element={<UsersPage />} />
          <Route path="clients" element={<ClientsPage />} />
          <Route path="webhooks" element={<WebhooksPage />} />
          <Route path="webhooks/:webhookId" element={<WebhookPage />} />
          <Route path="privacy" element={<PrivacyPage />} />
          <Route path="privacy/:participantId" element={<PrivacyPersonPage />} />
          <Route path="audit" element={<AuditPage />} />
          <Route path="settings" element={<SettingsPage />} />
          <Route path="settings/privacy-notices" element={<PrivacyNoticesPage />} />
          <Route path="platform/cities" element={<CitiesPage />} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
