// The organizations (cities) are few and rarely change: kept for the page view, so moving between a
// city's pages does not ask for them again.
import { api, type Schemas } from "../api/client";
import { type Outcome, settle, useResource } from "./resource";

export type Organization = Schemas["OrganizationPublic"];

const bySlug = new Map<string, Promise<Outcome<Organization>>>();

export function loadOrganization(slug: string): Promise<Outcome<Organization>> {
  let outcome = bySlug.get(slug);
  if (!outcome) {
    outcome = settle(api.GET("/api/v1/orgs/{org_slug}", { params: { path: { org_slug: slug } } }));
    // A failure is not kept: the next page asks again.
    void outcome.then((result) => !result.ok && bySlug.delete(slug));
    bySlug.set(slug, outcome);
  }
  return outcome;
}

/**
 * The language a city writes its texts in, for `lang` where they show outside its own pages (the
 * manage pages get the city's slug, name and time zone with the registration, not its language).
 * Undefined until known; the page does not wait for it.
 */
export function useContentLanguage(slug: string): string | undefined {
  const { resource } = useResource(() => loadOrganization(slug), slug);
  return resource.state === "ready" ? resource.data.default_language : undefined;
}
