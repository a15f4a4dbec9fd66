"""Mail texts in every language Teilhabe speaks, each as plain text and as a small HTML document.

Many readers are new to Germany and read in a second language, so sentences are short, the facts
stand apart from the prose, and every link also appears as a bare URL in the plain text.

The words come from the gettext catalogue `mails` (`api/locales/mails/<language>.po`, English msgid,
declared in `api.notifications.catalogue`): translators change a mail without touching this code. A
language whose catalogue lacks a message borrows it along `api.i18n.fallbacks` (Leichte Sprache →
German → the city's default) and finally gets the English msgid, so a mail never fails for a missing
translation.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.dates import format_date, format_time

from api.i18n import DEFAULT_LANGUAGE, EASY_GERMAN, babel_locale, direction, supported
from api.i18n.catalogues import gettext

DOMAIN = "mails"
RIGHT_TO_LEFT_MARK = "\u200f"


class MailKind(StrEnum):
    confirm_registration = "confirm_registration"
    registration_confirmed = "registration_confirmed"
    waitlisted = "waitlisted"
    seat_offered = "seat_offered"
    registration_cancelled = "registration_cancelled"
    registration_expired = "registration_expired"
    reminder = "reminder"
    event_cancelled = "event_cancelled"
    event_changed = "event_changed"
    event_postponed = "event_postponed"
    event_resumed = "event_resumed"
    group_meeting = "group_meeting"
    links_resent = "links_resent"
    group_application = "group_application"
    membership_decided = "membership_decided"
    membership_withdrawn = "membership_withdrawn"
    staff_invitation = "staff_invitation"
    password_reset = "password_reset"  # noqa: S105 - a kind of mail, not a password
    allocation_decided = "allocation_decided"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def mail_language(preferred: str | None, default: str | None = DEFAULT_LANGUAGE) -> str:
    """The language a mail goes out in: the person's own ("ar-SY" reads "ar") if Teilhabe speaks it,
    else the city's default language (and German should even that be one Teilhabe does not speak)."""
    return supported(preferred) or supported(default) or DEFAULT_LANGUAGE


