"""Mail texts in German and English, each as plain text and as a small HTML document.

Many readers are new to Germany and read in a second language, so sentences are short, the facts
stand apart from the prose, and every link also appears as a bare URL in the plain text.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


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


def resolve_language(language: str | None) -> str:
    """The mail language for a preference such as "en" or "en-GB"; German for anything else."""
    primary = (language or "").strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in LANGUAGES else DEFAULT_LANGUAGE


def render(kind: MailKind, language: str, context: Mapping[str, Any]) -> RenderedMail:
    """The mail of this kind. A required key that is missing or empty raises ValueError."""
    ctx = _Context(MailKind(kind), resolve_language(language), context)
    subject, blocks = _BUILDERS[ctx.kind](ctx)
    subject = " ".join(subject.split())  # a line break in a title must not reach the mail header
    text = "\n\n".join(block.text() for block in blocks) + "\n"
    return RenderedMail(subject=subject, text=text, html=document(ctx.language, subject, blocks))


# --- Dates and statuses -------------------------------------------------------------------------

_WEEKDAY_NAMES = {
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
_MONTH_NAMES = {
    "de": (
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
_STATUS_TEXTS = {
    # Registrations
    "pending": ("noch nicht bestätigt", "not confirmed yet"),
    "confirmed": ("bestätigt – Ihr Platz ist sicher", "confirmed – your place is reserved"),
    "waitlisted": ("auf der Warteliste", "on the waiting list"),
    "offered": ("ein Platz ist frei – bitte bestätigen", "a place is free – please confirm"),
    "cancelled": ("storniert", "cancelled"),
    "expired": ("verfallen, weil nicht rechtzeitig bestätigt", "expired, not confirmed in time"),
    "attended": ("teilgenommen", "attended"),
    "no_show": ("nicht teilgenommen", "did not attend"),
    # Group memberships ("waitlisted" and "expired" above serve both)
    "unconfirmed": ("noch nicht bestätigt", "not confirmed yet"),
    "applied": ("Bewerbung eingegangen", "application received"),
    "member": ("Mitglied", "member"),
    "rejected": ("leider nicht aufgenommen", "not accepted this time"),
    "withdrawn": ("zurückgezogen", "withdrawn"),
}


def format_instant(value: datetime, timezone: str, language: str) -> str:
    """The instant in words, e.g. "Freitag, 4. Dezember 2026, 12:00 Uhr" or "Friday, 4 December 2026, 12:00"."""
    lang = resolve_language(language)
    local = _local(value, timezone)
    return f"{_day(local, lang)}, {_clock(local, lang)}"


def format_when(starts_at: datetime, ends_at: datetime, timezone: str, language: str) -> str:
    """E.g. "Sonntag, 6. Dezember 2026, 16:00–18:00 Uhr"; both dates when the event spans days."""
    lang = resolve_language(language)
    start, end = _local(starts_at, timezone), _local(ends_at, timezone)
    if end <= start:
        raise ValueError("ends_at must be after starts_at")
    suffix = " Uhr" if lang == "de" else ""
    if end.date() == start.date():
        return f"{_day(start, lang)}, {start:%H:%M}–{end:%H:%M}{suffix}"
    if end.date() == start.date() + timedelta(days=1) and (end.hour, end.minute, end.second) == (0, 0, 0):
        return f"{_day(start, lang)}, {start:%H:%M}–24:00{suffix}"  # ends at midnight: still one evening
    return f"{_day(start, lang)}, {_clock(start, lang)} – {_day(end, lang)}, {_clock(end, lang)}"


def status_text(status: str, language: str) -> str:
    """A registration or membership status in words, e.g. "auf der Warteliste"."""
    try:
        german, english = _STATUS_TEXTS[str(status)]
    except KeyError:
        raise ValueError(f"unknown status {status!r}") from None
    return german if resolve_language(language) == "de" else english


def _local(value: datetime, timezone: str) -> datetime:
    if value.utcoffset() is None:
        raise ValueError("an aware datetime is needed; a naive one could be in any time zone")
    try:
        return value.astimezone(ZoneInfo(timezone))
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone {timezone!r}") from exc


def _day(local: datetime, lang: str) -> str:
    weekday, month = _WEEKDAY_NAMES[lang][local.weekday()], _MONTH_NAMES[lang][local.month - 1]
    if lang == "de":
        return f"{weekday}, {local.day}. {month} {local.year}"
    return f"{weekday}, {local.day} {month} {local.year}"


def _clock(local: datetime, lang: str) -> str:
    return f"{local:%H:%M} Uhr" if lang == "de" else f"{local:%H:%M}"


# --- Building blocks ----------------------------------------------------------------------------

_P_STYLE = "margin:0 0 16px;"
_BUTTON_STYLE = (
    "display:inline-block;padding:10px 18px;background:#1d5fa8;color:#ffffff;"
    "text-decoration:none;border-radius:4px;font-weight:bold;"
)


class Block(Protocol):
    def text(self) -> str: ...

    def html(self) -> str: ...


def _html_lines(value: str) -> str:
    return html.escape(value).replace("\n", "<br>\n")


@dataclass(frozen=True)
class Paragraph:
    content: str

    def text(self) -> str:
        return self.content

    def html(self) -> str:
        return f'<p style="{_P_STYLE}">{_html_lines(self.content)}</p>'


@dataclass(frozen=True)
class _Facts:
    """Label–value rows, such as when and where."""

    rows: tuple[tuple[str, str], ...]

    def text(self) -> str:
        # Further lines of a value (an address, say) are indented to stay visibly under their label.
        return "\n".join(
            f"{label}: " + value.replace("\n", "\n" + " " * (len(label) + 2)) for label, value in self.rows
        )

    def html(self) -> str:
        cells = "\n".join(
            f'<tr><th scope="row" style="text-align:left;vertical-align:top;padding:2px 16px 2px 0;">'
            f'{html.escape(label)}</th><td style="vertical-align:top;padding:2px 0;">{_html_lines(value)}</td></tr>'
            for label, value in self.rows
        )
        return f'<table style="border-collapse:collapse;margin:0 0 16px;">\n{cells}\n</table>'


@dataclass(frozen=True)
class Link:
    label: str
    url: str

    def text(self) -> str:
        return f"{self.label}:\n{self.url}"  # the bare URL on its own line, so every mail program links it

    def html(self) -> str:
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

    def html(self) -> str:
        inner = "\n".join(block.html() for block in self.blocks)
        return (
            '<div style="border:1px solid #b7c4d4;border-radius:6px;padding:16px 16px 0;margin:0 0 16px;">\n'
            f'<h2 style="font-size:17px;margin:0 0 12px;">{html.escape(self.title)}</h2>\n{inner}\n</div>'
        )


def document(language: str, subject: str, blocks: Sequence[Block]) -> str:
    body = "\n".join(block.html() for block in blocks)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{language}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(subject)}</title>\n</head>\n"
        '<body style="margin:0;padding:0;background:#ffffff;color:#1a1a1a;'
        'font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;">\n'
        f'<div style="max-width:600px;margin:0 auto;padding:16px;">\n{body}\n</div>\n</body>\n</html>\n'
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


class _Context:
    """The caller's values with the checks and the choice of language every template needs."""

    def __init__(self, kind: MailKind, language: str, values: Mapping[str, Any]) -> None:
        self.kind, self.language, self.values = kind, language, values

    def tr(self, german: str, english: str) -> str:
        return german if self.language == "de" else english

    def quote(self, value: str) -> str:
        return self.tr(f"„{value}“", f"“{value}”")

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


