"""Who may call which route. The permission matrix test (tests/test_permissions.py) walks every route
of the app with every caller below and fails for a route that has no entry here.

Callers: "anonymous"; staff roles "admin", "process_manager" (of the process under test),
"group_moderator" (of the group under test), "viewer"; "foreign_admin" (another city's admin: always
denied, answered 404 or 403); API clients with one scope each: "events:read", "events:manage",
"registrations:read", "registrations:write". PUBLIC means everyone incl. anonymous.
"""

from __future__ import annotations

PUBLIC = frozenset({"public"})
ANY_STAFF = frozenset({"admin", "process_manager", "group_moderator", "viewer"})
ADMIN = frozenset({"admin"})

# (method, path as in openapi.yaml) -> the callers that are allowed.
MATRIX: dict[tuple[str, str], frozenset[str]] = {}