def translate(language: str, msgid: str, *, default: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """A mail message in `language`, borrowed along its fallbacks to the city's `default` where the
    language's catalogue lacks it, finally the English msgid; `{name}` placeholders filled in."""
    return gettext(DOMAIN, mail_language(language, default), msgid, default=mail_language(default), **params)


def render(
    kind: MailKind, language: str, context: Mapping[str, Any], *, default: str = DEFAULT_LANGUAGE
) -> RenderedMail:
    """The mail of this kind in the person's `language`, or the city's `default` when Teilhabe does not
    speak it. A required key that is missing or empty raises ValueError."""
    ctx = _Context(MailKind(kind), mail_language(language, default), default, context)
    subject, blocks = _BUILDERS[ctx.kind](ctx)
    subject = " ".join(subject.split())  # a line break in a title must not reach the mail header
    return RenderedMail(
        subject=subject, text=plain_text(ctx.language, blocks), html=document(ctx.language, subject, blocks)
    )


# --- Dates and statuses -------------------------------------------------------------------------

# Typography that is no sentence to translate: how a day and a time are joined, and German's "Uhr".
_LIST_COMMA = {"ar": "، ", "fa": "، "}
_CLOCK_SUFFIX = {"de": " Uhr", EASY_GERMAN: " Uhr"}
# 24-hour clock in every language: it is what residents see on every timetable and letter in Germany.
_CLOCK = "HH:mm"

_STATUS_TEXTS = {
    # Registrations
    "pending": "not confirmed yet",
    "confirmed": "confirmed – your place is reserved",
    "waitlisted": "on the waiting list",
    "offered": "a place is free – please confirm",
    "cancelled": "cancelled",
    "expired": "expired, not confirmed in time",
    "attended": "attended",
    "no_show": "did not attend",
    # Group memberships ("waitlisted" and "expired" above serve both)
    "unconfirmed": "not confirmed yet",
    "applied": "application received",
    "member": "member",
    "rejected": "not accepted this time",
    "withdrawn": "withdrawn",
}
STATUS_MSGIDS = tuple(dict.fromkeys(_STATUS_TEXTS.values()))


def format_instant(value: datetime, timezone: str, language: str, default: str = DEFAULT_LANGUAGE) -> str:
    """The instant in words, e.g. "Freitag, 4. Dezember 2026, 12:00 Uhr" or "Friday, 4 December 2026, 12:00"."""
    lang = mail_language(language, default)
    local = _local(value, timezone)
    return f"{_day(local, lang)}{_comma(lang)}{_clock(local, lang)}"


def format_when(
    starts_at: datetime, ends_at: datetime, timezone: str, language: str, default: str = DEFAULT_LANGUAGE
) -> str:
    """E.g. "Sonntag, 6. Dezember 2026, 16:00–18:00 Uhr"; both dates when the event spans days."""
    lang = mail_language(language, default)
    start, end = _local(starts_at, timezone), _local(ends_at, timezone)
    if end <= start:
        raise ValueError("ends_at must be after starts_at")
    day, comma, suffix = _day(start, lang), _comma(lang), _CLOCK_SUFFIX.get(lang, "")
    if end.date() == start.date():
        return f"{day}{comma}{start:%H:%M}–{end:%H:%M}{suffix}"
    if end.date() == start.date() + timedelta(days=1) and (end.hour, end.minute, end.second) == (0, 0, 0):
        return f"{day}{comma}{start:%H:%M}–24:00{suffix}"  # ends at midnight: still one evening
    return f"{day}{comma}{_clock(start, lang)} – {_day(end, lang)}{comma}{_clock(end, lang)}"


def status_text(status: str, language: str, default: str = DEFAULT_LANGUAGE) -> str:
    """A registration or membership status in words, e.g. "auf der Warteliste"."""
    try:
        msgid = _STATUS_TEXTS[str(status)]
    except KeyError:
        raise ValueError(f"unknown status {status!r}") from None
    return translate(language, msgid, default=default)


def _local(value: datetime, timezone: str) -> datetime:
    if value.utcoffset() is None:
        raise ValueError("an aware datetime is needed; a naive one could be in any time zone")
    try:
        return value.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc


def _day(local: datetime, lang: str) -> str:
    # CLDR's full date: "Freitag, 4. Dezember 2026", "Friday, 4 December 2026", "4 Aralık 2026 Cuma".
    return format_date(local.date(), format="full", locale=babel_locale(lang))


def _clock(local: datetime, lang: str) -> str:
    return format_time(local, _CLOCK, locale=babel_locale(lang)) + _CLOCK_SUFFIX.get(lang, "")


def _comma(lang: str) -> str:
    return _LIST_COMMA.get(lang, ", ")


# --- Building blocks ----------------------------------------------------------------------------

_P_STYLE = "margin:0 0 16px;"
_BUTTON_STYLE = (
    "display:inline-block;padding:10px 18px;background:#1d5fa8;color:#ffffff;"
    "text-decoration:none;border-radius:4px;font-weight:bold;"
)
# In right-to-left text, a web or e-mail address or a phone number is a left-to-right island: without
# isolation its dots, slashes and plus signs would be reordered around it.
_LEFT_TO_RIGHT_ISLAND = re.compile(r"(?:https?://[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\+?\d[\d ()/-]{4,}\d)")


class Block(Protocol):
    def text(self) -> str: ...

    def html(self, direction: str = "ltr") -> str: ...


def _html_lines(value: str, direction: str = "ltr") -> str:
    escaped = html.escape(value)
    if direction == "rtl":
        escaped = _LEFT_TO_RIGHT_ISLAND.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', escaped)
    return escaped.replace("\n", "<br>\n")


@dataclass(frozen=True)
class Paragraph:
    content: str

    def text(self) -> str:
        return self.content

    def html(self, direction: str = "ltr") -> str:
        return f'<p style="{_P_STYLE}">{_html_lines(self.content, direction)}</p>'


@dataclass(frozen=True)
class _Facts:
    """Label–value rows, such as when and where."""

    rows: tuple[tuple[str, str], ...]

    def text(self) -> str:
        # Further lines of a value (an address, say) are indented to stay visibly under their label.
        return "\n".join(
            f"{label}: " + value.replace("\n", "\n" + " " * (len(label) + 2)) for label, value in self.rows
        )

    def html(self, direction: str = "ltr") -> str:
        if direction == "rtl":
            # Labels on the right; a value takes its own direction (a German address stays left-to-right).
            th_style, td_attrs = "text-align:right;vertical-align:top;padding:2px 0 2px 16px;", ' dir="auto"'
            table_attrs = ' dir="rtl"'
        else:
            th_style, td_attrs, table_attrs = "text-align:left;vertical-align:top;padding:2px 16px 2px 0;", "", ""
        cells = "\n".join(
            f'<tr><th scope="row" style="{th_style}">{html.escape(label)}</th>'
            f'<td{td_attrs} style="vertical-align:top;padding:2px 0;">{_html_lines(value, direction)}</td></tr>'
            for label, value in self.rows
        )
        return f'<table{table_attrs} style="border-collapse:collapse;margin:0 0 16px;">\n{cells}\n</table>'


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    def text(self) -> str:
        return f"{self.label}:\n{self.url}"  # the bare URL on its own line, so every mail program links it

    def html(self, direction: str = "ltr") -> str:
        href = html.escape(self.url, quote=True)
        return f'<p style="{_P_STYLE}"><a href="{href}" style="{_BUTTON_STYLE}">{html.escape(self.label)}</a></p>'


@dataclass(frozen=True)
class _Box:
    """A framed, titled group of blocks, such as the online access details."""

    title: str
    blocks: tuple[Block, ...]

    def text(self) -> str:
        inner = "\n\n".join(block.text() for block in self.blocks)
        return f"{self.title}\n{'-' * len(self.title)}\n{inner}"

    def html(self, direction: str = "ltr") -> str:
        inner = "\n".join(block.html(direction) for block in self.blocks)
        return (
            '<div style="border:1px solid #b7c4d4;border-radius:6px;padding:16px 16px 0;margin:0 0 16px;">\n'
            f'<h2 style="font-size:17px;margin:0 0 12px;">{html.escape(self.title)}</h2>\n{inner}\n</div>'
        )


def _is_url(line: str) -> bool:
    return line.startswith(("http://", "https://")) and not any(c.isspace() for c in line)


def plain_text(language: str, blocks: Sequence[Block]) -> str:
    """The plain-text body. In a right-to-left language each line starts with a RIGHT-TO-LEFT MARK, so that
    mail programs lay it out right to left even where it begins with a name or a number; a bare URL line
    stays as it is, so that it is linked and copied without an invisible character."""
    text = "\n\n".join(block.text() for block in blocks) + "\n"
    if direction(language) != "rtl":
        return text
    return "\n".join(line if not line or _is_url(line) else RIGHT_TO_LEFT_MARK + line for line in text.split("\n"))


def document(language: str, subject: str, blocks: Sequence[Block]) -> str:
    flow = direction(language)
    # Some mail programs drop the html element's dir: the container says it again, with the alignment.
    dir_attr = f' dir="{flow}"' if flow == "rtl" else ""
    align = "text-align:right;" if flow == "rtl" else ""
    body = "\n".join(block.html(flow) for block in blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}"{dir_attr}>\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(subject)}</title>\n</head>\n"
        '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;'
        'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">\n'
        f'<div{dir_attr} style="max-width:600px;margin:0 auto;padding:16px;{align}">\n{body}\n</div>\n'
        "</body>\n</html>\n"
    )