# --- Shared parts -------------------------------------------------------------------------------


def _greeting(c: _Context) -> Paragraph:
    name = c.optional("person_name")
    return Paragraph(c.tr(f"Hallo {name},", f"Hello {name},") if name else c.tr("Hallo,", "Hello,"))


def _closing(c: _Context) -> list[Block]:
    blocks: list[Block] = []
    contact = c.optional("org_contact")
    if contact:
        lead = c.tr("Haben Sie Fragen? Wir helfen gerne:", "Any questions? We are happy to help:")
        blocks.append(Paragraph(f"{lead}\n{contact}"))
    blocks.append(Paragraph(c.tr("Viele Grüße", "Best wishes") + f"\n{c.required('org_name')}"))
    return blocks


def _event_facts(c: _Context, *, where: bool = True, extra: Sequence[tuple[str, str]] = ()) -> _Facts:
    rows = [(c.tr("Veranstaltung", "Event"), c.required("event_title"))]
    rows.append((c.tr("Wann", "When"), c.required("event_when")))
    place = c.optional("event_where") if where else None
    if place:
        rows.append((c.tr("Wo", "Where"), place))
    return _Facts((*rows, *extra))


_ACCESS_LABELS = (
    ("meeting_id", ("Meeting-ID", "Meeting ID")),
    ("passcode", ("Kenncode", "Passcode")),
    ("dial_in", ("Einwahl per Telefon", "Dial-in by phone")),
)


