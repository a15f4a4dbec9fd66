"""Mail texts: every kind in German and English, links, escaping, optional parts, dates and statuses."""

from __future__ import annotations

from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from api.notifications.templates import MailKind, RenderedMail, format_instant, format_when, render, status_text

CONFIRM_URL = "https://teilhabe.example/r/confirm?token=abc123&lang=de"
MANAGE_URL = "https://teilhabe.example/r/manage?token=xyz789&tab=1"
STAFF_LINK = "https://teilhabe.example/staff/invitation#t=abc123_-XYZ"
GROUP_URLS = ("https://teilhabe.example/g/bildung?token=g1&x=2", "https://teilhabe.example/g/arbeit?token=g2")
ACCESS = {
    "join_url": "https://meet.example/j/123456789?pwd=Xy7&lang=de",
    "meeting_id": "123 456 789",
    "passcode": "Integration24",
    "dial_in": "+49 30 1234567",
}
ACCESS_TITLE = {"de": "Zugangsdaten für die Online-Teilnahme", "en": "Access details for joining online"}
SIGN_OFF = {"de": "Viele Grüße", "en": "Best wishes"}

_EVENT = {"event_title": "Auftakt Integrationskonzept", "event_when": "Sonntag, 6. Dezember 2026, 16:00–18:00 Uhr"}
_GROUPS = [
    {"name": "Bildung und Sprache", "status_text": "Bewerbung eingegangen", "manage_url": GROUP_URLS[0]},
    {"name": "Arbeit und Ausbildung", "status_text": "auf der Warteliste", "manage_url": GROUP_URLS[1]},
]
# Exactly the keys each kind needs; everything else is optional.
REQUIRED: dict[MailKind, dict[str, Any]] = {
    MailKind.confirm_registration: {
        **_EVENT,
        "confirm_url": CONFIRM_URL,
        "manage_url": MANAGE_URL,
        "hold_until": "Freitag, 4. Dezember 2026, 12:00 Uhr",
    },
    MailKind.registration_confirmed: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.waitlisted: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.seat_offered: {
        **_EVENT,
        "confirm_url": CONFIRM_URL,
        "manage_url": MANAGE_URL,
        "offer_until": "Donnerstag, 3. Dezember 2026, 18:00 Uhr",
    },
    MailKind.registration_cancelled: {**_EVENT},
    MailKind.registration_expired: {"event_title": _EVENT["event_title"]},
    MailKind.reminder: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.event_cancelled: {**_EVENT},
    MailKind.event_changed: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.event_postponed: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.event_resumed: {**_EVENT, "manage_url": MANAGE_URL},
    MailKind.group_meeting: {**_EVENT, "group_name": "Bildung und Sprache", "event_url": GROUP_URLS[0]},
    MailKind.links_resent: {**_EVENT, "status_text": "auf der Warteliste", "manage_url": MANAGE_URL},
    MailKind.group_application: {"groups": _GROUPS},
    MailKind.membership_decided: {"group_name": "Bildung und Sprache", "status": "member", "manage_url": MANAGE_URL},
    MailKind.membership_withdrawn: {"group_name": "Bildung und Sprache"},
    MailKind.staff_invitation: {"link": STAFF_LINK, "valid_until": "Freitag, 4. Dezember 2026, 12:00 Uhr"},
    MailKind.password_reset: {"link": STAFF_LINK, "valid_until": "Freitag, 4. Dezember 2026, 12:00 Uhr"},
    MailKind.allocation_decided: {"groups": _GROUPS},
}
for _context in REQUIRED.values():
    _context["org_name"] = "Stadt Musterstadt"