# --- Context ------------------------------------------------------------------------------------


def _clean(value: Any) -> str | None:
    text = "" if value is None else str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return text or None


def _checked_url(value: str, key: str) -> str:
    # Only web links: a javascript: or data: URL in an href would run in some mail programs.
    parts = urlsplit(value)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in value):
        raise ValueError(f"{key} must be an http(s) URL")
    return value


# Each language's quotation marks around a title or a group's name.
_QUOTES = {
    "de": ("„", "“"),
    EASY_GERMAN: ("„", "“"),
    "en": ("“", "”"),
    "tr": ("“", "”"),
    "ar": ("«", "»"),
    "fa": ("«", "»"),
    "uk": ("«", "»"),
    "ru": ("«", "»"),
}


def quoted(value: str, language: str) -> str:
    """The value in the language's quotation marks: „…“ in German, «…» in Arabic."""
    opening, closing = _QUOTES.get(mail_language(language), _QUOTES["en"])
    return f"{opening}{value}{closing}"


class _Context:
    """The caller's values with the checks and the choice of language every template needs."""

    def __init__(self, kind: MailKind, language: str, default: str, values: Mapping[str, Any]) -> None:
        self.kind, self.language, self.default, self.values = kind, language, default, values

    def t(self, msgid: str, **params: Any) -> str:
        """The message from the `mails` catalogue in the mail's language."""
        return translate(self.language, msgid, default=self.default, **params)

    def quote(self, value: str) -> str:
        return quoted(value, self.language)

    def optional(self, key: str) -> str | None:
        return _clean(self.values.get(key))

    def required(self, key: str) -> str:
        value = self.optional(key)
        if value is None:
            raise ValueError(f"{self.kind}: {key} is required")
        return value

    def url(self, key: str) -> str:
        return _checked_url(self.required(key), key)

    def optional_url(self, key: str) -> str | None:
        value = self.optional(key)
        return None if value is None else _checked_url(value, key)

    def within(self, values: Mapping[str, Any]) -> _Context:
        """The same mail and language, with one group's own values."""
        return _Context(self.kind, self.language, self.default, values)


