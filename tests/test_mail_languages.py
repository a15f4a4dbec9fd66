"""Every resident reads their mails in their language: every kind in every language Teilhabe speaks,
right to left for Arabic and Persian, dates in the person's language and the event's time zone, the
city's default for a language Teilhabe does not speak, and catalogues that cannot go stale."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from html.parser import HTMLParser
from typing import Any

import pytest
from babel.messages.pofile import read_po
from sqlalchemy import update

from api.i18n import LANGUAGES, catalogues
from api.i18n.catalogues import LOCALES
from api.i18n.pot import missing_in, render, template, template_path
from api.messages.mails import Addressee, render_message
from api.messages.schemas import MessageText
from api.notifications import templates
from api.notifications.catalogue import messages
from api.notifications.templates import (
    RIGHT_TO_LEFT_MARK,
    MailKind,
    format_instant,
    format_when,
    status_text,
)
from api.notifications.templates import (
    render as render_mail,
)
from api.organizations.models import Organization
from tests.signup_helpers import sign_up
from tests.test_mail_outbox import SmtpServer, deliver, event_with_signups, mail_settings, outbox
from tests.test_mail_templates import ACCESS, REQUIRED, _full

ALL = list(LANGUAGES)  # de, de-x-ls, en, ar, tr, uk, ru, fa
RTL = ("ar", "fa")
SHIPPED = ("de", "ar")  # the catalogues this change ships complete; the others come from the translators
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff]")
BERLIN = "Europe/Berlin"


def _variants(kind: MailKind) -> list[dict[str, Any]]:
    """The full and the minimal mail, and every branch a kind has of its own."""
    variants = [_full(kind), REQUIRED[kind]]
    if kind is MailKind.membership_decided:
        variants += [{**_full(kind), "status": status} for status in ("waitlisted", "rejected")]
    if kind is MailKind.group_meeting:
        variants.append({**_full(kind), "sign_up_needed": False})
    if kind is MailKind.group_application:
        variants.append({**_full(kind), "confirm_url": "https://teilhabe.example/c?t=1", "hold_until": "morgen"})
    if kind is MailKind.event_changed:
        variants.append({**_full(kind), "changes": [{"aspect": "where", "old": "Rathaus", "new": "Bürgerhaus"}]})
    return variants


class _Html(HTMLParser):
    def __init__(self, document: str) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def first(self, tag: str) -> dict[str, str | None]:
        return next(attrs for name, attrs in self.elements if name == tag)


def _english_fragments() -> list[str]:
    """The English sentences and phrases of the catalogue, split at their placeholders."""
    fragments = []
    for message in messages():
        for part in PLACEHOLDER.split(message.msgid):
            for line in part.split("\n"):
                line = line.strip(" .,:")
                if len(line) >= 12 and " " in line:
                    fragments.append(line)
    return fragments


# --- every kind in every language ---------------------------------------------------------------


@pytest.mark.parametrize("language", ALL)
@pytest.mark.parametrize("kind", list(MailKind))
def test_every_kind_renders_in_every_language(kind: MailKind, language: str) -> None:
    for context in _variants(kind):
        mail = render_mail(kind, language, context)

        for part in (mail.subject, mail.text, mail.html):
            assert not PLACEHOLDER.findall(part), part  # no {title} left unfilled
        document = _Html(mail.html)
        assert document.first("html")["lang"] == language
        assert document.first("html").get("dir") == ("rtl" if language in RTL else None)
        assert context["org_name"] in mail.text
        for url in templates_urls(context):
            assert url in mail.text.splitlines()  # still a bare URL on its own line


def templates_urls(context: dict[str, Any]) -> list[str]:
    urls = [value for key, value in context.items() if (key.endswith("_url") or key == "link") and value]
    urls += [group["manage_url"] for group in context.get("groups", [])]
    return urls


@pytest.mark.parametrize("language", SHIPPED)
@pytest.mark.parametrize("kind", list(MailKind))
def test_no_english_sentence_is_left_in_german_and_arabic(kind: MailKind, language: str) -> None:
    fragments = _english_fragments()
    for context in _variants(kind):
        mail = render_mail(kind, language, context)
        left = [fragment for fragment in fragments if fragment in mail.text or fragment in mail.subject]
        assert not left, left
        if language == "ar":
            assert ARABIC_LETTERS.search(mail.subject), mail.subject


def test_every_message_a_mail_asks_for_is_declared(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: set[str] = set()
    translate = templates.translate

    def recording(language: str, msgid: str, **params: Any) -> str:
        asked.add(msgid)
        return translate(language, msgid, **params)

    monkeypatch.setattr(templates, "translate", recording)
    for kind in MailKind:
        for context in _variants(kind):
            render_mail(kind, "en", context)
    for status in ("pending", "confirmed", "offered", "no_show", "applied", "member", "rejected", "withdrawn"):
        status_text(status, "en")

    declared = {message.msgid for message in messages()}
    assert asked - declared == set()
    assert len(declared) == len(list(messages()))  # each msgid once


# --- the catalogues -----------------------------------------------------------------------------


def test_the_template_is_what_the_code_declares() -> None:
    # Run `python -m api catalogues` after changing a mail's words.
    assert template_path("mails").read_bytes() == render(template("mails", messages()))


@pytest.mark.parametrize("language", SHIPPED)
def test_german_and_arabic_are_complete(language: str) -> None:
    assert missing_in("mails", language, messages()) == []


@pytest.mark.parametrize("path", sorted((LOCALES / "mails").glob("*.po")), ids=lambda path: path.name)
def test_every_translation_keeps_its_placeholders(path: Any) -> None:
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    assert catalogue.locale is not None or path.stem == "de-x-ls"
    wrong = []
    for message in catalogue:
        if not message.id or not message.string:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            if string and set(PLACEHOLDER.findall(string)) != expected:
                wrong.append((message.id, string))
            elif string:
                string.format(**{name.strip("{}"): "x" for name in expected})  # stray braces would raise
    assert not wrong, wrong


# --- which language a mail goes out in ----------------------------------------------------------


def test_a_language_teilhabe_does_not_speak_gets_the_citys_default() -> None:
    context = _full(MailKind.reminder)

    for city_default in ("de", "en", "ar"):
        mail = render_mail(MailKind.reminder, "fr", context, default=city_default)
        assert mail == render_mail(MailKind.reminder, city_default, context)
        assert f'lang="{city_default}"' in mail.html
    assert render_mail(MailKind.reminder, "ar-SY", context).subject.startswith("تذكير")


def test_a_language_without_its_catalogue_borrows_german_then_the_citys_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    shipped = catalogues.catalogue
    monkeypatch.setattr(
        catalogues, "catalogue", lambda domain, code: None if code in ("tr", "de-x-ls") else shipped(domain, code)
    )
    context = _full(MailKind.waitlisted)

    easy = render_mail(MailKind.waitlisted, "de-x-ls", context, default="en")
    assert easy.subject == "Sie stehen auf der Warteliste: Auftakt Integrationskonzept"  # German, not English
    assert 'lang="de-x-ls"' in easy.html
    turkish = render_mail(MailKind.waitlisted, "tr", context, default="en")
    assert turkish.subject == "You are on the waiting list: Auftakt Integrationskonzept"
    assert render_mail(MailKind.waitlisted, "tr", context, default="ar").subject.startswith("أنت على قائمة الانتظار")


# --- right to left ------------------------------------------------------------------------------


@pytest.mark.parametrize("language", RTL)
def test_right_to_left_mails_read_right_to_left(language: str) -> None:
    context = {**_full(MailKind.registration_confirmed), "org_contact": "Telefon 0221 123456 · info@stadt.example"}
    mail = render_mail(MailKind.registration_confirmed, language, context)

    for line in mail.text.splitlines():
        if line.startswith("https://"):
            assert " " not in line  # a bare link line, to be linked and copied as it is
        elif line:
            assert line.startswith(RIGHT_TO_LEFT_MARK), repr(line)
    document = _Html(mail.html)
    assert document.first("html") == {"lang": language, "dir": "rtl"}
    container = document.first("div")
    assert container["dir"] == "rtl"
    assert "text-align:right" in (container["style"] or "")
    assert document.first("table")["dir"] == "rtl"
    assert "text-align:right" in (document.first("th")["style"] or "")
    # An address, an e-mail address and a phone number stay left to right inside the Arabic text.
    assert '<bdi dir="ltr">info@stadt.example</bdi>' in mail.html
    assert '<bdi dir="ltr">0221 123456</bdi>' in mail.html
    assert ACCESS["join_url"] in mail.text.splitlines()


def test_left_to_right_mails_have_no_marks() -> None:
    for language in ("de", "en", "tr", "uk"):
        mail = render_mail(MailKind.reminder, language, _full(MailKind.reminder))
        assert RIGHT_TO_LEFT_MARK not in mail.text
        assert "dir=" not in mail.html
        assert "<bdi" not in mail.html


@pytest.mark.parametrize(
    ("language", "quoted"),
    [
        ("de", "„Bildung und Sprache“"),
        ("en", "“Bildung und Sprache”"),
        ("tr", "“Bildung und Sprache”"),
        ("ar", "«Bildung und Sprache»"),
        ("fa", "«Bildung und Sprache»"),
        ("uk", "«Bildung und Sprache»"),
        ("ru", "«Bildung und Sprache»"),
    ],
)
def test_names_are_quoted_the_languages_way(language: str, quoted: str) -> None:
    mail = render_mail(MailKind.membership_withdrawn, language, _full(MailKind.membership_withdrawn))
    assert quoted in mail.subject
    assert quoted in mail.text


# --- dates and statuses -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Freitag, 4. Dezember 2026, 12:00 Uhr"),
        ("de-x-ls", "Freitag, 4. Dezember 2026, 12:00 Uhr"),
        ("en", "Friday, 4 December 2026, 12:00"),
        ("tr", "4 Aralık 2026 Cuma, 12:00"),
        # CLDR puts a narrow no-break space before the year's abbreviation.
        ("uk", "пʼятниця, 4 грудня 2026\u202fр., 12:00"),
        ("ru", "пятница, 4 декабря 2026\u202fг., 12:00"),
        ("ar", "الجمعة، 4 ديسمبر 2026، 12:00"),
        ("fa", "جمعه 4 دسامبر 2026، 12:00"),
    ],
)
def test_dates_in_every_language_and_the_events_time_zone(language: str, expected: str) -> None:
    assert format_instant(datetime(2026, 12, 4, 11, tzinfo=UTC), BERLIN, language) == expected


def test_a_time_span_in_arabic_and_a_language_not_spoken() -> None:
    starts, ends = datetime(2026, 12, 6, 15, tzinfo=UTC), datetime(2026, 12, 6, 17, tzinfo=UTC)
    assert format_when(starts, ends, BERLIN, "ar") == "الأحد، 6 ديسمبر 2026، 16:00–18:00"
    assert format_when(starts, ends, "America/New_York", "ar") == "الأحد، 6 ديسمبر 2026، 10:00–12:00"
    assert format_when(starts, ends, BERLIN, "fr", "en") == "Sunday, 6 December 2026, 16:00–18:00"


def test_statuses_from_the_catalogue() -> None:
    assert status_text("waitlisted", "ar") == "على قائمة الانتظار"
    assert status_text("waitlisted", "fr", "ar") == "على قائمة الانتظار"
    assert status_text("waitlisted", "fr") == "auf der Warteliste"


# --- staff messages -----------------------------------------------------------------------------


def test_a_staff_message_has_its_frame_in_the_readers_language() -> None:
    text = MessageText(subject="تغيير القاعة", body="مرحبًا {name}،\n\nستكون القاعة في الطابق الأول.")
    addressee = Addressee("Amira Haddad", "Auftakt", "https://teilhabe.example/m#t=abc")

    arabic = render_message("ar", text, addressee, "Integrationsbüro")
    assert "يرسل إليك Integrationsbüro هذه الرسالة لأنك مسجل في «Auftakt»." in arabic.text
    assert "عرض تسجيلك أو إيقاف مثل هذه الرسائل:" in arabic.text
    assert all(
        line.startswith(RIGHT_TO_LEFT_MARK) or line.startswith("https://") or not line
        for line in arabic.text.splitlines()
    )
    assert _Html(arabic.html).first("html") == {"lang": "ar", "dir": "rtl"}

    german = render_message("de", MessageText(subject="Neuer Raum", body="Hallo {name}"), addressee, "Amt")
    assert "Diese Nachricht schickt Ihnen Amt, weil Sie bei „Auftakt“ angemeldet sind." in german.text


# --- through the API and a real SMTP server -----------------------------------------------------


@pytest.fixture
def smtp() -> Any:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


async def test_an_arabic_sign_up_gets_an_arabic_confirmation_mail(client, city, db, smtp):
    event = await event_with_signups(client, city, db)
    response = await sign_up(client, city, event["id"], email="amira@example.org", preferred_language="ar")
    assert response.status_code == 202, response.text

    assert await deliver(db, mail_settings(db, smtp)) == 1
    [mail] = smtp.messages
    assert mail["Subject"].startswith("يرجى تأكيد تسجيلك: ")
    assert mail["Content-Language"] == "ar"
    text = mail.get_body(("plain",)).get_content()
    assert "مرحبًا Amira Haddad،" in text
    assert "يرجى التأكيد قبل" in text
    for line in text.replace("\r\n", "\n").split("\n"):
        assert not line or line.startswith(RIGHT_TO_LEFT_MARK) or re.fullmatch(r"https?://\S+", line), repr(line)
    assert "Please" not in text
    assert "Bitte" not in text
    html = mail.get_body(("html",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'dir="rtl"' in html.split("<body", 1)[1]


async def test_a_language_teilhabe_does_not_speak_gets_the_citys_default_through_the_api(client, city, db, smtp):
    async with db.state.sessionmaker() as session:
        await session.execute(
            update(Organization).where(Organization.id == city.organization.id).values(default_language="en")
        )
        await session.commit()
    event = await event_with_signups(client, city, db)
    response = await sign_up(client, city, event["id"], email="marie@example.org", preferred_language="fr")
    assert response.status_code == 202, response.text

    [row] = await outbox(db)
    assert row.subject.startswith("Please confirm your registration: ")
    assert '<html lang="en">' in row.body_html
    assert await deliver(db, mail_settings(db, smtp)) == 1
    assert smtp.messages[0]["Content-Language"] == "en"


def test_a_staff_message_in_leichte_sprache_reaches_its_readers_and_others_fall_back() -> None:
    from api.messages.mails import text_for

    texts = {"de": "Deutsch", "de-x-ls": "Leichte Sprache", "ar": "عربي"}
    assert text_for(texts, "de-x-ls", "de")[0] == "de-x-ls"
    assert text_for(texts, "ar-SY", "de")[0] == "ar"
    assert text_for(texts, "tr", "de")[0] == "de"  # nothing written in Turkish: the city's default
    assert text_for({"de": "Deutsch"}, "de-x-ls", "de")[0] == "de"


async def test_a_password_reset_mail_is_in_the_language_it_was_asked_in_if_the_city_offers_it(client, city) -> None:
    from tests.signup_helpers import mails_to

    app = client._transport.app
    email = city.admin.email
    await client.patch("/staff/organization", json={"languages": ["de", "ar"]}, headers=city.headers)
    asked = await client.post("/auth/password-reset", json={"email": email}, headers={"Accept-Language": "ar"})
    assert asked.status_code == 202, asked.text
    arabic = (await mails_to(app, email))[-1]
    assert 'dir="rtl"' in arabic.body_html
    assert arabic.body_text.startswith("\u200f")
    # Turkish is not one of the city's languages: the city's German.
    await client.post("/auth/password-reset", json={"email": email}, headers={"Accept-Language": "tr"})
    german = (await mails_to(app, email))[-1]
    assert '<html lang="de"' in german.body_html
