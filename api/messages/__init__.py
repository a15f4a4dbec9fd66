"""Messages from staff to an audience: an event's registrants or waiting list, a group's members, everyone
in a process. Sent through the mail outbox, one mail per person, in the person's language."""
