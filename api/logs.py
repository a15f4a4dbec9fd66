"""Logging that keeps secrets and personal data out: manage-link tokens and search words are cut
from the access log."""

from __future__ import annotations

import logging
import re

_TOKEN_IN_PATH = re.compile(r"(/manage/(?:registrations|memberships)/)[A-Za-z0-9_-]+")
# Staff searches by name or address: the search words are personal data.
_PERSONAL_QUERY = re.compile(r"([?&](?:q|recipient|email)=)[^&\s\"]*")


def redact(text: str) -> str:
    return _PERSONAL_QUERY.sub(r"\1[redacted]", _TOKEN_IN_PATH.sub(r"\1[token]", text))


class RedactManageTokens(logging.Filter):
    """A manage token is as good as the person's password for their registration."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def install_redaction() -> None:
    access = logging.getLogger("uvicorn.access")
    if not any(isinstance(f, RedactManageTokens) for f in access.filters):
        access.addFilter(RedactManageTokens())
