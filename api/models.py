"""Every table, imported in one place for Alembic and the tests."""

from api.db import Base
from api.events.models import Event
from api.groups.models import ThematicGroup
from api.organizations.models import Organization
from api.processes.models import Phase, Process
from api.staff.models import RefreshToken, StaffUser

__all__ = ["Base", "Event", "Organization", "Phase", "Process", "RefreshToken", "StaffUser", "ThematicGroup"]
