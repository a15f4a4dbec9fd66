"""Every table, imported in one place for Alembic and the tests."""

from api.allocations.models import AllocationAssignment, AllocationRun
from api.audit.models import AuditEntry
from api.db import Base
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.idempotency import IdempotentResponse
from api.lifecycle.models import StatusChange
from api.memberships.models import Membership
from api.messages.models import StaffMessage
from api.notifications.models import OutboxMessage
from api.organizations.models import Organization, OrganizationLogo, PrivacyNotice
from api.participants.models import Consent, Participant
from api.processes.models import Phase, Process
from api.registrations.models import Registration
from api.staff.models import ApiClient, RefreshToken, RoleGrant, StaffSession, StaffToken, StaffUser
from api.translations.models import Translation
from api.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookSubscription

__all__ = [
    "AllocationAssignment",
    "AllocationRun",
    "ApiClient",
    "AuditEntry",
    "Base",
    "Consent",
    "Event",
    "IdempotentResponse",
    "Membership",
    "Organization",
    "OrganizationLogo",
    "OutboxMessage",
    "Participant",
    "Phase",
    "PrivacyNotice",
    "Process",
    "RefreshToken",
    "Registration",
    "RoleGrant",
    "StaffMessage",
    "StaffSession",
    "StaffToken",
    "StaffUser",
    "StatusChange",
    "ThematicGroup",
    "Translation",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookSubscription",
]