def _access(c: _Context) -> list[Block]:
    """The online access details, only for those who have a confirmed place."""
    access = c.values.get("access")
    if not access:
        return []
    if not isinstance(access, Mapping):
        raise ValueError(f"{c.kind}: access must be a mapping")
    join_url = _clean(access.get("join_url"))
    rows = tuple((c.tr(*labels), value) for key, labels in _ACCESS_LABELS if (value := _clean(access.get(key))))
    if not join_url and not rows:
        return []
    blocks: list[Block] = []
    if join_url:
        blocks.append(Link(c.tr("Online teilnehmen", "Join online"), _checked_url(join_url, "access.join_url")))
    if rows:
        blocks.append(_Facts(rows))
    blocks.append(Paragraph(c.tr("Bitte geben Sie diese Daten nicht weiter.", "Please do not share these details.")))
    return [_Box(c.tr("Zugangsdaten für die Online-Teilnahme", "Access details for joining online"), tuple(blocks))]


def _manage(c: _Context, german: str | None = None, english: str | None = None) -> list[Block]:
    """The link to the registration's own page, after a sentence on why one would use it."""
    label = c.tr("Anmeldung ansehen oder absagen", "View or cancel your registration")
    lead: list[Block] = [Paragraph(c.tr(german, english))] if german and english else []
    return [*lead, Link(label, c.url("manage_url"))]


def _reason(c: _Context) -> list[Block]:
    reason = c.optional("reason")
    return [Paragraph(c.tr(f"Grund: {reason}", f"Reason: {reason}"))] if reason else []


_CANNOT_COME = (
    "Sie können doch nicht kommen? Bitte sagen Sie ab. Dann bekommt eine andere Person Ihren Platz.",
    "If you cannot come after all, please cancel. Then someone else can have your place.",
)

# --- The mails ----------------------------------------------------------------------------------

_Built = tuple[str, list[Block]]


