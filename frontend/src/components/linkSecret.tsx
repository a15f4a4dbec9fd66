// The secret of a mailed link (a registration's or membership's manage link, a staff invitation or
// password reset) rides in the address's fragment: `/manage/registration?confirm=1#t=SECRET`. Browsers
// never send the fragment, so the server, its access log, proxies and other sites never see the secret.
// The page takes it from there, keeps it for the tab's life (sessionStorage, so a reload works) and
// takes it out of the address bar at once. Links from older mails carry it in the path
// (`/manage/registration/SECRET`): those move it into the fragment first, in the browser.
import { useEffect } from "react";
import { Navigate, useLocation, useNavigate, useParams } from "react-router";

export type LinkKind = "registration" | "membership" | "invitation" | "password-reset";

/** The fragment parameter that holds the secret; the same name the backend writes into the mails. */
export const SECRET_PARAMETER = "t";
const STORAGE_PREFIX = "teilhabe.link.";
// Where sessionStorage is blocked (some private modes), the secret lasts as long as the page.
const inMemory = new Map<LinkKind, string>();

/** The secret in a fragment such as `#t=SECRET` (or `t=SECRET&…`); null without one. */
export function secretInFragment(hash: string): string | null {
  const secret = new URLSearchParams(hash.replace(/^#/, "")).get(SECRET_PARAMETER)?.trim();
  return secret ? secret : null;
}

export function keepSecret(kind: LinkKind, secret: string): void {
  inMemory.set(kind, secret);
  try {
    globalThis.sessionStorage?.setItem(STORAGE_PREFIX + kind, secret);
  } catch {
    // storage blocked: kept in memory for this page view
  }
}

export function keptSecret(kind: LinkKind): string | null {
  try {
    const stored = globalThis.sessionStorage?.getItem(STORAGE_PREFIX + kind);
    if (stored) return stored;
  } catch {
    // storage blocked: fall back to memory
  }
  return inMemory.get(kind) ?? null;
}

/**
 * The secret of this page's link: from the fragment when the address has one (then kept, and the
 * fragment replaced away at once), else the one kept earlier in this tab; "" when there is none.
 */
export function useLinkSecret(kind: LinkKind): string {
  const location = useLocation();
  const navigate = useNavigate();
  const fromFragment = secretInFragment(location.hash);
  // Kept while rendering, so this render already uses it; writing the same value twice changes nothing.
  if (fromFragment) keepSecret(kind, fromFragment);
  useEffect(() => {
    if (!fromFragment) return;
    // history.replaceState under the hood: the secret leaves the address bar and the history entry.
    void navigate({ pathname: location.pathname, search: location.search, hash: "" }, { replace: true, state: location.state });
  }, [fromFragment, location.pathname, location.search, location.state, navigate]);
  return fromFragment ?? keptSecret(kind) ?? "";
}

/**
 * A link from an older mail, with the secret in the path (`/manage/registration/SECRET/data`): moves it
 * into the fragment of the page's new address (`/manage/registration/data#t=SECRET`) at once.
 */
export function SecretInPath({ page, rest = "" }: { page: string; rest?: string }) {
  const { token = "" } = useParams();
  const { search } = useLocation();
  const hash = `#${new URLSearchParams({ [SECRET_PARAMETER]: token }).toString()}`;
  return <Navigate replace to={{ pathname: `${page}${rest}`, search, hash }} />;
}
