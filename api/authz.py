"""Who may do what: staff roles and API-client scopes, turned into permissions on processes and groups.

Every staff route asks `authorize(caller, permission, process_id=…, group_id=…)` once it has loaded
what it acts on; the permission matrix test walks every route with every role and scope.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field

from api.errors import Forbidden
from api.organizations.models import Organization
from api.staff.models import ApiClient, StaffRole, StaffUser


class Permission(enum.StrEnum):
    organization_manage = "organization:manage"
    staff_manage = "staff:manage"
    clients_manage = "clients:manage"
    webhooks_manage = "webhooks:manage"
    audit_read = "audit:read"
    privacy_manage = "privacy:manage"
    processes_read = "processes:read"
    processes_create = "processes:create"
    processes_write = "processes:write"
    groups_write = "groups:write"
    events_write = "events:write"
    people_read = "people:read"  # registrations and memberships, with personal data
    people_write = "people:write"  # phone sign-ups, check-in, cancel, decide, move up
    people_export = "people:export"  # CSV downloads of personal data
    people_message = "people:message"  # write to an audience of registrants or members
    # Join links, meeting ids, passcodes and dial-ins: whoever holds them can join the meeting.
    access_details_read = "events:access-details"
    # Creates, lists and switches off cities: the platform operator's, never a city role's.
    platform_manage = "platform:manage"


P = Permission
# What a role may do within its scope (an admin's and a viewer's scope is the whole city).
ROLE_PERMISSIONS: dict[StaffRole, frozenset[Permission]] = {
    StaffRole.admin: frozenset(Permission) - {P.platform_manage},
    StaffRole.process_manager: frozenset(
        {
            P.processes_read,
            P.processes_write,
            P.groups_write,
            P.events_write,
            P.people_read,
            P.people_write,
            P.people_export,
            P.people_message,
            P.access_details_read,
        }
    ),
    StaffRole.group_moderator: frozenset(
        {
            P.processes_read,
            P.events_write,
            P.people_read,
            P.people_write,
            P.people_export,
            P.people_message,
            P.access_details_read,
        }
    ),
    StaffRole.viewer: frozenset({P.processes_read, P.people_read}),
}


# Reading the city's processes, groups and events (no personal data) is every staff member's right,
# whatever their scope: a group's moderator sees the process around it and the other groups' dates.
CITY_WIDE = frozenset({P.processes_read})


class Scope(enum.StrEnum):
    """What an API client may do, city-wide."""

    events_read = "events:read"
    events_manage = "events:manage"
    registrations_read = "registrations:read"
    registrations_write = "registrations:write"
    access_details_read = "events:access-details"


SCOPE_PERMISSIONS: dict[Scope, frozenset[Permission]] = {
    Scope.events_read: frozenset({P.processes_read}),
    Scope.events_manage: frozenset({P.processes_read, P.processes_write, P.groups_write, P.events_write}),
    Scope.registrations_read: frozenset({P.processes_read, P.people_read, P.people_export}),
    Scope.registrations_write: frozenset({P.processes_read, P.people_read, P.people_write}),
    Scope.access_details_read: frozenset({P.processes_read, P.access_details_read}),
}


@dataclass(frozen=True)
class Grant:
    role: StaffRole
    process_id: uuid.UUID | None = None
    group_id: uuid.UUID | None = None

    def covers(self, process_id: uuid.UUID | None, group_id: uuid.UUID | None) -> bool:
        if self.role == StaffRole.process_manager:
            return process_id is not None and process_id == self.process_id
        if self.role == StaffRole.group_moderator:
            return group_id is not None and group_id == self.group_id
        return True


@dataclass(frozen=True)
class Caller:
    """A logged-in staff user or an API client, and the one organization all its queries are scoped to."""

    organization: Organization
    user: StaffUser | None = None
    client: ApiClient | None = None
    grants: tuple[Grant, ...] = ()
    scopes: frozenset[Scope] = field(default_factory=frozenset)
    # The staff member's login (StaffSession) this request came with; None for an API client.
    session_id: uuid.UUID | None = None

    @property
    def is_operator(self) -> bool:
        return self.user is not None and self.user.is_operator

    @property
    def user_id(self) -> uuid.UUID | None:
        """The staff member behind a change; None when a machine made it."""
        return self.user.id if self.user else None

    def can(
        self, permission: Permission, *, process_id: uuid.UUID | None = None, group_id: uuid.UUID | None = None
    ) -> bool:
        if permission == P.platform_manage:
            return self.is_operator
        if self.client is not None:
            return any(permission in SCOPE_PERMISSIONS[scope] for scope in self.scopes)
        return any(
            permission in ROLE_PERMISSIONS[grant.role]
            and (permission in CITY_WIDE or grant.covers(process_id, group_id))
            for grant in self.grants
        )

    def permissions(self) -> list[str]:
        """Everything the caller may do somewhere, for the frontend to show only what is allowed."""
        if self.client is not None:
            granted: Iterable[Permission] = (p for s in self.scopes for p in SCOPE_PERMISSIONS[s])
        else:
            granted = (p for g in self.grants for p in ROLE_PERMISSIONS[g.role])
        operator = [P.platform_manage] if self.is_operator else []
        return sorted({str(p) for p in (*granted, *operator)})


def authorize(
    caller: Caller,
    permission: Permission,
    *,
    process_id: uuid.UUID | None = None,
    group_id: uuid.UUID | None = None,
) -> None:
    if not caller.can(permission, process_id=process_id, group_id=group_id):
        raise Forbidden("Your role does not allow this here.")
