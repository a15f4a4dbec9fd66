// The organizations (cities) are few and rarely change: kept for the page view, so moving between a
// city's pages does not ask for them again. Kept per language: the office's name and other texts come
// in the reader's language.
import { api, getRequestLanguage, type Schemas } from "../api/client";
import { useLoading } from "../api/loading";
import { must } from "../api/outcome";

export type Organization = Schemas["OrganizationPublic"];

const bySlugAndLanguage = new Map<string, Promise<Organization>>();

/** The city; rejects with its problem (see `must`) when the API refuses or cannot be reached. */
export function loadOrganization(slug: string): Promise<Organization> {
  const key = `${getRequestLanguage()}|${slug}`;
  let city = bySlugAndLanguage.get(key);
  if (!city) {
    city = must(api.GET("/api/v1/orgs/{org_slug}", { params: { path: { org_slug: slug } } }));
    // A failure is not kept: the next page asks again. (The caller sees the failure itself.)
    city.catch(() => bySlugAndLanguage.delete(key));
    bySlugAndLanguage.set(key, city);
  }
  return city;
}

/**
 * The language a city writes its texts in, for `lang` where they show outside its own pages (the
 * manage pages get the city's slug, name and time zone with the registration, not its language).
 * Undefined until known; the page does not wait for it.
 */
export function useContentLanguage(slug: string): string | undefined {
  return useLoading(() => loadOrganization(slug), [slug]).data?.default_language;
}
