// What a staff member may do, worked out the same way as api/authz.py: /me names the roles with
// their scope, and the console shows a button only where the server would also say yes.
import type { Schemas } from "../../api/client";

export type Me = Schemas["Me"];
export type StaffRole = Schemas["StaffRole"];

export type Permission =
  | "organization:manage"
  | "staff:manage"
  | "clients:manage"
  | "webhooks:manage"
  | "audit:read"
  | "privacy:manage"
  | "processes:read"
  | "processes:create"
  | "processes:write"
  | "groups:write"
  | "events:write"
  | "people:read"
  | "people:write"
  | "people:export"
  | "people:message"
  | "platform:manage";

const ALL: readonly Permission[] = [
  "organization:manage",
  "staff:manage",
  "clients:manage",
  "webhooks:manage",
  "audit:read",
  "privacy:manage",
  "processes:read",
  "processes:create",
  "processes:write",
  "groups:write",
  "events:write",
  "people:read",
  "people:write",
  "people:export",
  "people:message",
];

/** Mirror of ROLE_PERMISSIONS in api/authz.py (the server stays the judge; this only hides buttons). */
export const ROLE_PERMISSIONS: Record<StaffRole, readonly Permission[]> = {
  admin: ALL,
  process_manager: [
    "processes:read",
    "processes:write",
    "groups:write",
    "events:write",
    "people:read",
    "people:write",
    "people:export",
    "people:message",
  ],
  group_moderator: ["processes:read", "events:write", "people:read", "people:write", "people:export", "people:message"],
  viewer: ["processes:read", "people:read"],
};

// Every staff member reads the whole city's processes, groups and dates (no personal data).
const CITY_WIDE: readonly Permission[] = ["processes:read"];

/** Where an action happens: the process and, for group things, the group. */
export type Scope = { processId?: string | null; groupId?: string | null };

type Grant = Me["roles"][number];

function covers(grant: Grant, scope: Scope): boolean {
  if (grant.role === "process_manager") return !!scope.processId && scope.processId === grant.process_id;
  if (grant.role === "group_moderator") return !!scope.groupId && scope.groupId === grant.group_id;
  return true; // admin and viewer: the whole city
}

/** May this person do this here? Without a scope: anywhere in the city. */
export function can(me: Me, permission: Permission, scope?: Scope): boolean {
  if (me.client) return me.permissions.includes(permission);
  if (!scope) return me.permissions.includes(permission);
  return me.roles.some(
    (grant) =>
      ROLE_PERMISSIONS[grant.role].includes(permission) && (CITY_WIDE.includes(permission) || covers(grant, scope)),
  );
}

/** True when all the person's roles are group moderations: their console is about their groups alone. */
export function onlyModerates(me: Me): boolean {
  return me.roles.length > 0 && me.roles.every((grant) => grant.role === "group_moderator");
}

/** The ids of the groups the person moderates. */
export function moderatedGroupIds(me: Me): string[] {
  return me.roles.flatMap((grant) => (grant.role === "group_moderator" && grant.group_id ? [grant.group_id] : []));
}

export type NavItem = {
  /** Stable key, also used in tests. */
  key: string;
  to: string;
  /** Translation key in the "staff" namespace and its values. */
  label: string;
  values?: Record<string, string>;
};

export type NavContext = {
  /** Names of the moderated groups, by id, once loaded. */
  groupNames?: Record<string, string>;
  /** The captured mails are readable (development, admin). */
  devMails?: boolean;
};

/** The console's menu for this person: only what their roles let them open. */
export function navigationFor(me: Me, context: NavContext = {}): NavItem[] {
  const items: NavItem[] = [{ key: "overview", to: "/staff", label: "nav.overview" }];
  if (!onlyModerates(me) && can(me, "processes:read")) {
    items.push(
      { key: "processes", to: "/staff/processes", label: "nav.processes" },
      { key: "groups", to: "/staff/groups", label: "nav.groups" },
      { key: "events", to: "/staff/events", label: "nav.events" },
    );
  }
  // The city's texts in its other languages: whoever may edit a process may translate it.
  if (!onlyModerates(me) && can(me, "processes:write")) {
    items.push({ key: "translations", to: "/staff/translations", label: "staffTranslations:nav.translations" });
  }
  for (const groupId of moderatedGroupIds(me)) {
    const name = context.groupNames?.[groupId] ?? "";
    items.push(
      { key: `group-members-${groupId}`, to: `/staff/groups/${groupId}/members`, label: "nav.groupMembers", values: { name } },
      { key: `group-events-${groupId}`, to: `/staff/events?group=${groupId}`, label: "nav.groupEvents", values: { name } },
    );
  }
  if (can(me, "staff:manage")) items.push({ key: "users", to: "/staff/users", label: "nav.users" });
  if (can(me, "clients:manage")) items.push({ key: "clients", to: "/staff/clients", label: "nav.clients" });
  if (can(me, "webhooks:manage")) items.push({ key: "webhooks", to: "/staff/webhooks", label: "staffData:nav.webhooks" });
  if (can(me, "privacy:manage")) items.push({ key: "privacy", to: "/staff/privacy", label: "staffData:nav.privacy" });
  if (can(me, "audit:read")) items.push({ key: "audit", to: "/staff/audit", label: "nav.audit" });
  // The city's own set-up; its texts are in the "staffCity" namespace.
  if (can(me, "organization:manage")) items.push({ key: "settings", to: "/staff/settings", label: "staffCity:nav.settings" });
  // The platform's operator: every city on it (a permission no city role carries).
  if (me.permissions.includes("platform:manage")) items.push({ key: "cities", to: "/staff/platform/cities", label: "staffCity:nav.cities" });
  if (context.devMails && can(me, "organization:manage")) items.push({ key: "mails", to: "/staff/mails", label: "nav.mails" });
  return items;
}

/**
 * The menu entry of the page shown now: an entry with a query ("the group's meetings") only on exactly
 * that address, otherwise the longest path the address lies in (a date's page is under "Events").
 */
export function currentNavItem(items: NavItem[], pathname: string, search: string): NavItem | undefined {
  const path = pathname.length > 1 ? pathname.replace(/\/$/, "") : pathname;
  const exact = items.find((item) => item.to.includes("?") && item.to === `${path}${search}`);
  if (exact) return exact;
  const within = items.filter(
    (item) => !item.to.includes("?") && (item.to === "/staff" ? path === "/staff" : path === item.to || path.startsWith(`${item.to}/`)),
  );
  return within.sort((a, b) => b.to.length - a.to.length)[0];
}
