"""The secrets of mailed links, keys and search words never reach the access log."""

from __future__ import annotations

import logging

from api.logs import RedactManageTokens, redact


def test_manage_tokens_are_cut_from_paths() -> None:
    path = "/api/v1/manage/registrations/Zx3_abc-DEF0123456789abcdefg/confirm"
    assert redact(path) == "/api/v1/manage/registrations/[token]/confirm"
    assert redact("/api/v1/manage/memberships/abcdefghijklmnopqrstuvwxyz") == "/api/v1/manage/memberships/[token]"
    assert redact("/api/v1/orgs/musterstadt/events") == "/api/v1/orgs/musterstadt/events"


def test_secrets_in_site_paths_of_older_mails_are_cut() -> None:
    secret = "Zx3_abc-DEF0123456789abcdefghijklmnopqrstuv"
    assert redact(f"/manage/registration/{secret}?confirm=1") == "/manage/registration/[token]?confirm=1"
    assert redact(f"/manage/membership/{secret}/erase") == "/manage/membership/[token]/erase"
    assert redact(f"/staff/invitation/{secret}") == "/staff/invitation/[token]"
    assert redact(f'"GET /staff/password-reset/{secret} HTTP/1.1"') == '"GET /staff/password-reset/[token] HTTP/1.1"'
    # The pages of today's links name no secret and stay readable.
    for path in ("/manage/registration?confirm=1", "/manage/registration/data", "/manage/membership/erase"):
        assert redact(path) == path
    assert redact("/api/v1/staff/users/1/invitation") == "/api/v1/staff/users/1/invitation"


def test_secret_query_parameters_are_cut() -> None:
    for name in ("t", "token", "access_token", "key", "api_key", "secret", "code", "password", "signature"):
        assert (
            redact(f"/manage/registration?{name}=s3cr3t&lang=ar") == f"/manage/registration?{name}=[redacted]&lang=ar"
        )
    assert redact("/api/v1/orgs/x/events?limit=5&Token=abc") == "/api/v1/orgs/x/events?limit=5&Token=[redacted]"
    assert (
        redact("/api/v1/orgs/x/events?format=online&kind=kickoff") == "/api/v1/orgs/x/events?format=online&kind=kickoff"
    )


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