OPTIONAL: dict[MailKind, dict[str, Any]] = {
    MailKind.confirm_registration: {"event_where": "Rathaus, Ratssaal\nMarkt 1"},
    MailKind.registration_confirmed: {"event_where": "Rathaus, Ratssaal", "access": ACCESS},
    MailKind.reminder: {"event_where": "Rathaus, Ratssaal", "access": ACCESS},
    MailKind.registration_cancelled: {"reason": "Sie haben sich selbst abgemeldet."},
    MailKind.event_cancelled: {"reason": "Der Saal ist wegen eines Wasserschadens gesperrt."},
    MailKind.links_resent: {"confirm_url": CONFIRM_URL},
    MailKind.event_changed: {
        "event_where": "Bürgerhaus Nord",
        "changes": [
            {"aspect": "when", "old": "Samstag, 5. Dezember 2026, 10:00–12:00 Uhr", "new": _EVENT["event_when"]}
        ],
        "access": ACCESS,
        "access_changed": True,
        "note": "Der Saal war doppelt gebucht.",
        "calendar_attached": True,
    },
    MailKind.event_postponed: {"reason": "Krankheit", "note": "Wir melden uns bald."},
    MailKind.event_resumed: {"event_where": "Rathaus", "access": ACCESS, "calendar_attached": True},
    MailKind.group_meeting: {"event_where": "Rathaus", "sign_up_needed": True},
}
COMMON_OPTIONAL = {"person_name": "Amira Haddad", "org_contact": "Integrationsbüro, Telefon 0221 123456"}


def _full(kind: MailKind) -> dict[str, Any]:
    return {**REQUIRED[kind], **COMMON_OPTIONAL, **OPTIONAL.get(kind, {})}