def _confirm_registration(c: _Context) -> _Built:
    title, hold_until = c.required("event_title"), c.required("hold_until")
    subject = c.tr(f"Bitte bestätigen Sie Ihre Anmeldung: {title}", f"Please confirm your registration: {title}")
    return subject, [
        _greeting(c),
        Paragraph(
            c.tr(
                "vielen Dank für Ihre Anmeldung! Bitte bestätigen Sie sie noch mit einem Klick. "
                "Erst dann ist Ihre Anmeldung gültig.",
                "Thank you for signing up! Please confirm with one click. Only then is your registration valid.",
            )
        ),
        _event_facts(c),
        Paragraph(
            c.tr(
                f"Bitte bestätigen Sie bis {hold_until}. Sonst verfällt Ihre Anmeldung.",
                f"Please confirm by {hold_until}. Otherwise, your registration will expire.",
            )
        ),
        Link(c.tr("Anmeldung bestätigen", "Confirm registration"), c.url("confirm_url")),
        *_manage(c, "Sie möchten doch nicht kommen? Dann sagen Sie bitte ab.", "Not coming after all? Please cancel."),
        Paragraph(
            c.tr(
                "Sie haben sich nicht angemeldet? Dann ignorieren Sie diese E-Mail einfach.",
                "If you did not sign up, simply ignore this email.",
            )
        ),
        *_closing(c),
    ]


def _registration_confirmed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Anmeldung bestätigt: {title}", f"Registration confirmed: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "vielen Dank! Ihre Anmeldung ist bestätigt. Wir freuen uns auf Sie.",
                "Thank you! Your registration is confirmed. We look forward to seeing you.",
            )
        ),
        _event_facts(c),
        *_access(c),
        *_manage(c, *_CANNOT_COME),
        *_closing(c),
    ]


def _waitlisted(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Sie stehen auf der Warteliste: {title}", f"You are on the waiting list: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "vielen Dank für Ihre Anmeldung! Leider sind im Moment alle Plätze vergeben. "
                "Deshalb stehen Sie jetzt auf der Warteliste.",
                "Thank you for signing up! Unfortunately, all places are taken at the moment. "
                "So we have put you on the waiting list.",
            )
        ),
        _event_facts(c, where=False),
        Paragraph(
            c.tr(
                "Wird ein Platz frei, schreiben wir Ihnen sofort. Dann können Sie den Platz mit einem Klick annehmen.",
                "If a place becomes free, we will email you right away. You can then accept it with one click.",
            )
        ),
        *_manage(
            c,
            "Sie möchten nicht mehr warten? Dann können Sie hier absagen.",
            "If you no longer want to wait, you can cancel here.",
        ),
        *_closing(c),
    ]


def _seat_offered(c: _Context) -> _Built:
    title, offer_until = c.required("event_title"), c.required("offer_until")
    return c.tr(f"Ein Platz ist frei für Sie: {title}", f"A place is free for you: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "gute Nachricht: Bei dieser Veranstaltung ist ein Platz frei geworden. Wir halten ihn für Sie bereit.",
                "Good news: a place has become free at this event. We are keeping it for you.",
            )
        ),
        _event_facts(c, where=False),
        Paragraph(
            c.tr(
                f"Bitte nehmen Sie den Platz bis {offer_until} an. "
                "Danach bekommt ihn die nächste Person auf der Warteliste.",
                f"Please accept it by {offer_until}. After that, it goes to the next person on the waiting list.",
            )
        ),
        Link(c.tr("Platz annehmen", "Accept the place"), c.url("confirm_url")),
        *_manage(c, "Sie können doch nicht kommen? Dann sagen Sie bitte ab.", "If you cannot come, please cancel."),
        *_closing(c),
    ]


def _registration_cancelled(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Anmeldung storniert: {title}", f"Registration cancelled: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "Ihre Anmeldung für diese Veranstaltung ist storniert.",
                "Your registration for this event has been cancelled.",
            )
        ),
        _event_facts(c, where=False),
        *_reason(c),
        Paragraph(
            c.tr(
                "Ist das ein Irrtum? Dann melden Sie sich bitte bei uns. "
                "Sie können sich auch gerne wieder anmelden, solange es freie Plätze gibt.",
                "Is this a mistake? Then please get in touch with us. "
                "You are also welcome to sign up again while places are available.",
            )
        ),
        *_closing(c),
    ]


