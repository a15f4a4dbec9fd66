"""Calendars (RFC 5545): the iCalendar writer, an event as an entry, and feeds (the links to them are
api.schemas.CalendarLinks).
Used by mails (attachments) and by the public feeds; imports only models and the kernel."""
