// Who sees the city's set-up and the operator's city list in the console's menu.
import { describe, expect, test } from "vitest";
import { currentNavItem, type Me, navigationFor } from "../src/staff/auth/permissions";

function me(roles: Me["roles"], permissions: string[]): Me {
  return { user: { id: "u", full_name: "X" }, client: null, organization: { slug: "musterstadt" }, roles, permissions } as unknown as Me;
}

const keys = (person: Me) => navigationFor(person).map((item) => item.key);

describe("the city's set-up in the menu", () => {
  test("an admin finds the settings (the privacy notices are a page of them), but no city list", () => {
    const admin = me([{ role: "admin", process_id: null, group_id: null }], ["organization:manage", "privacy:manage", "processes:read"]);
    expect(keys(admin)).toContain("settings");
    expect(keys(admin)).not.toContain("cities");
    const items = navigationFor(admin);
    expect(currentNavItem(items, "/staff/settings/privacy-notices", "")?.key).toBe("settings");
  });

  test("a viewer does not find them", () => {
    const viewer = me([{ role: "viewer", process_id: null, group_id: null }], ["people:read", "processes:read"]);
    expect(keys(viewer)).not.toContain("settings");
  });

  test("the platform operator, who holds no city role, sees the overview and the cities", () => {
    const operator = me([], ["platform:manage"]);
    expect(keys(operator)).toEqual(["overview", "cities"]);
    expect(navigationFor(operator).find((item) => item.key === "cities")?.to).toBe("/staff/platform/cities");
  });
});

describe("the operator's requests", () => {
  test("carry the staff token, like the console's own", async () => {
    const { needsStaffToken } = await import("../src/staff/auth/authorizedFetch");
    expect(needsStaffToken("/api/v1/platform/cities")).toBe(true);
    expect(needsStaffToken("/api/v1/platform/cities/{organization_id}/deactivate")).toBe(true);
    expect(needsStaffToken("/api/v1/orgs/{org_slug}")).toBe(false);
  });
});
