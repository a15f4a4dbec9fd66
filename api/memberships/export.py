"""CSV lists of a group's members and applicants for staff."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from api.memberships.models import Membership
from api.registrations.export import excel_cell, local_time


def memberships_csv(rows: Sequence[Membership], tz_name: str) -> str:
    tz = ZoneInfo(tz_name)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(
        [
            "Name",
            "E-Mail",
            "Telefon",
            "Organisation",
            "Kategorie",
            "Sprache",
            "Status",
            "Rolle",
            "Präferenz",
            "Kanal",
            "Angemeldet am",
        ]
    )
    for membership in rows:
        person = membership.participant
        writer.writerow(
            [
                excel_cell(value)
                for value in (
                    person.full_name,
                    person.email,
                    person.phone,
                    person.affiliation,
                    person.category,
                    person.preferred_language,
                    membership.status,
                    membership.role,
                    membership.preference_rank,
                    membership.channel,
                    local_time(membership.created_at, tz),
                )
            ]
        )
    return buffer.getvalue()
