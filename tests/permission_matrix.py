"""Who may call which route. The permission matrix test (tests/test_permissions.py) walks every route
of the app with every caller below and fails for a route that has no entry here.

Callers: "anonymous"; staff roles "admin", "process_manager" (of the process under test),
"group_moderator" (of the group under test), "viewer"; "foreign_admin" (another city's admin: always
denied, answered 404 or 403); API clients with one scope each: "events:read", "events:manage",
"registrations:read", "registrations:write"; "operator" (the platform operator: a staff account with no role in
the city, only platform:manage). PUBLIC means everyone incl. anonymous.

Never listed, judged by the test itself: "foreign_admin" must get 404 wherever the request names one of
our objects, and elsewhere (lists, creating in their own city, /me) is answered like our admin but sees
nothing of ours; "process_manager_elsewhere" / "group_moderator_elsewhere" (a grant for another process
or group of the same city) may do what their role may do only where the request names none of our
objects, and get 403 where it does.
"""

from __future__ import annotations

PUBLIC = frozenset({"public"})
ANY_STAFF = frozenset({"admin", "process_manager", "group_moderator", "viewer"})
ADMIN = frozenset({"admin"})
OPERATOR = frozenset({"operator"})
STAFF_ACCOUNTS = ANY_STAFF | OPERATOR  # every staff login, with or without a role in the city
SCOPES = frozenset({"events:read", "events:manage", "registrations:read", "registrations:write"})
# processes:read without a process or group: city-wide reads and lists, which a process manager's or group
# moderator's grant does not cover.
CITY_READERS = ANY_STAFF | SCOPES  # processes:read is city-wide for every staff role
PROCESS_WRITERS = frozenset({"admin", "process_manager", "events:manage"})  # processes:write, groups:write
EVENT_WRITERS = PROCESS_WRITERS | {"group_moderator"}  # events:write
PEOPLE_READERS = frozenset({"admin", "process_manager", "group_moderator", "viewer"}) | {  # people:read
    "registrations:read",
    "registrations:write",
}
PEOPLE_EXPORTERS = frozenset({"admin", "process_manager", "group_moderator", "registrations:read"})  # people:export
PEOPLE_WRITERS = frozenset({"admin", "process_manager", "group_moderator", "registrations:write"})  # people:write
# people:message; the matrix writes to the group under test, which its moderator may reach.
MESSAGE_WRITERS = frozenset({"admin", "process_manager", "group_moderator"})
# people:read without a process: the city's statistics, which a process manager's or group moderator's grant
# does not cover; a process's statistics also for its manager (a group's moderator sees no process's).
CITY_PEOPLE_READERS = PEOPLE_READERS - {"process_manager", "group_moderator"}
PROCESS_PEOPLE_READERS = PEOPLE_READERS - {"group_moderator"}