def _registration_expired(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Anmeldung verfallen: {title}", f"Registration expired: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"Sie haben Ihre Anmeldung für {c.quote(title)} nicht rechtzeitig bestätigt. "
                "Deshalb ist sie jetzt verfallen.",
                f"You did not confirm your registration for {c.quote(title)} in time, so it has now expired.",
            )
        ),
        Paragraph(
            c.tr(
                "Sie möchten trotzdem kommen? Dann melden Sie sich gerne noch einmal an, solange es freie Plätze gibt.",
                "Would you still like to come? You are welcome to sign up again while places are available.",
            )
        ),
        *_closing(c),
    ]


def _reminder(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Erinnerung: {title}", f"Reminder: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "bald ist es so weit! Wir freuen uns auf Sie. Hier sind noch einmal alle Angaben.",
                "It is almost time! We look forward to seeing you. Here are all the details again.",
            )
        ),
        _event_facts(c),
        *_access(c),
        *_manage(c, *_CANNOT_COME),
        *_closing(c),
    ]


def _event_cancelled(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Abgesagt: {title}", f"Cancelled: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "leider müssen wir diese Veranstaltung absagen. Das tut uns sehr leid.",
                "Unfortunately, we have to cancel this event. We are very sorry.",
            )
        ),
        _event_facts(c, where=False),
        *_reason(c),
        *_note(c),
        Paragraph(c.tr("Sie müssen nichts weiter tun.", "You do not need to do anything.")),
        *_calendar_follows(c),
        *_closing(c),
    ]


# --- Change notices -----------------------------------------------------------------------------

_ASPECT_LABELS = {"when": ("Wann", "When"), "where": ("Wo", "Where")}


def _note(c: _Context) -> list[Block]:
    """The staff's own words to the people told, set apart from the notice's standard text."""
    note = c.optional("note")
    if not note:
        return []
    return [_Box(c.tr("Eine Nachricht von uns", "A message from us"), (Paragraph(note),))]


def _calendar_follows(c: _Context) -> list[Block]:
    if not c.optional("calendar_attached"):
        return []
    return [
        Paragraph(
            c.tr(
                "Im Anhang ist der Kalendereintrag. Öffnen Sie ihn, dann ändert Ihr Kalender den Termin.",
                "The calendar entry is attached. Open it and your calendar will update the date.",
            )
        )
    ]


def _change_facts(c: _Context) -> _Facts:
    changes = c.values.get("changes") or []
    rows = []
    for change in changes:
        label = c.tr(*_ASPECT_LABELS[change["aspect"]])
        before, now = _clean(change.get("old")) or "–", _clean(change.get("new")) or "–"
        rows.append((label, c.tr(f"bisher: {before}\nneu: {now}", f"before: {before}\nnow: {now}")))
    return _Facts(tuple(rows))


def _event_changed(c: _Context) -> _Built:
    title = c.required("event_title")
    changed: list[Block] = []
    if c.values.get("changes"):
        changed.append(_change_facts(c))
    if c.values.get("access_changed") and c.values.get("access"):
        changed.append(
            Paragraph(c.tr("Die Zugangsdaten für die Online-Teilnahme sind neu.", "The online access details are new."))
        )
    return c.tr(f"Geändert: {title}", f"Changed: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"wir haben die Veranstaltung {c.quote(title)} geändert. Das ist jetzt anders:",
                f"we have changed the event {c.quote(title)}. This is what is different now:",
            )
        ),
        *changed,
        *_note(c),
        _event_facts(c),
        *_access(c),
        *_calendar_follows(c),
        *_manage(
            c,
            "Sie können zum neuen Termin nicht kommen? Bitte sagen Sie ab. "
            "Dann bekommt eine andere Person Ihren Platz.",
            "If you cannot come at the new time, please cancel. Then someone else can have your place.",
        ),
        *_closing(c),
    ]


