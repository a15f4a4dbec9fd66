"""Thematic groups. Importing the package registers how groups react to their process's changes."""

from api.groups import reactions  # noqa: F401
