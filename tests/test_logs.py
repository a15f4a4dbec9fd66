"""Manage-link tokens never reach the access log."""

from __future__ import annotations

import logging

from api.logs import RedactManageTokens, redact


def test_manage_tokens_are_cut_from_paths() -> None:
    path = "/api/v1/manage/registrations/Zx3_abc-DEF0123456789abcdefg/confirm"
    assert redact(path) == "/api/v1/manage/registrations/[token]/confirm"
    assert redact("/api/v1/manage/memberships/abcdefghijklmnopqrstuvwxyz") == "/api/v1/manage/memberships/[token]"
    assert redact("/api/v1/orgs/musterstadt/events") == "/api/v1/orgs/musterstadt/events"


def test_search_words_are_cut_from_query_strings() -> None:
    path = "/api/v1/staff/events/1/registrations?status=confirmed&q=Amira%20Haddad&limit=20"
    assert redact(path) == "/api/v1/staff/events/1/registrations?status=confirmed&q=[redacted]&limit=20"
    assert "amira" not in redact("/api/v1/dev/mails?recipient=amira@example.org")


def test_access_log_records_are_redacted() -> None:
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", "/api/v1/manage/registrations/secretsecretsecretsecret1/cancel", "1.1", 200),
        None,
    )
    assert RedactManageTokens().filter(record)
    assert "secretsecret" not in record.getMessage()
    assert "[token]" in record.getMessage()
