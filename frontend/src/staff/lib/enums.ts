// The API's enumerations, in the order the forms offer them.
export const EVENT_KINDS = ["kickoff", "conference", "workshop", "group_meeting", "citizen_dialogue", "information_evening"] as const;
export const EVENT_FORMATS = ["in_person", "online", "hybrid"] as const;
export const EVENT_STATUSES = ["draft", "published", "postponed", "cancelled"] as const;
export const GROUP_KINDS = ["working_group", "steering_group", "forum", "expert_round"] as const;
export const MEMBERSHIP_MODES = ["open", "application", "appointed"] as const;
export const MEMBERSHIP_STATUSES = ["unconfirmed", "applied", "member", "waitlisted", "rejected", "withdrawn", "expired"] as const;
export const MEMBERSHIP_ROLES = ["member", "lead", "deputy"] as const;
export const CATEGORIES = ["resident", "civil_society", "expert", "administration", "politics"] as const;
export const REGISTRATION_STATUSES = ["pending", "confirmed", "waitlisted", "offered", "attended", "no_show", "cancelled", "expired"] as const;
export const CHANNELS = ["web", "email", "phone", "on_site", "staff", "system"] as const;
export const STAFF_CHANNELS = ["phone", "email", "on_site", "staff"] as const;
export const STAFF_ROLES = ["admin", "process_manager", "group_moderator", "viewer"] as const;
export const SCOPES = ["events:read", "events:manage", "events:access-details", "registrations:read", "registrations:write"] as const;
