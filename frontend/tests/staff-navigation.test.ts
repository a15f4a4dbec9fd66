// The console's menu and buttons follow the roles /me names, as api/authz.py decides them.
import { describe, expect, test } from "vitest";
import { can, currentNavItem, type Me, navigationFor } from "../src/staff/auth/permissions";

const PROCESS = "11111111-1111-1111-1111-111111111111";
const OTHER_PROCESS = "22222222-2222-2222-2222-222222222222";
const BILDUNG = "33333333-3333-3333-3333-333333333333";
const ARBEIT = "44444444-4444-4444-4444-444444444444";

function me(roles: Me["roles"], permissions: string[]): Me {
  return {
    user: { id: "u", organization_id: "o", email: "x@musterstadt.example", full_name: "X", is_active: true },
    client: null,
    organization: {
      id: "o",
      slug: "musterstadt",
      name: "Stadt Musterstadt",
      office_name: null,
      contact_email: null,
      contact_phone: null,
      address: null,
      website: null,
      timezone: "Europe/Berlin",
      default_language: "de",
    },
    roles,
    permissions,
  } as Me;
}

// What GET /me answers for the demo logins (permissions as api/authz.py lists them).
const admin = me(
  [{ role: "admin", process_id: null, group_id: null }],
  [
    "audit:read",
    "clients:manage",
    "webhooks:manage",
    "events:write",
    "groups:write",
    "organization:manage",
    "people:export",
    "people:read",
    "people:write",
    "privacy:manage",
    "processes:create",
    "processes:read",
    "processes:write",
    "staff:manage",
  ],
);
const viewer = me([{ role: "viewer", process_id: null, group_id: null }], ["people:read", "processes:read"]);
const moderator = me(
  [{ role: "group_moderator", process_id: null, group_id: BILDUNG }],
  ["events:write", "people:export", "people:read", "people:write", "processes:read"],
);
const manager = me(
  [{ role: "process_manager", process_id: PROCESS, group_id: null }],
  ["events:write", "groups:write", "people:export", "people:read", "people:write", "processes:read", "processes:write"],
);

const keys = (items: ReturnType<typeof navigationFor>) => items.map((item) => item.key);

describe("navigation per role", () => {
  test("an admin sees every area, the captured mails only where the server offers them", () => {
    expect(keys(navigationFor(admin, { devMails: true }))).toEqual([
      "overview",
      "processes",
      "groups",
      "events",
      "translations",
      "users",
      "clients",
      "webhooks",
      "privacy",
      "audit",
      "settings",
      "mails",
    ]);
    expect(keys(navigationFor(admin, { devMails: false }))).not.toContain("mails");
  });

  test("a viewer reads processes, groups and dates, and sees no admin area", () => {
    expect(keys(navigationFor(viewer, { devMails: true }))).toEqual(["overview", "processes", "groups", "events"]);
  });

  test("a group moderator sees only their group's members and meetings, named after the group", () => {
    const items = navigationFor(moderator, { groupNames: { [BILDUNG]: "AG Bildung" }, devMails: true });
    expect(keys(items)).toEqual(["overview", `group-members-${BILDUNG}`, `group-events-${BILDUNG}`]);
    expect(items[1]).toMatchObject({ to: `/staff/groups/${BILDUNG}/members`, values: { name: "AG Bildung" } });
    expect(items[2]).toMatchObject({ to: `/staff/events?group=${BILDUNG}` });
  });

  test("a process manager plans the city's lists and translates them, but manages no staff", () => {
    expect(keys(navigationFor(manager))).toEqual(["overview", "processes", "groups", "events", "translations"]);
  });
});

describe("what a role may do where", () => {
  test("a viewer reads but changes nothing and exports nothing", () => {
    expect(can(viewer, "processes:read", { processId: PROCESS })).toBe(true);
    expect(can(viewer, "events:write", { processId: PROCESS })).toBe(false);
    expect(can(viewer, "people:write", { processId: PROCESS, groupId: BILDUNG })).toBe(false);
    expect(can(viewer, "people:export", { processId: PROCESS, groupId: BILDUNG })).toBe(false);
  });

  test("a moderator acts on their own group's meetings only, and reads the whole city", () => {
    expect(can(moderator, "people:write", { processId: PROCESS, groupId: BILDUNG })).toBe(true);
    expect(can(moderator, "people:write", { processId: PROCESS, groupId: ARBEIT })).toBe(false);
    expect(can(moderator, "events:write", { processId: PROCESS, groupId: null })).toBe(false);
    expect(can(moderator, "groups:write", { processId: PROCESS, groupId: BILDUNG })).toBe(false);
    expect(can(moderator, "processes:read", { processId: OTHER_PROCESS })).toBe(true);
  });

  test("a process manager acts within their process, not in another one", () => {
    expect(can(manager, "events:write", { processId: PROCESS, groupId: BILDUNG })).toBe(true);
    expect(can(manager, "events:write", { processId: OTHER_PROCESS })).toBe(false);
    expect(can(manager, "processes:create")).toBe(false);
  });

  test("an API client is judged by its scopes' permissions, city-wide", () => {
    const client = { ...viewer, user: null, client: { id: "c", name: "CMS", scopes: ["events:manage"] }, roles: [], permissions: ["events:write", "processes:read"] } as Me;
    expect(can(client, "events:write", { processId: OTHER_PROCESS })).toBe(true);
    expect(can(client, "people:read", { processId: PROCESS })).toBe(false);
  });
});

describe("the menu entry of the page shown", () => {
  const adminMenu = navigationFor(admin, { devMails: true });
  const moderatorMenu = navigationFor(moderator, { groupNames: { [BILDUNG]: "AG Bildung" } });
  const current = (items: ReturnType<typeof navigationFor>, path: string, search = "") => currentNavItem(items, path, search)?.key;

  test("a page lies under the longest entry it belongs to", () => {
    expect(current(adminMenu, "/staff")).toBe("overview");
    expect(current(adminMenu, "/staff/")).toBe("overview");
    expect(current(adminMenu, "/staff/events")).toBe("events");
    expect(current(adminMenu, "/staff/events/abc/check-in")).toBe("events");
    expect(current(adminMenu, "/staff/eventsx")).toBeUndefined();
    expect(current(adminMenu, "/staff/groups/abc/members")).toBe("groups");
  });

  test("an entry with a query is current only on exactly that address", () => {
    expect(current(moderatorMenu, "/staff/events", `?group=${BILDUNG}`)).toBe(`group-events-${BILDUNG}`);
    expect(current(moderatorMenu, "/staff/events", `?group=${ARBEIT}`)).toBeUndefined();
    expect(current(moderatorMenu, `/staff/groups/${BILDUNG}/members`)).toBe(`group-members-${BILDUNG}`);
    expect(current(adminMenu, "/staff/events", `?group=${BILDUNG}`)).toBe("events");
  });
});