def _event_postponed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Verschoben: {title}", f"Postponed: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "leider müssen wir diese Veranstaltung verschieben. Sie findet nicht zum geplanten Termin statt.",
                "Unfortunately, we have to postpone this event. It will not take place on the planned date.",
            )
        ),
        _event_facts(c, where=False),
        *_reason(c),
        *_note(c),
        Paragraph(
            c.tr(
                "Ihre Anmeldung bleibt bestehen. Sobald der neue Termin feststeht, schreiben wir Ihnen.",
                "Your registration stays. As soon as there is a new date, we will write to you.",
            )
        ),
        *_calendar_follows(c),
        *_manage(c),
        *_closing(c),
    ]


def _event_resumed(c: _Context) -> _Built:
    title = c.required("event_title")
    return c.tr(f"Neuer Termin: {title}", f"New date: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"die Veranstaltung {c.quote(title)} findet jetzt statt. Hier ist der neue Termin. "
                "Ihre Anmeldung gilt weiter.",
                f"the event {c.quote(title)} is on again. Here is the new date. Your registration still holds.",
            )
        ),
        _event_facts(c),
        *_note(c),
        *_access(c),
        *_calendar_follows(c),
        *_manage(c, *_CANNOT_COME),
        *_closing(c),
    ]


def _group_meeting(c: _Context) -> _Built:
    group = c.quote(c.required("group_name"))
    sign_up = c.optional("sign_up_needed")
    link = c.tr("Jetzt anmelden", "Sign up now") if sign_up else c.tr("Zur Veranstaltung", "See the meeting")
    return c.tr(f"Neues Treffen der Gruppe {group}", f"New meeting of the group {group}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"die Gruppe {group} trifft sich wieder. Sie sind Mitglied, deshalb sagen wir Ihnen Bescheid.",
                f"the group {group} is meeting again. You are a member, so we are letting you know.",
            )
        ),
        _event_facts(c),
        Paragraph(c.tr("Für dieses Treffen ist eine Anmeldung nötig.", "Please sign up for this meeting."))
        if sign_up
        else Paragraph(c.tr("Eine Anmeldung ist nicht nötig.", "You do not need to sign up.")),
        Link(link, c.url("event_url")),
        *_closing(c),
    ]


def _links_resent(c: _Context) -> _Built:
    title = c.required("event_title")
    status = (c.tr("Status", "Status"), c.required("status_text"))
    confirm_url = c.optional_url("confirm_url")
    confirm: list[Block] = []
    if confirm_url:
        confirm = [
            Paragraph(c.tr("Wir brauchen noch Ihre Bestätigung.", "We still need your confirmation.")),
            Link(c.tr("Jetzt bestätigen", "Confirm now"), confirm_url),
        ]
    return c.tr(f"Ihre Links zur Anmeldung: {title}", f"Your registration links: {title}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "Sie haben Ihre Links zur Anmeldung angefordert. Hier sind sie.",
                "You asked for your registration links. Here they are.",
            )
        ),
        _event_facts(c, where=False, extra=[status]),
        *confirm,
        *_manage(c),
        Paragraph(
            c.tr(
                "Sie haben keine Links angefordert? Dann ignorieren Sie diese E-Mail einfach.",
                "If you did not ask for these links, simply ignore this email.",
            )
        ),
        *_closing(c),
    ]


def _group_application(c: _Context) -> _Built:
    groups = c.values.get("groups")
    if not groups or isinstance(groups, str | Mapping) or not isinstance(groups, Sequence):
        raise ValueError(f"{c.kind}: groups must be a non-empty list")
    return c.tr("Ihre Bewerbung ist angekommen", "We have received your application"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "vielen Dank für Ihr Interesse! Ihre Bewerbung ist bei uns angekommen. "
                "Hier sehen Sie den aktuellen Stand:",
                "Thank you for your interest! We have received your application. Here is where things stand:",
            )
        ),
        *_confirm_application(c),
        *(_group_box(c, group) for group in groups),
        Paragraph(c.tr("Wir melden uns, wenn sich etwas ändert.", "We will let you know if anything changes.")),
        *_closing(c),
    ]


