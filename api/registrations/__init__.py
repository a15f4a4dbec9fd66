"""Sign-ups for events. Importing the package registers how sign-ups react to their event's changes."""

from api.registrations import reactions  # noqa: F401
