"""The status machine that registrations and memberships share: every step is one conditional UPDATE,
recorded with who, when and through which channel, and announced to webhook subscribers in the same
transaction. It knows no domain: a subject names its own link column, time stamps and announcement."""