def _confirm_application(c: _Context) -> list[Block]:
    confirm_url = c.optional_url("confirm_url")
    if not confirm_url:
        return []
    until = c.required("hold_until")
    return [
        Paragraph(
            c.tr(
                f"Bitte bestätigen Sie Ihre Bewerbung bis {until}. Erst dann gilt sie. Ohne Bestätigung verfällt sie.",
                f"Please confirm your application by {until}. Only then does it count. Without confirmation it lapses.",
            )
        ),
        Link(c.tr("Bewerbung bestätigen", "Confirm your application"), confirm_url),
    ]


def _group_box(c: _Context, group: Mapping[str, Any]) -> _Box:
    group_context = _Context(c.kind, c.language, group)
    label = c.tr("Bewerbung ansehen oder zurückziehen", "View or withdraw your application")
    status = _Facts(((c.tr("Status", "Status"), group_context.required("status_text")),))
    return _Box(group_context.required("name"), (status, Link(label, group_context.url("manage_url"))))


# Per decision: subject, message, link label (German, then English). {group} is the quoted name.
_DECISIONS: dict[str, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    "member": (
        ("Willkommen in der Gruppe {group}", "Welcome to the group {group}"),
        (
            "schöne Nachricht: Sie sind jetzt Mitglied der Gruppe {group}. Herzlich willkommen! "
            "Wir freuen uns auf Ihre Ideen und Erfahrungen.",
            "Good news: you are now a member of the group {group}. Welcome! "
            "We look forward to your ideas and experience.",
        ),
        ("Mitgliedschaft ansehen", "View your membership"),
    ),
    "waitlisted": (
        ("Warteliste: Gruppe {group}", "Waiting list: group {group}"),
        (
            "vielen Dank für Ihre Bewerbung! Die Gruppe {group} ist im Moment leider voll. "
            "Deshalb stehen Sie jetzt auf der Warteliste. Wird ein Platz frei, melden wir uns bei Ihnen.",
            "Thank you for your application! Unfortunately, the group {group} is full at the moment. "
            "So we have put you on the waiting list. If a place becomes free, we will get in touch.",
        ),
        ("Bewerbung ansehen", "View your application"),
    ),
    "rejected": (
        ("Ihre Bewerbung für die Gruppe {group}", "Your application for the group {group}"),
        (
            "vielen Dank für Ihre Bewerbung und Ihr Interesse! Leider können wir Sie dieses Mal "
            "nicht in die Gruppe {group} aufnehmen. Das tut uns leid.\n\n"
            "Es gibt noch andere Wege mitzumachen, zum Beispiel bei unseren offenen Veranstaltungen. "
            "Wir freuen uns, wenn Sie dabei sind.",
            "Thank you for your application and your interest! Unfortunately, we cannot take you into "
            "the group {group} this time. We are sorry.\n\n"
            "There are other ways to take part, for example at our open events. We would be glad to see you there.",
        ),
        ("Bewerbung ansehen", "View your application"),
    ),
}


def _membership_decided(c: _Context) -> _Built:
    status = c.required("status")
    if status not in _DECISIONS:
        raise ValueError(f"{c.kind}: status must be one of {sorted(_DECISIONS)}")
    subject, message, label = (
        c.tr(*pair).format(group=c.quote(c.required("group_name"))) for pair in _DECISIONS[status]
    )
    paragraphs = [Paragraph(part) for part in message.split("\n\n")]
    return subject, [_greeting(c), *paragraphs, Link(label, c.url("manage_url")), *_closing(c)]


