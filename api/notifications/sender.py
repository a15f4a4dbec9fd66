"""Mail transports: SMTP for real, capture for development (the outbox row is the captured copy)."""

from __future__ import annotations

import re
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Protocol

import aiosmtplib

from api.config import Settings
from api.notifications.models import OutboxMessage

# Every HTML body we write starts so (api.notifications.templates.document): the mail's language is there,
# and the outbox needs no column of its own for it.
_HTML_LANGUAGE = re.compile(r'\A<!DOCTYPE html>\s*<html lang="([A-Za-z0-9-]{2,35})"')


class MailTransport(Protocol):
    async def send(self, message: OutboxMessage) -> None: ...


class SendFailed(Exception):
    """Sending did not work; `permanent` when retrying cannot help (the address was refused)."""

    def __init__(self, reason: str, *, permanent: bool = False, bounced: bool = False) -> None:
        super().__init__(reason)
        self.permanent = permanent or bounced
        self.bounced = bounced  # the receiving server refused the address itself


def build_email(settings: Settings, message: OutboxMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = settings.mail_from
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    # The outbox id makes the Message-ID: should a retry ever send a mail twice, mail programs
    # can tell it is the same message.
    email["Message-ID"] = make_msgid(idstring=str(message.id), domain="teilhabe")
    email.set_content(message.body_text)
    email.add_alternative(message.body_html, subtype="html")
    for attachment in message.attachments or []:
        maintype, subtype = attachment["content_type"].split("/", 1)
        email.add_attachment(
            attachment["content"].encode(), maintype=maintype, subtype=subtype, filename=attachment["filename"]
        )
    language = _HTML_LANGUAGE.match(message.body_html or "")
    if language:
        # RFC 3282: mail programs offer translation, pick a voice for reading aloud, and filters can sort by it.
        # Set last: making the message multipart moves the Content-* headers set before into its first part.
        email["Content-Language"] = language.group(1)
    return email


class SmtpTransport:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    async def send(self, message: OutboxMessage) -> None:
        settings = self.settings
        try:
            await aiosmtplib.send(
                build_email(settings, message),
                hostname=settings.smtp_host,
                port=settings.smtp_port,
                username=settings.smtp_username,
                password=settings.smtp_password,
                use_tls=settings.smtp_security == "tls",
                start_tls=settings.smtp_security == "starttls",
                timeout=settings.smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            # A 4xx at RCPT (greylisting, a full mailbox) is worth another try; only 5xx is final.
            codes = sorted({refused.code for refused in exc.recipients})
            permanent = bool(codes) and all(500 <= code < 600 for code in codes)
            reason = f"recipient refused (SMTP {', '.join(map(str, codes))})" if codes else "recipient refused"
            raise SendFailed(reason, bounced=permanent) from exc
        except aiosmtplib.SMTPResponseException as exc:
            # Only the code: the server's text may quote the address.
            raise SendFailed(f"SMTP {exc.code}", permanent=500 <= exc.code < 600 and exc.code != 554) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise SendFailed(type(exc).__name__) from exc


class CaptureTransport:
    """Development: nothing leaves the machine; staff read the mails at /api/v1/dev/mails."""

    async def send(self, message: OutboxMessage) -> None:
        return None


def make_transport(settings: Settings) -> MailTransport:
    return SmtpTransport(settings) if settings.mail_transport == "smtp" else CaptureTransport()
