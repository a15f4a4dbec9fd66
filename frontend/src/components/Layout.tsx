import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { LanguageSwitch } from "./LanguageSwitch";

type LayoutProps = {
  /** Links shown in the header's navigation (the staff console passes its role-filtered menu). */
  nav?: ReactNode;
  /** Where the site name in the header leads. */
  homeHref?: string;
  /** A city's pages: its logo beside the site name (its name as the text), and the header in its colour. */
  city?: { name: string; href: string; logo: string | null; branded: boolean } | null;
  children: ReactNode;
};

/**
 * The frame of every page: skip link, header with language switch, one <main>, footer. After a
 * client-side navigation focus moves to <main>, so screen readers announce the new page.
 */
export function Layout({ nav, homeHref = "/", city, children }: LayoutProps) {
  const { t } = useTranslation("common");
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [location.pathname]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className={city?.branded ? "site-header branded" : "site-header"}>
        <div className="container header-row">
          <Link to={homeHref} className="site-name">
            {t("siteName")}
          </Link>
          {city?.logo && (
            <Link to={city.href} className="city-logo">
              <img src={city.logo} alt={city.name} />
            </Link>
          )}
          {nav && <nav aria-label={t("mainNavigation")}>{nav}</nav>}
          <LanguageSwitch />
        </div>
      </header>
      <main id="main" tabIndex={-1} ref={main} className="container">
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">{t("footer")}</div>
      </footer>
    </>
  );
}