def _membership_withdrawn(c: _Context) -> _Built:
    group = c.quote(c.required("group_name"))
    return c.tr(f"Abmeldung bestätigt: Gruppe {group}", f"Withdrawal confirmed: group {group}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"Sie sind jetzt nicht mehr für die Gruppe {group} angemeldet. "
                "Danke, dass Sie uns Bescheid gegeben haben.",
                f"You are no longer signed up for the group {group}. Thank you for letting us know.",
            )
        ),
        Paragraph(
            c.tr(
                "Sie möchten doch wieder mitmachen? Dann melden Sie sich gerne bei uns.",
                "If you would like to take part again, just get in touch with us.",
            )
        ),
        *_closing(c),
    ]


def _staff_invitation(c: _Context) -> _Built:
    org_name, valid_until = c.required("org_name"), c.required("valid_until")
    return c.tr(f"Einladung: Ihr Zugang für {org_name}", f"Invitation: your account at {org_name}"), [
        _greeting(c),
        Paragraph(
            c.tr(
                f"Sie sind eingeladen, im Team von {org_name} bei der Bürgerbeteiligung mitzuarbeiten. "
                "Dafür haben wir ein Konto für Sie angelegt.",
                f"You are invited to work with the team of {org_name} on its participation process. "
                "We have created an account for you.",
            )
        ),
        Paragraph(
            c.tr(
                "Bitte legen Sie jetzt Ihr Passwort fest. Erst dann können Sie sich anmelden.",
                "Please choose your password now. Only then can you log in.",
            )
        ),
        Link(c.tr("Passwort festlegen", "Choose your password"), c.url("link")),
        Paragraph(
            c.tr(
                f"Der Link gilt bis {valid_until} und nur ein Mal.",
                f"The link is valid until {valid_until} and works only once.",
            )
        ),
        Paragraph(
            c.tr(
                "Sie haben keine Einladung erwartet? Dann ignorieren Sie diese E-Mail einfach.",
                "If you did not expect an invitation, simply ignore this email.",
            )
        ),
        *_closing(c),
    ]


def _password_reset(c: _Context) -> _Built:
    valid_until = c.required("valid_until")
    return c.tr("Neues Passwort festlegen", "Choose a new password"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "Sie möchten ein neues Passwort für Ihr Konto festlegen. Das geht mit diesem Link:",
                "You asked to choose a new password for your account. You can do so with this link:",
            )
        ),
        Link(c.tr("Neues Passwort festlegen", "Choose a new password"), c.url("link")),
        Paragraph(
            c.tr(
                f"Der Link gilt bis {valid_until} und nur ein Mal.",
                f"The link is valid until {valid_until} and works only once.",
            )
        ),
        Paragraph(
            c.tr(
                "Sie haben das nicht angefordert? Dann ignorieren Sie diese E-Mail einfach. "
                "Ihr Passwort bleibt, wie es ist.",
                "If you did not ask for this, simply ignore this email. Your password stays as it is.",
            )
        ),
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
}


def _allocation_decided(c: _Context) -> _Built:
    """After staff accepted an allocation of the places: the person's groups, each with its outcome."""
    groups = c.values.get("groups")
    if not groups or isinstance(groups, str | Mapping) or not isinstance(groups, Sequence):
        raise ValueError(f"{c.kind}: groups must be a non-empty list")
    return c.tr("Die Plätze in den Gruppen sind vergeben", "The places in the groups have been allocated"), [
        _greeting(c),
        Paragraph(
            c.tr(
                "vielen Dank für Ihre Bewerbung! Wir haben die Plätze in den Arbeitsgruppen nach den Wünschen "
                "aller Bewerberinnen und Bewerber verteilt. Das ist Ihr Ergebnis:",
                "Thank you for your application! We have allocated the places in the working groups following "
                "everyone's wishes. This is your result:",
            )
        ),
        *(_group_box(c, group) for group in groups),
        Paragraph(
            c.tr(
                "Stehen Sie auf einer Warteliste, melden wir uns, wenn ein Platz frei wird.",
                "If you are on a waiting list, we will get in touch when a place becomes free.",
            )
        ),
        *_closing(c),
    ]


_BUILDERS[MailKind.allocation_decided] = _allocation_decided
