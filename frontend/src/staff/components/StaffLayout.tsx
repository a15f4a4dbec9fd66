import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { Layout } from "../../components/Layout";
import { useAuth } from "../auth/AuthContext";
import { currentNavItem, navigationFor } from "../auth/permissions";

function StaffNav() {
  const { t } = useTranslation("staff");
  const { state, logOut } = useAuth();
  const location = useLocation();
  if (state.status !== "ready") return null;
  const items = navigationFor(state.me, { groupNames: state.groupNames, devMails: state.devMails });
  const current = currentNavItem(items, location.pathname, location.search);
  const person = state.me.user?.full_name ?? state.me.client?.name ?? "";
  return (
    <div className="staff-nav">
      <ul>
        {items.map((item) => {
          const isCurrent = item === current;
          const values = item.values && !item.values.name ? { ...item.values, name: t("nav.myGroup") } : item.values;
          return (
            <li key={item.key}>
              <Link to={item.to} aria-current={isCurrent ? "page" : undefined} className={isCurrent ? "current" : undefined}>
                {t(item.label, values)}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="staff-user">
        <span>
          <span className="visually-hidden">{t("nav.loggedInAs")} </span>
          {person}
        </span>
        <button type="button" onClick={() => void logOut()}>
          {t("nav.logOut")}
        </button>
      </div>
    </div>
  );
}

/** The frame of every console page behind the login: the role-filtered menu in the header. */
export function StaffLayout({ children }: { children: ReactNode }) {
  return (
    <Layout homeHref="/staff" nav={<StaffNav />}>
      {children}
    </Layout>
  );
}

/** The frame of the pages before the login (log in, invitation, password reset). */
export function PublicStaffLayout({ children }: { children: ReactNode }) {
  return <Layout homeHref="/staff">{children}</Layout>;
}
