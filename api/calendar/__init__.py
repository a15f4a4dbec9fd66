"""Calendars (RFC 5545): the iCalendar writer, an event as an entry, feeds, and the links to them.
Used by mails (attachments) and by the public feeds; imports only models and the kernel."""
