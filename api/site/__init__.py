"""The public pages that show one object with its neighbours: a process with its groups and next events,
a group with its meetings. They read several domains and so sit above them; no rule lives here."""