# (method, path as in openapi.yaml) -> the callers that are allowed.
MATRIX: dict[tuple[str, str], frozenset[str]] = {
    # system, login, the caller (api/main.py, api/staff)
    ("GET", "/api/v1/health"): PUBLIC,
    ("GET", "/api/v1/me"): STAFF_ACCOUNTS | SCOPES,
    # the public pages and sign-up
    ("GET", "/api/v1/orgs"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/privacy-notice"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/processes"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/processes/{process_slug}"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/groups/{group_id}"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/events"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/events/{event_id}"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/groups"): PUBLIC,
    # calendar feeds, JSON-LD and open data (api/integrations)
    ("GET", "/api/v1/orgs/{org_slug}/events.ics"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/processes/{process_slug}/events.ics"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/groups/{group_id}/events.ics"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/events/{event_id}.ics"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/events/{event_id}/jsonld"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/open-data/events.json"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/open-data/events.csv"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/open-data/groups.json"): PUBLIC,
    ("GET", "/api/v1/orgs/{org_slug}/open-data/groups.csv"): PUBLIC,
    ("POST", "/api/v1/orgs/{org_slug}/events/{event_id}/registrations"): PUBLIC,
    ("GET", "/api/v1/manage/registrations/{token}"): PUBLIC,
    ("POST", "/api/v1/manage/registrations/{token}/confirm"): PUBLIC,
    ("PATCH", "/api/v1/manage/registrations/{token}"): PUBLIC,
    ("POST", "/api/v1/manage/registrations/{token}/cancel"): PUBLIC,
    ("POST", "/api/v1/orgs/{org_slug}/group-applications"): PUBLIC,
    ("GET", "/api/v1/manage/memberships/{token}"): PUBLIC,
    ("POST", "/api/v1/manage/memberships/{token}/confirm"): PUBLIC,
    ("POST", "/api/v1/manage/memberships/{token}/withdraw"): PUBLIC,
    # the city's settings and privacy notice (api/organizations)
    ("GET", "/api/v1/staff/organization"): CITY_READERS,
    ("PATCH", "/api/v1/staff/organization"): ADMIN,
    ("GET", "/api/v1/staff/organization/privacy-notices"): CITY_READERS,
    ("POST", "/api/v1/staff/organization/privacy-notices"): ADMIN,
    ("PUT", "/api/v1/staff/organization/logo"): ADMIN,
    ("DELETE", "/api/v1/staff/organization/logo"): ADMIN,
    ("GET", "/api/v1/orgs/{org_slug}/logo"): PUBLIC,
    # the cities of the installation (api/platform)
    ("GET", "/api/v1/platform/cities"): OPERATOR,
    ("POST", "/api/v1/platform/cities"): OPERATOR,
    ("POST", "/api/v1/platform/cities/{organization_id}/deactivate"): OPERATOR,
    ("POST", "/api/v1/platform/cities/{organization_id}/activate"): OPERATOR,
    # processes and phases (api/processes)
    ("GET", "/api/v1/staff/processes"): CITY_READERS,
    ("POST", "/api/v1/staff/processes"): ADMIN,  # processes:create: no role below admin, no scope
    ("GET", "/api/v1/staff/processes/{process_id}"): CITY_READERS | {"process_manager"},
    ("PATCH", "/api/v1/staff/processes/{process_id}"): PROCESS_WRITERS,
    ("DELETE", "/api/v1/staff/processes/{process_id}"): PROCESS_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/publish"): PROCESS_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/archive"): PROCESS_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/phases"): PROCESS_WRITERS,
    ("PATCH", "/api/v1/staff/phases/{phase_id}"): PROCESS_WRITERS,
    ("DELETE", "/api/v1/staff/phases/{phase_id}"): PROCESS_WRITERS,
    # thematic groups (api/groups)
    ("GET", "/api/v1/staff/groups"): CITY_READERS,
    ("POST", "/api/v1/staff/groups"): PROCESS_WRITERS,
    ("GET", "/api/v1/staff/groups/{group_id}"): CITY_READERS | {"process_manager", "group_moderator"},
    ("PATCH", "/api/v1/staff/groups/{group_id}"): PROCESS_WRITERS,
    ("DELETE", "/api/v1/staff/groups/{group_id}"): PROCESS_WRITERS,
    ("POST", "/api/v1/staff/groups/{group_id}/publish"): PROCESS_WRITERS,
    # events (api/events)
    ("GET", "/api/v1/staff/events"): CITY_READERS,
    ("POST", "/api/v1/staff/events"): EVENT_WRITERS,  # a group moderator: meetings of their group
    ("GET", "/api/v1/staff/events/{event_id}"): CITY_READERS | {"process_manager", "group_moderator"},
    ("PATCH", "/api/v1/staff/events/{event_id}"): EVENT_WRITERS,
    ("DELETE", "/api/v1/staff/events/{event_id}"): EVENT_WRITERS,
    ("POST", "/api/v1/staff/events/{event_id}/publish"): EVENT_WRITERS,
    ("POST", "/api/v1/staff/events/{event_id}/cancel"): EVENT_WRITERS,
    ("POST", "/api/v1/staff/events/{event_id}/postpone"): EVENT_WRITERS,
    ("POST", "/api/v1/staff/events/{event_id}/notice-preview"): EVENT_WRITERS,
    # registrations (api/registrations)
    ("GET", "/api/v1/staff/events/{event_id}/registrations"): PEOPLE_READERS,
    ("GET", "/api/v1/staff/events/{event_id}/registrations.csv"): PEOPLE_EXPORTERS,
    ("POST", "/api/v1/staff/events/{event_id}/registrations"): PEOPLE_WRITERS,
    ("GET", "/api/v1/staff/registrations/{registration_id}"): PEOPLE_READERS,
    ("POST", "/api/v1/staff/registrations/{registration_id}/check-in"): PEOPLE_WRITERS,
    ("POST", "/api/v1/staff/registrations/{registration_id}/cancel"): PEOPLE_WRITERS,
    ("POST", "/api/v1/staff/registrations/{registration_id}/promote"): PEOPLE_WRITERS,
    # memberships (api/memberships)
    ("GET", "/api/v1/staff/groups/{group_id}/memberships"): PEOPLE_READERS,
    ("GET", "/api/v1/staff/groups/{group_id}/memberships.csv"): PEOPLE_EXPORTERS,
    ("POST", "/api/v1/staff/groups/{group_id}/memberships"): PEOPLE_WRITERS,
    ("GET", "/api/v1/staff/memberships/{membership_id}"): PEOPLE_READERS,
    ("POST", "/api/v1/staff/memberships/{membership_id}/decision"): PEOPLE_WRITERS,
    ("PATCH", "/api/v1/staff/memberships/{membership_id}"): PEOPLE_WRITERS,
    ("POST", "/api/v1/staff/memberships/{membership_id}/withdraw"): PEOPLE_WRITERS,
    # allocation of a process's application groups (api/allocations): a process's people, not one group's
    ("POST", "/api/v1/staff/processes/{process_id}/allocations"): PEOPLE_WRITERS - {"group_moderator"},
    ("GET", "/api/v1/staff/allocations/{allocation_id}"): PEOPLE_READERS - {"group_moderator"},
    ("POST", "/api/v1/staff/allocations/{allocation_id}/accept"): PEOPLE_WRITERS - {"group_moderator"},
    # statistics (api/statistics)
    ("GET", "/api/v1/staff/statistics"): CITY_PEOPLE_READERS,
    ("GET", "/api/v1/staff/statistics/{table}.csv"): CITY_PEOPLE_READERS,
    ("GET", "/api/v1/staff/processes/{process_id}/statistics"): PROCESS_PEOPLE_READERS,
    ("GET", "/api/v1/staff/processes/{process_id}/statistics/{table}.csv"): PROCESS_PEOPLE_READERS,
    # API clients and the audit log (api/clients, api/audit)
    ("GET", "/api/v1/staff/clients"): ADMIN,
    ("POST", "/api/v1/staff/clients"): ADMIN,
    ("GET", "/api/v1/staff/clients/{client_id}"): ADMIN,
    ("POST", "/api/v1/staff/clients/{client_id}/rotate"): ADMIN,
    ("POST", "/api/v1/staff/clients/{client_id}/revoke"): ADMIN,
    ("GET", "/api/v1/staff/audit"): ADMIN,
    # webhooks (api/webhooks)
    ("GET", "/api/v1/staff/webhooks"): ADMIN,
    ("POST", "/api/v1/staff/webhooks"): ADMIN,
    ("GET", "/api/v1/staff/webhooks/{subscription_id}"): ADMIN,
    ("PATCH", "/api/v1/staff/webhooks/{subscription_id}"): ADMIN,
    ("DELETE", "/api/v1/staff/webhooks/{subscription_id}"): ADMIN,
    ("POST", "/api/v1/staff/webhooks/{subscription_id}/rotate-secret"): ADMIN,
    ("POST", "/api/v1/staff/webhooks/{subscription_id}/test"): ADMIN,
    ("GET", "/api/v1/staff/webhooks/{subscription_id}/deliveries"): ADMIN,
    ("GET", "/api/v1/staff/webhooks/{subscription_id}/deliveries/{delivery_id}"): ADMIN,
    ("POST", "/api/v1/staff/webhooks/{subscription_id}/deliveries/{delivery_id}/redeliver"): ADMIN,
    # development only (api/notifications)
    ("GET", "/api/v1/dev/mails"): ADMIN,
    # data protection (api/privacy)
    ("GET", "/api/v1/manage/registrations/{token}/my-data"): PUBLIC,
    ("GET", "/api/v1/manage/memberships/{token}/my-data"): PUBLIC,
    ("POST", "/api/v1/manage/registrations/{token}/erase"): PUBLIC,
    ("POST", "/api/v1/manage/memberships/{token}/erase"): PUBLIC,
    ("GET", "/api/v1/staff/participants"): ADMIN,
    ("GET", "/api/v1/staff/participants/{participant_id}/export"): ADMIN,
    ("POST", "/api/v1/staff/participants/{participant_id}/erase"): ADMIN,
    # staff login, invitations and passwords (api/staff)
    ("POST", "/api/v1/auth/token"): PUBLIC,
    ("POST", "/api/v1/auth/refresh"): PUBLIC,
    ("POST", "/api/v1/auth/logout"): PUBLIC,
    ("POST", "/api/v1/auth/invitations/accept"): PUBLIC,
    ("POST", "/api/v1/auth/password-reset"): PUBLIC,
    ("POST", "/api/v1/auth/password-reset/confirm"): PUBLIC,
    ("POST", "/api/v1/auth/password"): STAFF_ACCOUNTS,  # one's own password; API clients have none
    # the city's staff (api/staff)
    ("GET", "/api/v1/staff/users"): ADMIN,
    ("POST", "/api/v1/staff/users"): ADMIN,
    ("GET", "/api/v1/staff/users/{user_id}"): ADMIN,
    ("PATCH", "/api/v1/staff/users/{user_id}"): ADMIN,
    ("POST", "/api/v1/staff/users/{user_id}/deactivate"): ADMIN,
    ("POST", "/api/v1/staff/users/{user_id}/reactivate"): ADMIN,
    ("POST", "/api/v1/staff/users/{user_id}/invitation"): ADMIN,
    # translations of what residents read (api/translations); with a process: that process's texts
    ("GET", "/api/v1/staff/translations"): CITY_READERS,
    ("PUT", "/api/v1/staff/translations"): PROCESS_WRITERS,
    ("DELETE", "/api/v1/staff/translations"): PROCESS_WRITERS,
    ("GET", "/api/v1/staff/translations/export"): CITY_READERS,
    ("POST", "/api/v1/staff/translations/import"): PROCESS_WRITERS,
    # messages from staff and a resident's choice to get them (api/messages)
    ("GET", "/api/v1/staff/processes/{process_id}/messages"): MESSAGE_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/messages"): MESSAGE_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/messages/preview"): MESSAGE_WRITERS,
    ("POST", "/api/v1/staff/processes/{process_id}/messages/test"): MESSAGE_WRITERS,
    ("GET", "/api/v1/staff/messages/{message_id}"): MESSAGE_WRITERS,
    ("GET", "/api/v1/manage/registrations/{token}/messages"): PUBLIC,
    ("PUT", "/api/v1/manage/registrations/{token}/messages"): PUBLIC,
    ("GET", "/api/v1/manage/memberships/{token}/messages"): PUBLIC,
    ("PUT", "/api/v1/manage/memberships/{token}/messages"): PUBLIC,
}
