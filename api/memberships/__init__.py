"""Memberships in groups. Importing the package registers how they react to their group's changes."""

from api.memberships import reactions  # noqa: F401
