"""The demo's residents who already took part: a citizens' dialogue six weeks ago, with the mix of
languages, districts and ways of signing up a city sees, so that the statistics pages show real figures
(and, where a group is small, "< 5").

Names and addresses are made up; the addresses use the reserved domain example.org.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.events.models import Event, EventFormat, EventKind, EventStatus
from api.organizations.models import Organization, PrivacyNotice
from api.participants.models import Channel, Consent, Participant, StakeholderCategory
from api.processes.models import Process
from api.registrations.models import Registration, RegistrationStatus
from api.security import hash_secret_token, link_token

FIRST_NAMES = (
    "Aylin", "Bogdan", "Chiara", "Dmytro", "Elif", "Farid", "Greta", "Hassan", "Irina", "Jelena", "Kübra",
    "Lukas", "Mariam", "Nikola", "Oksana", "Pedro", "Rania", "Sven", "Tamara", "Umut", "Vera", "Walid",
)  # fmt: skip
LAST_NAMES = (
    "Akın", "Bauer", "Chaudhry", "Demirci", "Engel", "Fayad", "Gashi", "Hoffmann", "Ivanenko", "Jovanović",
    "Kaya", "Lange", "Mansour", "Novak", "Osman", "Petrenko", "Rahimi", "Schulz", "Toprak",
)  # fmt: skip
# How many of the 36 people answered each way; the order of each list is the order people are dealt out.
LANGUAGES = (("de", 14), ("ar", 7), ("tr", 6), ("uk", 5), ("en", 4))
DISTRICTS = (("Innenstadt", 10), ("Nordstadt", 9), ("Südviertel", 8), ("Weststadt", 6), ("Am Hafen", 3))
CHANNELS = ((Channel.web, 22), (Channel.phone, 8), (Channel.email, 4), (Channel.on_site, 2))
CATEGORIES = (
    (StakeholderCategory.resident, 24),
    (StakeholderCategory.civil_society, 7),
    (StakeholderCategory.expert, 5),
)
PEOPLE = sum(count for _, count in LANGUAGES)
NO_SHOWS = 7
DAYS_AGO = 45  # older than the calendar feeds' month of the past, younger than any retention period


def _dealt(shares: tuple[tuple[object, int], ...]) -> list[object]:
    return [value for value, count in shares for _ in range(count)]


def _names() -> Iterator[str]:
    for n in range(PEOPLE):
        yield f"{FIRST_NAMES[n % len(FIRST_NAMES)]} {LAST_NAMES[(n * 7) % len(LAST_NAMES)]}"


async def seed_past_dialogue(
    session: AsyncSession, settings: Settings, org: Organization, process: Process, notice: PrivacyNotice, today: date
) -> None:
    tz = ZoneInfo(org.timezone)
    day = today - timedelta(days=DAYS_AGO)
    event = Event(
        organization_id=org.id,
        process_id=process.id,
        title="Bürgerdialog: Zusammenleben im Quartier",
        description="Ein Abend im Stadtteilzentrum: Was läuft gut im Zusammenleben, was fehlt? "
        "Die Ergebnisse gehen in die Bestandsaufnahme ein.",
        kind=EventKind.citizen_dialogue,
        format=EventFormat.in_person,
        timezone=org.timezone,
        starts_at=datetime.combine(day, time(18), tz),
        ends_at=datetime.combine(day, time(20, 30), tz),
        venue_name="Stadtteilzentrum Nordstadt",
        venue_address="Lindenstraße 12, 12345 Musterstadt",
        venue_step_free=True,
        capacity=60,
        seats_taken=PEOPLE,
        languages=["de"],
        interpretation=["ar", "tr", "uk"],
        status=EventStatus.published,
        published_at=datetime.combine(day - timedelta(days=30), time(9), tz),
    )
    session.add(event)
    await session.flush()
    languages, districts = _dealt(LANGUAGES), _dealt(DISTRICTS)
    channels, categories = _dealt(CHANNELS), _dealt(CATEGORIES)
    for n, name in enumerate(_names()):
        signed_up = datetime.combine(day - timedelta(days=21 - (n * 20) // PEOPLE), time(10 + n % 8), tz)
        channel = channels[n]
        by_mail = channel in (Channel.web, Channel.email)
        person = Participant(
            organization_id=org.id,
            full_name=name,
            email=f"demo.{n + 1:02d}@example.org" if by_mail else None,
            phone=None if by_mail else f"0151 4400{n + 1:03d}",
            category=categories[(n * 5) % PEOPLE],
            preferred_language=languages[(n * 11) % PEOPLE],
            district=districts[(n * 13) % PEOPLE],
            created_at=signed_up,
        )
        session.add(person)
        await session.flush()
        session.add(
            Consent(
                organization_id=org.id,
                participant_id=person.id,
                privacy_notice_id=notice.id,
                channel=channel,
                given_at=signed_up,
            )
        )
        registration_id = uuid.uuid4()
        came = n % (PEOPLE // NO_SHOWS) != 0 or n >= NO_SHOWS * (PEOPLE // NO_SHOWS)
        session.add(
            Registration(
                id=registration_id,
                organization_id=org.id,
                event_id=event.id,
                participant_id=person.id,
                status=RegistrationStatus.attended if came else RegistrationStatus.no_show,
                channel=channel,
                manage_token_hash=hash_secret_token(link_token(settings, "registration", registration_id)),
                confirmed_at=signed_up,
                checked_in_at=datetime.combine(day, time(18), tz),
                created_at=signed_up,
            )
        )