# --- Shared parts -------------------------------------------------------------------------------


def _greeting(c: _Context) -> Paragraph:
    name = c.optional("person_name")
    return Paragraph(c.t("Hello {name},", name=name) if name else c.t("Hello,"))


def _closing(c: _Context) -> list[Block]:
    blocks: list[Block] = []
    contact = c.optional("org_contact")
    if contact:
        blocks.append(Paragraph(f"{c.t('Any questions? We are happy to help:')}\n{contact}"))
    blocks.append(Paragraph(c.t("Best wishes") + f"\n{c.required('org_name')}"))
    return blocks


def _event_facts(c: _Context, *, where: bool = True, extra: Sequence[tuple[str, str]] = ()) -> _Facts:
    rows = [(c.t("Event"), c.required("event_title"))]
    rows.append((c.t("When"), c.required("event_when")))
    place = c.optional("event_where") if where else None
    if place:
        rows.append((c.t("Where"), place))
    return _Facts((*rows, *extra))


_ACCESS_LABELS = (("meeting_id", "Meeting ID"), ("passcode", "Passcode"), ("dial_in", "Dial-in by phone"))


def _access(c: _Context) -> list[Block]:
    """The online access details, only for those who have a confirmed place."""
    access = c.values.get("access")
    if not access:
        return []
    if not isinstance(access, Mapping):
        raise ValueError(f"{c.kind}: access must be a mapping")
    join_url = _clean(access.get("join_url"))
    rows = tuple((c.t(label), value) for key, label in _ACCESS_LABELS if (value := _clean(access.get(key))))
    if not join_url and not rows:
        return []
    blocks: list[Block] = []
    if join_url:
        blocks.append(Link(c.t("Join online"), _checked_url(join_url, "access.join_url")))
    if rows:
        blocks.append(_Facts(rows))
    blocks.append(Paragraph(c.t("Please do not share these details.")))
    return [_Box(c.t("Access details for joining online"), tuple(blocks))]


def _manage(c: _Context, lead: str | None = None) -> list[Block]:
    """The link to the registration's own page, after a sentence (a msgid) on why one would use it."""
    before: list[Block] = [Paragraph(c.t(lead))] if lead else []
    return [*before, Link(c.t("View or cancel your registration"), c.url("manage_url"))]


def _reason(c: _Context) -> list[Block]:
    reason = c.optional("reason")
    return [Paragraph(c.t("Reason: {reason}", reason=reason))] if reason else []


_CANNOT_COME = "If you cannot come after all, please cancel. Then someone else can have your place."

# --- The mails ----------------------------------------------------------------------------------

_Built = tuple[str, list[Block]]


def _confirm_registration(c: _Context) -> _Built:
    title, hold_until = c.required("event_title"), c.required("hold_until")
    return c.t("Please confirm your registration: {title}", title=title), [
        _greeting(c),
        Paragraph(
            c.t("Thank you for signing up! Please confirm with one click. Only then is your registration valid.")
        ),
        _event_facts(c),
        Paragraph(c.t("Please confirm by {until}. Otherwise, your registration will expire.", until=hold_until)),
        Link(c.t("Confirm registration"), c.url("confirm_url")),
        *_manage(c, "Not coming after all? Please cancel."),
        Paragraph(c.t("If you did not sign up, simply ignore this email.")),
        *_closing(c),
    ]


