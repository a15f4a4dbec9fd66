"""Memberships in groups. Importing the package registers how they react to their group's changes."""

from api.memberships import meetings, reactions  # noqa: F401
