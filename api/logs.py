"""Logging that keeps secrets and personal data out: the secrets of mailed links, keys and search words
are cut from the access log (and from any other log line that names a request's path)."""

from __future__ import annotations

import logging
import re

TOKEN_PLACEHOLDER = "[token]"  # noqa: S105 - the mask, not a secret
REDACTED = "[redacted]"

# A secret in a path segment: the API's manage routes, and the site's pages as old mails link them
# (`/manage/registration/{token}`, `/staff/invitation/{token}`; mails now carry it in the fragment, which
# no browser sends). The site's own sub-pages (`/manage/registration/data`) name no secret.
_TOKEN_IN_PATH = re.compile(
    r"(/manage/(?:registrations?|memberships?)/|/staff/(?:invitation|password-reset)/)"
    r"(?!(?:data|erase)(?:[/?#\s\"]|$))[^/?#\s\"]+"
)
# Query parameters that carry a secret (a token, a key, a code …) whatever page they are sent to.
_SECRET_QUERY = re.compile(
    r"([?&](?:t|[A-Za-z_.-]*(?:token|key|secret|code|password|signature|sig))=)[^&#\s\"]*", re.IGNORECASE
)
# Staff searches by name or address: the search words are personal data.
_PERSONAL_QUERY = re.compile(r"([?&](?:q|recipient|email)=)[^&#\s\"]*")


def redact(text: str) -> str:
    text = _TOKEN_IN_PATH.sub(rf"\1{TOKEN_PLACEHOLDER}", text)
    text = _SECRET_QUERY.sub(rf"\1{REDACTED}", text)
    return _PERSONAL_QUERY.sub(rf"\1{REDACTED}", text)


class RedactManageTokens(logging.Filter):
    """A link's secret is as good as the person's password: for their registration, or a staff login."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) if isinstance(arg, str) else arg for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(arg) if isinstance(arg, str) else arg for key, arg in record.args.items()}
        return True


# The loggers that name requests: uvicorn's access log and its error log (a failed request's line).
_REQUEST_LOGGERS = ("uvicorn.access", "uvicorn.error")


def install_redaction() -> None:
    for name in _REQUEST_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactManageTokens) for f in logger.filters):
            logger.addFilter(RedactManageTokens())