def _registration_confirmed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Registration confirmed: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("Thank you! Your registration is confirmed. We look forward to seeing you.")),
        _event_facts(c),
        *_access(c),
        *_manage(c, _CANNOT_COME),
        *_closing(c),
    ]


def _waitlisted(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("You are on the waiting list: {title}", title=title), [
        _greeting(c),
        Paragraph(
            c.t(
                "Thank you for signing up! Unfortunately, all places are taken at the moment. "
                "So we have put you on the waiting list."
            )
        ),
        _event_facts(c, where=False),
        Paragraph(c.t("If a place becomes free, we will email you right away. You can then accept it with one click.")),
        *_manage(c, "If you no longer want to wait, you can cancel here."),
        *_closing(c),
    ]


def _seat_offered(c: _Context) -> _Built:
    title, offer_until = c.required("event_title"), c.required("offer_until")
    return c.t("A place is free for you: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("Good news: a place has become free at this event. We are keeping it for you.")),
        _event_facts(c, where=False),
        Paragraph(
            c.t(
                "Please accept it by {until}. After that, it goes to the next person on the waiting list.",
                until=offer_until,
            )
        ),
        Link(c.t("Accept the place"), c.url("confirm_url")),
        *_manage(c, "If you cannot come, please cancel."),
        *_closing(c),
    ]


def _registration_cancelled(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Registration cancelled: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("Your registration for this event has been cancelled.")),
        _event_facts(c, where=False),
        *_reason(c),
        Paragraph(
            c.t(
                "Is this a mistake? Then please get in touch with us. "
                "You are also welcome to sign up again while places are available."
            )
        ),
        *_closing(c),
    ]


def _registration_expired(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Registration expired: {title}", title=title), [
        _greeting(c),
        Paragraph(
            c.t(
                "You did not confirm your registration for {title} in time, so it has now expired.",
                title=c.quote(title),
            )
        ),
        Paragraph(c.t("Would you still like to come? You are welcome to sign up again while places are available.")),
        *_closing(c),
    ]


def _reminder(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Reminder: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("It is almost time! We look forward to seeing you. Here are all the details again.")),
        _event_facts(c),
        *_access(c),
        *_manage(c, _CANNOT_COME),
        *_closing(c),
    ]


def _event_cancelled(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Cancelled: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("Unfortunately, we have to cancel this event. We are very sorry.")),
        _event_facts(c, where=False),
        *_reason(c),
        *_note(c),
        Paragraph(c.t("You do not need to do anything.")),
        *_calendar_follows(c),
        *_closing(c),
    ]


# --- Change notices -----------------------------------------------------------------------------

_ASPECT_LABELS = {"when": "When", "where": "Where"}


def _note(c: _Context) -> list[Block]:
    """The staff's own words to the people told, set apart from the notice's standard text."""
    note = c.optional("note")
    if not note:
        return []
    return [_Box(c.t("A message from us"), (Paragraph(note),))]


def _calendar_follows(c: _Context) -> list[Block]:
    if not c.optional("calendar_attached"):
        return []
    return [Paragraph(c.t("The calendar entry is attached. Open it and your calendar will update the date."))]


def _change_facts(c: _Context) -> _Facts:
    changes = c.values.get("changes") or []
    rows = []
    for change in changes:
        label = c.t(_ASPECT_LABELS[change["aspect"]])
        before, now = _clean(change.get("old")) or "–", _clean(change.get("new")) or "–"
        rows.append((label, c.t("before: {before}\nnow: {now}", before=before, now=now)))
    return _Facts(tuple(rows))


def _event_changed(c: _Context) -> _Built:
    title = c.required("event_title")
    changed: list[Block] = []
    if c.values.get("changes"):
        changed.append(_change_facts(c))
    if c.values.get("access_changed") and c.values.get("access"):
        changed.append(Paragraph(c.t("The online access details are new.")))
    return c.t("Changed: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("we have changed the event {title}. This is what is different now:", title=c.quote(title))),
        *changed,
        *_note(c),
        _event_facts(c),
        *_access(c),
        *_calendar_follows(c),
        *_manage(c, "If you cannot come at the new time, please cancel. Then someone else can have your place."),
        *_closing(c),
    ]