class _Html(HTMLParser):
    """What a mail program would see: tags, attributes, links and visible text."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.hrefs: list[str] = []
        self.lang: str | None = None
        self.parts: list[str] = []
        self.feed(document)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs
        values = dict(attrs)
        if tag == "a":
            self.hrefs.append(values["href"] or "")
        if tag == "html":
            self.lang = values["lang"]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return " ".join(" ".join(self.parts).split())


SAFE_TAGS = {"html", "head", "meta", "title", "body", "div", "p", "br", "table", "tr", "th", "td", "a", "h2"}
LANGUAGES = ("de", "en")
ALL_CASES = [(kind, language) for kind in MailKind for language in LANGUAGES]


def _urls(context: dict[str, Any]) -> list[str]:
    urls = [value for key, value in context.items() if key.endswith("_url") or key == "link"]
    urls += [group["manage_url"] for group in context.get("groups", [])]
    if context.get("access"):
        urls.append(context["access"]["join_url"])
    return urls


def _assert_sound_html(mail: RenderedMail, language: str) -> _Html:
    document = _Html(mail.html)
    assert mail.html.startswith("<!DOCTYPE html>")
    assert document.lang == language
    assert set(document.tags) <= SAFE_TAGS  # no images, scripts, styles sheets or fonts to fetch
    assert not [name for name, _ in document.attributes if name == "src" or name.startswith("on")]
    assert all(href.startswith("https://") for href in document.hrefs)
    return document


def test_the_kinds_are_exactly_these() -> None:
    assert [kind.value for kind in MailKind] == [
        "confirm_registration",
        "registration_confirmed",
        "waitlisted",
        "seat_offered",
        "registration_cancelled",
        "registration_expired",
        "reminder",
        "event_cancelled",
        "event_changed",
        "event_postponed",
        "event_resumed",
        "group_meeting",
        "links_resent",
        "group_application",
        "membership_decided",
        "membership_withdrawn",
        "staff_invitation",
        "password_reset",
        "allocation_decided",
    ]
    assert set(REQUIRED) == set(MailKind)


@pytest.mark.parametrize(("kind", "language"), ALL_CASES)
def test_every_kind_renders_with_all_keys(kind: MailKind, language: str) -> None:
    context = _full(kind)
    mail = render(kind, language, context)

    assert mail.subject
    assert "\n" not in mail.subject
    assert mail.text.startswith({"de": "Hallo Amira Haddad,", "en": "Hello Amira Haddad,"}[language])
    assert mail.text.rstrip().endswith(f"{SIGN_OFF[language]}\nStadt Musterstadt")
    assert COMMON_OPTIONAL["org_contact"] in mail.text
    assert "None" not in mail.text
    for key in ("event_title", "group_name", "reason", "hold_until", "offer_until", "status_text"):
        if key in context:
            assert context[key] in mail.text, key
    document = _assert_sound_html(mail, language)
    for url in _urls(context):
        assert url in mail.text.splitlines(), url  # a bare URL on a line of its own
        assert url in document.hrefs, url
    assert SIGN_OFF[language] in document.text


@pytest.mark.parametrize(("kind", "language"), ALL_CASES)
def test_every_kind_renders_with_only_the_required_keys(kind: MailKind, language: str) -> None:
    context = REQUIRED[kind]
    mail = render(kind, language, context)

    assert mail.text.startswith({"de": "Hallo,\n", "en": "Hello,\n"}[language])
    assert "None" not in mail.text
    assert "None" not in mail.html
    left_out = {"de": ("Wo:", "Grund:", "Fragen?", "Zugangsdaten"), "en": ("Where:", "Reason:", "questions?", "Access")}
    for phrase in left_out[language]:
        assert phrase not in mail.text, phrase
    document = _assert_sound_html(mail, language)
    assert sorted(document.hrefs) == sorted(_urls(context))


@pytest.mark.parametrize(
    ("kind", "key"),
    [(kind, key) for kind, context in REQUIRED.items() for key in context],
)
def test_a_missing_required_key_is_refused(kind: MailKind, key: str) -> None:
    context = {name: value for name, value in REQUIRED[kind].items() if name != key}
    with pytest.raises(ValueError, match=key):
        render(kind, "de", context)
    with pytest.raises(ValueError, match=key):
        render(kind, "en", {**context, key: None})


@pytest.mark.parametrize("kind", list(MailKind))
def test_values_are_escaped_in_html(kind: MailKind) -> None:
    hostile = {
        "person_name": "<script>alert(1)</script>",
        "org_name": "Stadt <b>Muster</b>",
        "org_contact": '<img src="x" onerror="alert(1)">',
        "event_title": 'Kaffee & "Kuchen" <i>',
        "event_where": "<marquee>Rathaus</marquee>",
        "reason": "<u>Sturm</u>",
        "group_name": "<em>Bildung</em>",
        "status_text": "<s>offen</s>",
    }
    context = {**_full(kind), **{key: value for key, value in hostile.items() if key in _full(kind)}}
    if kind is MailKind.group_application:
        context["groups"] = [{"name": "<h1>Bildung</h1>", "status_text": "<s>neu</s>", "manage_url": GROUP_URLS[0]}]

    mail = render(kind, "de", context)

    assert "<script" not in mail.html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in mail.html
    document = _assert_sound_html(mail, "de")
    assert "<script>alert(1)</script>" in document.text  # shown as text, exactly as given
    assert "Stadt <b>Muster</b>" in document.text
    assert "<script>alert(1)</script>" in mail.text  # plain text needs no escaping


def test_urls_are_escaped_in_href_and_cannot_break_out() -> None:
    tricky = 'https://teilhabe.example/r?a=1&b="2"onmouseover="alert(1)'
    mail = render(
        MailKind.registration_confirmed, "de", {**_full(MailKind.registration_confirmed), "manage_url": tricky}
    )

    assert 'href="https://teilhabe.example/r?a=1&amp;b=&quot;2&quot;onmouseover=&quot;alert(1)"' in mail.html
    document = _assert_sound_html(mail, "de")
    assert tricky in document.hrefs
    assert tricky in mail.text.splitlines()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://teilhabe.example/file",
        "https://",
        "teilhabe.example/r/manage",
        "https://teilhabe.example/a b",
    ],
)
def test_only_web_links_are_accepted(url: str) -> None:
    with pytest.raises(ValueError, match="manage_url"):
        render(MailKind.reminder, "de", {**_full(MailKind.reminder), "manage_url": url})
    with pytest.raises(ValueError, match="join_url"):
        render(MailKind.reminder, "de", {**_full(MailKind.reminder), "access": {"join_url": url}})


@pytest.mark.parametrize("kind", [MailKind.registration_confirmed, MailKind.reminder])
@pytest.mark.parametrize("language", LANGUAGES)
def test_access_block_only_when_access_is_given(kind: MailKind, language: str) -> None:
    with_access = render(kind, language, _full(kind))
    without = render(kind, language, {**_full(kind), "access": None})
    empty = render(kind, language, {**_full(kind), "access": {"join_url": None, "passcode": ""}})

    for mail in (with_access, without, empty):
        _assert_sound_html(mail, language)
    assert ACCESS_TITLE[language] in with_access.text
    assert ACCESS_TITLE[language] in with_access.html
    passcode = {"de": "Kenncode: Integration24", "en": "Passcode: Integration24"}[language]
    assert passcode in with_access.text
    assert ACCESS["join_url"] in with_access.text.splitlines()
    for value in ("123 456 789", "+49 30 1234567"):
        assert value in with_access.text
        assert value in with_access.html
    for mail in (without, empty):
        assert ACCESS_TITLE[language] not in mail.text
        assert ACCESS_TITLE[language] not in mail.html
        assert "Integration24" not in mail.text
        assert "Integration24" not in mail.html


def test_access_block_shows_only_the_details_given() -> None:
    mail = render(MailKind.reminder, "de", {**_full(MailKind.reminder), "access": {"meeting_id": "987 654"}})

    assert "Zugangsdaten für die Online-Teilnahme" in mail.text
    assert "Meeting-ID: 987 654" in mail.text
    assert "Online teilnehmen" not in mail.text
    assert "Kenncode" not in mail.text
    assert _Html(mail.html).hrefs == [MANAGE_URL]


@pytest.mark.parametrize(
    "kind",
    [MailKind.confirm_registration, MailKind.waitlisted, MailKind.seat_offered, MailKind.links_resent],
)
def test_access_details_never_go_to_those_without_a_confirmed_place(kind: MailKind) -> None:
    mail = render(kind, "de", {**_full(kind), "access": ACCESS})

    for secret in (ACCESS["join_url"], ACCESS["passcode"], ACCESS["meeting_id"]):
        assert secret not in mail.text
        assert secret not in mail.html


@pytest.mark.parametrize("kind", [MailKind.registration_cancelled, MailKind.event_cancelled])
def test_reason_is_shown_only_when_given(kind: MailKind) -> None:
    reason = OPTIONAL[kind]["reason"]

    assert f"Grund: {reason}" in render(kind, "de", _full(kind)).text
    assert f"Reason: {reason}" in render(kind, "en", _full(kind)).text
    assert "Grund" not in render(kind, "de", {**_full(kind), "reason": None}).text
    assert "Reason" not in render(kind, "en", {**_full(kind), "reason": "  "}).text


def test_links_resent_asks_for_confirmation_only_with_a_confirm_link() -> None:
    pending = render(MailKind.links_resent, "de", _full(MailKind.links_resent))
    confirmed = render(MailKind.links_resent, "de", {**_full(MailKind.links_resent), "confirm_url": None})

    assert "Jetzt bestätigen:" in pending.text
    assert "Status: auf der Warteliste" in pending.text
    assert "Jetzt bestätigen" not in confirmed.text
    assert _Html(confirmed.html).hrefs == [MANAGE_URL]


@pytest.mark.parametrize("language", LANGUAGES)
def test_membership_decision_speaks_to_each_outcome(language: str) -> None:
    base = _full(MailKind.membership_decided)
    statuses = ("member", "waitlisted", "rejected")
    mails = {status: render(MailKind.membership_decided, language, {**base, "status": status}) for status in statuses}

    assert len({mail.subject for mail in mails.values()}) == 3
    assert len({mail.text for mail in mails.values()}) == 3
    quoted = {"de": "„Bildung und Sprache“", "en": "“Bildung und Sprache”"}[language]
    for mail in mails.values():
        assert quoted in mail.subject
        assert quoted in mail.text
    assert {"de": "Willkommen", "en": "Welcome"}[language] in mails["member"].subject
    assert {"de": "Warteliste", "en": "waiting list"}[language] in mails["waitlisted"].text
    assert {"de": "Leider", "en": "Unfortunately"}[language] in mails["rejected"].text
    with pytest.raises(ValueError, match="status"):
        render(MailKind.membership_decided, language, {**base, "status": "applied"})


def test_group_application_lists_every_group_with_its_link() -> None:
    mail = render(MailKind.group_application, "de", _full(MailKind.group_application))

    for group in _GROUPS:
        assert group["name"] in mail.text
        assert f"Status: {group['status_text']}" in mail.text
    assert _Html(mail.html).hrefs == list(GROUP_URLS)
    with pytest.raises(ValueError, match="groups"):
        render(MailKind.group_application, "de", {**_full(MailKind.group_application), "groups": []})
    with pytest.raises(ValueError, match="manage_url"):
        render(MailKind.group_application, "de", {"org_name": "Stadt", "groups": [{"name": "A", "status_text": "x"}]})


def test_line_breaks_stay_out_of_the_subject() -> None:
    context = {**_full(MailKind.reminder), "event_title": "Auftakt\r\nBcc: everyone@example.com"}

    assert render(MailKind.reminder, "de", context).subject == "Erinnerung: Auftakt Bcc: everyone@example.com"


def test_german_and_english_differ() -> None:
    german = render(MailKind.seat_offered, "de", _full(MailKind.seat_offered))
    english = render(MailKind.seat_offered, "en", _full(MailKind.seat_offered))

    assert german.subject == "Ein Platz ist frei für Sie: Auftakt Integrationskonzept"
    assert english.subject == "A place is free for you: Auftakt Integrationskonzept"
    assert "Platz annehmen:" in german.text
    assert "Accept the place:" in english.text


# Languages Teilhabe does not speak (Arabic and Turkish it does: tests/test_mail_languages.py).
@pytest.mark.parametrize(("asked", "used"), [("fr", "de"), ("", "de"), ("pl", "de"), ("en-GB", "en"), ("EN", "en")])
def test_languages_fall_back_to_german(asked: str, used: str) -> None:
    context = _full(MailKind.reminder)

    assert render(MailKind.reminder, asked, context) == render(MailKind.reminder, used, context)
    assert f'<html lang="{used}">' in render(MailKind.reminder, asked, context).html


# --- Dates --------------------------------------------------------------------------------------

BERLIN = "Europe/Berlin"


def _utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "language", "expected"),
    [
        (_utc(2026, 12, 6, 15), _utc(2026, 12, 6, 17), "de", "Sonntag, 6. Dezember 2026, 16:00–18:00 Uhr"),
        (_utc(2026, 12, 6, 15), _utc(2026, 12, 6, 17), "en", "Sunday, 6 December 2026, 16:00–18:00"),
        # Summer time: 16:00 in Berlin is 14:00 UTC.
        (_utc(2026, 6, 14, 14), _utc(2026, 6, 14, 16, 30), "de", "Sonntag, 14. Juni 2026, 16:00–18:30 Uhr"),
        # Through the night the clocks go forward (02:00 → 03:00): one hour passes.
        (_utc(2026, 3, 29, 0, 30), _utc(2026, 3, 29, 1, 30), "de", "Sonntag, 29. März 2026, 01:30–03:30 Uhr"),
        # Through the night the clocks go back (03:00 → 02:00): four hours pass.
        (_utc(2026, 10, 24, 23), _utc(2026, 10, 25, 3), "en", "Sunday, 25 October 2026, 01:00–04:00"),
        # Across midnight: both dates.
        (
            _utc(2026, 12, 5, 21),
            _utc(2026, 12, 6, 1),
            "de",
            "Samstag, 5. Dezember 2026, 22:00 Uhr – Sonntag, 6. Dezember 2026, 02:00 Uhr",
        ),
        (
            _utc(2026, 12, 5, 21),
            _utc(2026, 12, 6, 1),
            "en",
            "Saturday, 5 December 2026, 22:00 – Sunday, 6 December 2026, 02:00",
        ),
        # Ending at midnight is still one evening.
        (_utc(2026, 12, 5, 19), _utc(2026, 12, 5, 23), "de", "Samstag, 5. Dezember 2026, 20:00–24:00 Uhr"),
        # A two-day conference.
        (
            _utc(2027, 3, 19, 8),
            _utc(2027, 3, 20, 16),
            "de",
            "Freitag, 19. März 2027, 09:00 Uhr – Samstag, 20. März 2027, 17:00 Uhr",
        ),
    ],
)
def test_format_when(starts_at: datetime, ends_at: datetime, language: str, expected: str) -> None:
    assert format_when(starts_at, ends_at, BERLIN, language) == expected


def test_format_when_uses_the_zone_given_not_the_datetimes_own() -> None:
    starts_at = datetime(2026, 12, 6, 16, tzinfo=ZoneInfo(BERLIN))
    ends_at = datetime(2026, 12, 6, 12, tzinfo=ZoneInfo("America/New_York"))  # 18:00 in Berlin

    assert format_when(starts_at, ends_at, BERLIN, "de") == "Sonntag, 6. Dezember 2026, 16:00–18:00 Uhr"
    assert format_when(starts_at, ends_at, "America/New_York", "en") == "Sunday, 6 December 2026, 10:00–12:00"


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "timezone"),
    [
        (datetime(2026, 12, 6, 16), datetime(2026, 12, 6, 18), BERLIN),  # naive
        (_utc(2026, 12, 6, 17), _utc(2026, 12, 6, 15), BERLIN),  # ends first
        (_utc(2026, 12, 6, 15), _utc(2026, 12, 6, 17), "Europe/Musterstadt"),
    ],
)
def test_format_when_refuses_what_it_cannot_show(starts_at: datetime, ends_at: datetime, timezone: str) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - three different causes
        format_when(starts_at, ends_at, timezone, "de")


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (_utc(2026, 12, 4, 11), "de", "Freitag, 4. Dezember 2026, 12:00 Uhr"),
        (_utc(2026, 12, 4, 11), "en", "Friday, 4 December 2026, 12:00"),
        (_utc(2026, 3, 2, 7, 5), "de", "Montag, 2. März 2026, 08:05 Uhr"),
        (_utc(2026, 7, 1, 22, 30), "en", "Thursday, 2 July 2026, 00:30"),  # already the next day in Berlin
        (_utc(2026, 12, 4, 11), "fr", "Freitag, 4. Dezember 2026, 12:00 Uhr"),  # not spoken: the default
    ],
)
def test_format_instant(value: datetime, language: str, expected: str) -> None:
    assert format_instant(value, BERLIN, language) == expected


# --- Statuses -----------------------------------------------------------------------------------

REGISTRATION_STATUSES = ("pending", "confirmed", "waitlisted", "offered", "cancelled", "expired", "attended", "no_show")
MEMBERSHIP_STATUSES = ("applied", "member", "waitlisted", "rejected", "withdrawn")


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_status_has_its_own_words(language: str) -> None:
    for statuses in (REGISTRATION_STATUSES, MEMBERSHIP_STATUSES):
        texts = [status_text(status, language) for status in statuses]
        assert all(texts)
        assert len(set(texts)) == len(texts)
        assert not [text for text in texts if "_" in text]  # words, not codes such as no_show


def test_status_text_examples_and_fallback() -> None:
    assert status_text("waitlisted", "de") == "auf der Warteliste"
    assert status_text("waitlisted", "en") == "on the waiting list"
    assert status_text("no_show", "fr") == status_text("no_show", "de") != status_text("no_show", "en")
    with pytest.raises(ValueError, match="archived"):
        status_text("archived", "de")