def _event_postponed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("Postponed: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("Unfortunately, we have to postpone this event. It will not take place on the planned date.")),
        _event_facts(c, where=False),
        *_reason(c),
        *_note(c),
        Paragraph(c.t("Your registration stays. As soon as there is a new date, we will write to you.")),
        *_calendar_follows(c),
        *_manage(c),
        *_closing(c),
    ]


def _event_resumed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.t("New date: {title}", title=title), [
        _greeting(c),
        Paragraph(
            c.t(
                "the event {title} is on again. Here is the new date. Your registration still holds.",
                title=c.quote(title),
            )
        ),
        _event_facts(c),
        *_note(c),
        *_access(c),
        *_calendar_follows(c),
        *_manage(c, _CANNOT_COME),
        *_closing(c),
    ]


def _group_meeting(c: _Context) -> _Built:
    group = c.quote(c.required("group_name"))
    sign_up = c.optional("sign_up_needed")
    link = c.t("Sign up now") if sign_up else c.t("See the meeting")
    return c.t("New meeting of the group {group}", group=group), [
        _greeting(c),
        Paragraph(
            c.t("the group {group} is meeting again. You are a member, so we are letting you know.", group=group)
        ),
        _event_facts(c),
        Paragraph(c.t("Please sign up for this meeting.") if sign_up else c.t("You do not need to sign up.")),
        Link(link, c.url("event_url")),
        *_closing(c),
    ]


def _links_resent(c: _Context) -> _Built:
    title = c.required("event_title")
    status = (c.t("Status"), c.required("status_text"))
    confirm_url = c.optional_url("confirm_url")
    confirm: list[Block] = []
    if confirm_url:
        confirm = [Paragraph(c.t("We still need your confirmation.")), Link(c.t("Confirm now"), confirm_url)]
    return c.t("Your registration links: {title}", title=title), [
        _greeting(c),
        Paragraph(c.t("You asked for your registration links. Here they are.")),
        _event_facts(c, where=False, extra=[status]),
        *confirm,
        *_manage(c),
        Paragraph(c.t("If you did not ask for these links, simply ignore this email.")),
        *_closing(c),
    ]


def _group_application(c: _Context) -> _Built:
    groups = c.values.get("groups")
    if not groups or isinstance(groups, str | Mapping) or not isinstance(groups, Sequence):
        raise ValueError(f"{c.kind}: groups must be a non-empty list")
    return c.t("We have received your application"), [
        _greeting(c),
        Paragraph(c.t("Thank you for your interest! We have received your application. Here is where things stand:")),
        *_confirm_application(c),
        *(_group_box(c, group) for group in groups),
        Paragraph(c.t("We will let you know if anything changes.")),
        *_closing(c),
    ]


def _confirm_application(c: _Context) -> list[Block]:
    confirm_url = c.optional_url("confirm_url")
    if not confirm_url:
        return []
    until = c.required("hold_until")
    return [
        Paragraph(
            c.t(
                "Please confirm your application by {until}. Only then does it count. Without confirmation it lapses.",
                until=until,
            )
        ),
        Link(c.t("Confirm your application"), confirm_url),
    ]


def _group_box(c: _Context, group: Mapping[str, Any]) -> _Box:
    group_context = c.within(group)
    label = c.t("View or withdraw your application")
    status = _Facts(((c.t("Status"), group_context.required("status_text")),))
    return _Box(group_context.required("name"), (status, Link(label, group_context.url("manage_url"))))


# Per decision: subject, message, link label (msgids). {group} is the quoted name; a blank line in the
# message starts a new paragraph.
_DECISIONS: dict[str, tuple[str, str, str]] = {
    "member": (
        "Welcome to the group {group}",
        "Good news: you are now a member of the group {group}. Welcome! We look forward to your ideas and experience.",
        "View your membership",
    ),
    "waitlisted": (
        "Waiting list: group {group}",
        "Thank you for your application! Unfortunately, the group {group} is full at the moment. "
        "So we have put you on the waiting list. If a place becomes free, we will get in touch.",
        "View your application",
    ),
    "rejected": (
        "Your application for the group {group}",
        "Thank you for your application and your interest! Unfortunately, we cannot take you into "
        "the group {group} this time. We are sorry.\n\n"
        "There are other ways to take part, for example at our open events. We would be glad to see you there.",
        "View your application",
    ),
}


def _membership_decided(c: _Context) -> _Built:
    status = c.required("status")
    if status not in _DECISIONS:
        raise ValueError(f"{c.kind}: status must be one of {sorted(_DECISIONS)}")
    group = c.quote(c.required("group_name"))
    subject, message, label = (c.t(msgid, group=group) for msgid in _DECISIONS[status])
    paragraphs = [Paragraph(part) for part in message.split("\n\n")]
    return subject, [_greeting(c), *paragraphs, Link(label, c.url("manage_url")), *_closing(c)]


def _membership_withdrawn(c: _Context) -> _Built:
    group = c.quote(c.required("group_name"))
    return c.t("Withdrawal confirmed: group {group}", group=group), [
        _greeting(c),
        Paragraph(
            c.t("You are no longer signed up for the group {group}. Thank you for letting us know.", group=group)
        ),
        Paragraph(c.t("If you would like to take part again, just get in touch with us.")),
        *_closing(c),
    ]


def _staff_invitation(c: _Context) -> _Built:
    org_name, valid_until = c.required("org_name"), c.required("valid_until")
    return c.t("Invitation: your account at {org_name}", org_name=org_name), [
        _greeting(c),
        Paragraph(
            c.t(
                "You are invited to work with the team of {org_name} on its participation process. "
                "We have created an account for you.",
                org_name=org_name,
            )
        ),
        Paragraph(c.t("Please choose your password now. Only then can you log in.")),
        Link(c.t("Choose your password"), c.url("link")),
        Paragraph(c.t("The link is valid until {until} and works only once.", until=valid_until)),
        Paragraph(c.t("If you did not expect an invitation, simply ignore this email.")),
        *_closing(c),
    ]


def _password_reset(c: _Context) -> _Built:
    valid_until = c.required("valid_until")
    return c.t("Choose a new password"), [
        _greeting(c),
        Paragraph(c.t("You asked to choose a new password for your account. You can do so with this link:")),
        Link(c.t("Choose a new password"), c.url("link")),
        Paragraph(c.t("The link is valid until {until} and works only once.", until=valid_until)),
        Paragraph(c.t("If you did not ask for this, simply ignore this email. Your password stays as it is.")),
        *_closing(c),
    ]


def _allocation_decided(c: _Context) -> _Built:
    """After staff accepted an allocation of the places: the person's groups, each with its outcome."""
    groups = c.values.get("groups")
    if not groups or isinstance(groups, str | Mapping) or not isinstance(groups, Sequence):
        raise ValueError(f"{c.kind}: groups must be a non-empty list")
    return c.t("The places in the groups have been allocated"), [
        _greeting(c),
        Paragraph(
            c.t(
                "Thank you for your application! We have allocated the places in the working groups following "
                "everyone's wishes. This is your result:"
            )
        ),
        *(_group_box(c, group) for group in groups),
        Paragraph(c.t("If you are on a waiting list, we will get in touch when a place becomes free.")),
        *_closing(c),
    ]


_BUILDERS: dict[MailKind, Callable[[_Context], _Built]] = {
    MailKind.confirm_registration: _confirm_registration,
    MailKind.registration_confirmed: _registration_confirmed,
    MailKind.waitlisted: _waitlisted,
    MailKind.seat_offered: _seat_offered,
    MailKind.registration_cancelled: _registration_cancelled,
    MailKind.registration_expired: _registration_expired,
    MailKind.reminder: _reminder,
    MailKind.event_cancelled: _event_cancelled,
    MailKind.event_changed: _event_changed,
    MailKind.event_postponed: _event_postponed,
    MailKind.event_resumed: _event_resumed,
    MailKind.group_meeting: _group_meeting,
    MailKind.links_resent: _links_resent,
    MailKind.group_application: _group_application,
    MailKind.membership_decided: _membership_decided,
    MailKind.membership_withdrawn: _membership_withdrawn,
    MailKind.staff_invitation: _staff_invitation,
    MailKind.password_reset: _password_reset,
    MailKind.allocation_decided: _allocation_decided,
}
