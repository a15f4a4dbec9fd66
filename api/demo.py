"""Demo data modelled on real processes (see shared seeds): Musterstadt and a second city, Beispielhausen.

Dates are relative to the day of seeding, so the demo always shows upcoming events.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.config import Settings
from api.db import make_engine, make_sessionmaker, utcnow
from api.demo_reach import seed_past_dialogue
from api.demo_translations import translate_demo
from api.events.models import Event, EventFormat, EventKind, EventStatus
from api.groups.models import GroupKind, GroupStatus, MembershipMode, ThematicGroup
from api.memberships.models import Membership, MembershipRole, MembershipStatus
from api.organizations.models import Organization, PrivacyNotice
from api.participants.models import Channel, Participant, StakeholderCategory
from api.processes.models import ConceptKind, Phase, Process, ProcessStatus
from api.security import hash_secret_token, link_token
from api.staff import administration as staff
from api.staff.models import StaffRole

DEMO_ADMIN_EMAIL = "admin@musterstadt.example"
DEMO_ADMIN_PASSWORD = "musterstadt-demo-2026"
SECOND_ADMIN_EMAIL = "admin@beispielhausen.example"
# The platform operator of the demo: creates and switches off cities; holds no role in Musterstadt.
DEMO_OPERATOR_EMAIL = "betrieb@musterstadt.example"
TZ = ZoneInfo("Europe/Berlin")

WORKING_GROUPS = [
    (
        "bildung",
        "AG Bildung",
        "Bildung",
        "Kita, Schule, Übergang Schule–Beruf, Elternarbeit.",
        "Berufsbildende Schule I, Blauer Salon",
        "Schulstraße 4, 12345 Musterstadt",
    ),
    (
        "arbeit",
        "AG Arbeit",
        "Arbeit",
        "Anerkennung von Abschlüssen, Ausbildung, Arbeitsmarkt, Selbständigkeit.",
        "Agentur für Arbeit, BIZ",
        "Bahnhofstraße 10, 12345 Musterstadt",
    ),
    (
        "soziales-gesundheit-wohnen",
        "AG Soziales, Gesundheit und Wohnen",
        "Soziales, Gesundheit und Wohnen",
        "Gesundheitsversorgung, Beratung, Wohnraumversorgung und Nachbarschaft.",
        "Rathaus, Sitzungszimmer 20. OG",
        "Marktplatz 1, 12345 Musterstadt",
    ),
    (
        "gesellschaftliche-teilhabe",
        "AG Gesellschaftliche Teilhabe",
        "Gesellschaftliche Teilhabe",
        "Ehrenamt, Vereine, politische Partizipation, Begegnung.",
        "Villa Jaenisch",
        "Parkstraße 2, 12345 Musterstadt",
    ),
    (
        "interkulturelle-oeffnung",
        "AG Interkulturelle Öffnung der Verwaltung",
        "Interkulturelle Öffnung der Verwaltung",
        "Mehrsprachige Information, Personalentwicklung, diskriminierungsfreie Verwaltung.",
        "Stadtteilzentrum P90",
        "Pariser Straße 90, 12345 Musterstadt",
    ),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


async def seed_demo(settings: Settings) -> bool:
    """Loads the demo once; returns False when it is there already."""
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            if await session.scalar(select(Organization.id).where(Organization.slug == "musterstadt")):
                return False
            await _seed(session, settings, utcnow().astimezone(TZ).date())
            await session.commit()
            return True
    finally:
        await engine.dispose()


async def create_admin(settings: Settings, org_slug: str, email: str, name: str, password: str) -> None:
    engine = make_engine(settings.database_url)
    try:
        async with make_sessionmaker(engine)() as session:
            organization = await session.scalar(select(Organization).where(Organization.slug == org_slug))
            if organization is None:
                raise SystemExit(f"no organization with slug {org_slug!r}")
            await staff.create_staff_user(session, organization, email=email, full_name=name, password=password)
            await session.commit()
    finally:
        await engine.dispose()


PRIVACY_NOTICE = (
    "Die Stadt verarbeitet Ihre Angaben (Name, Kontakt, Antworten) nur, um Ihre Anmeldung zu Veranstaltungen "
    "und Arbeitsgruppen des Integrationskonzepts zu verwalten und Sie dazu zu informieren. Rechtsgrundlage ist "
    "Ihre Einwilligung (Art. 6 Abs. 1 lit. a DSGVO). Sie können Auskunft, Berichtigung und Löschung verlangen "
    "und Ihre Einwilligung jederzeit widerrufen. Die Daten werden sechs Monate nach Ende der Prozessphase gelöscht."
)
SIGN_UP_QUESTIONS = [
    {
        "id": "interpretation",
        "label": "Brauchen Sie eine Übersetzung? In welche Sprache?",
        "kind": "choice",
        "required": False,
        "options": ["Englisch", "Arabisch", "Türkisch", "Ukrainisch"],
        "max_length": 500,
    },
    {
        "id": "accessibility",
        "label": "Was brauchen Sie, um gut teilnehmen zu können (Barrierefreiheit)?",
        "kind": "text",
        "required": False,
        "options": [],
        "max_length": 500,
    },
]


CHILDCARE_QUESTION = {
    "id": "childcare",
    "label": "Bringen Sie Kinder mit, die betreut werden sollen?",
    "kind": "yes_no",
    "required": True,
    "options": [],
    "max_length": 500,
}


# The steering group is appointed by the city: who sits on it, for what, and in which role.
STEERING_GROUP = [
    ("Dr. Katrin Berger", "Bürgermeisterin", StakeholderCategory.politics, MembershipRole.lead, "de"),
    ("Ahmad Rahimi", "Integrationsbeirat, Vorsitz", StakeholderCategory.civil_society, MembershipRole.deputy, "de"),
    ("Susanne Vogt", "Amt für Integration, Leitung", StakeholderCategory.administration, MembershipRole.member, "de"),
    ("Mehmet Yıldız", "Jobcenter Musterstadt", StakeholderCategory.administration, MembershipRole.member, "tr"),
    (
        "Olena Kovalenko",
        "Migrationsberatung der Caritas",
        StakeholderCategory.civil_society,
        MembershipRole.member,
        "uk",
    ),
    ("Thomas Albrecht", "Staatliches Schulamt", StakeholderCategory.administration, MembershipRole.member, "de"),
    ("Fatou Diallo", "Jugendmigrationsdienst", StakeholderCategory.expert, MembershipRole.member, "fr"),
]


def _appoint_steering_group(
    session: AsyncSession, settings: Settings, org: Organization, group: ThematicGroup, now: datetime
) -> None:
    """Members entered by the city's staff, as the console does for an appointed group."""
    for full_name, affiliation, category, role, language in STEERING_GROUP:
        person = Participant(
            organization_id=org.id,
            full_name=full_name,
            email=None,
            phone=None,
            affiliation=affiliation,
            category=category,
            preferred_language=language,
        )
        session.add(person)
        membership_id = uuid.uuid4()
        session.add(
            Membership(
                id=membership_id,
                organization_id=org.id,
                group_id=group.id,
                participant=person,
                status=MembershipStatus.member,
                role=role,
                channel=Channel.staff,
                manage_token_hash=hash_secret_token(link_token(settings, "membership", membership_id)),
                decided_at=now,
            )
        )
    group.places_taken = len(STEERING_GROUP)


async def _seed(session: AsyncSession, settings: Settings, today: date) -> None:
    musterstadt = Organization(
        slug="musterstadt",
        name="Stadt Musterstadt",
        office_name="Amt für Integration und Migration",
        contact_email="integration@musterstadt.example",
        contact_phone="0123 507-3772",
        address="Marktplatz 1, 12345 Musterstadt",
        website="https://www.musterstadt.example/integration",
        timezone="Europe/Berlin",
        default_language="de",
        cors_origins=[],
        # Asked (optionally) at sign-up, so the reach can be told per district (statistics).
        districts=["Innenstadt", "Nordstadt", "Südviertel", "Weststadt", "Am Hafen"],
    )
    session.add(musterstadt)
    await session.flush()
    session.add(
        PrivacyNotice(
            organization_id=musterstadt.id,
            version=1,
            text=PRIVACY_NOTICE,
            url="https://www.musterstadt.example/datenschutz",
        )
    )
    await _seed_musterstadt(session, settings, musterstadt, today)
    await staff.create_staff_user(
        session,
        musterstadt,
        email=DEMO_ADMIN_EMAIL,
        full_name="Demo-Admin Musterstadt",
        password=DEMO_ADMIN_PASSWORD,
    )
    operator = await staff.create_staff_user(
        session,
        musterstadt,
        email=DEMO_OPERATOR_EMAIL,
        full_name="Plattform-Betrieb",
        password=DEMO_ADMIN_PASSWORD,
        role=None,
    )
    operator.is_operator = True

    beispielhausen = Organization(
        slug="beispielhausen",
        name="Stadt Beispielhausen",
        office_name="Integrationsbeauftragte",
        contact_email="integration@beispielhausen.example",
        contact_phone="0631 365-1121",
        address="Willy-Brandt-Platz 1, 67657 Beispielhausen",
        timezone="Europe/Berlin",
        default_language="de",
        cors_origins=[],
    )
    session.add(beispielhausen)
    await session.flush()
    session.add(PrivacyNotice(organization_id=beispielhausen.id, version=1, text=PRIVACY_NOTICE))
    await _seed_beispielhausen(session, beispielhausen, today)
    await staff.create_staff_user(
        session,
        beispielhausen,
        email=SECOND_ADMIN_EMAIL,
        full_name="Demo-Admin Beispielhausen",
        password=DEMO_ADMIN_PASSWORD,
    )


async def _seed_musterstadt(session: AsyncSession, settings: Settings, org: Organization, today: date) -> None:
    start, end = today - timedelta(days=30), today + timedelta(days=540)
    now = utcnow().replace(second=0, microsecond=0)
    process = Process(
        organization_id=org.id,
        slug="integrationskonzept",
        title="Integrationskonzept Musterstadt",
        summary="Gemeinsam ein „Wir-Gefühl“ entwickeln: Musterstadt schreibt ihr erstes Integrationskonzept "
        "mit Verwaltung, Fachwelt, Politik und Zivilgesellschaft.",
        description="Die Stadt erarbeitet ihr Integrationskonzept in einem partizipativen Prozess. "
        "Arbeitsgruppen bearbeiten bis zum Sommer die Handlungsfelder; die Ergebnisse werden auf einer "
        "Integrationskonferenz vorgestellt und diskutiert. Am Ende steht ein Maßnahmenkatalog mit "
        "Prioritäten, den der Stadtrat beschließt.",
        status=ProcessStatus.published,
        published_at=now,
        concept_kind=ConceptKind.first,
        starts_on=start,
        ends_on=end,
        funding_note="Gefördert vom Land im Programm „Kommunale Integrationskonzepte“.",
        moderating_partner="Institut für Soziale Innovation (fiktiv)",
        guiding_principles=[
            "Unsere Stadtgemeinschaft integriert Lebensstile.",
            "Wir schätzen unsere Vielfalt und lernen voneinander.",
            "Wir integrieren und begleiten alle Bevölkerungsgruppen.",
        ],
        fields_of_action=[
            "Bildung",
            "Arbeit",
            "Soziales, Gesundheit und Wohnen",
            "Gesellschaftliche Teilhabe",
            "Interkulturelle Öffnung der Verwaltung",
            "Sprache",
        ],
        contacts=[
            {
                "name": "Amt für Integration und Migration",
                "role": "Geschäftsstelle Integrationskonzept",
                "phone": "0123 507-3772",
                "email": "integration@musterstadt.example",
                "address": "Marktplatz 1, 12345 Musterstadt",
                "office_hours": "Mo–Fr 8–12 Uhr, Mo 14:30–17:30 Uhr",
            }
        ],
        links=[
            {
                "title": "Integrationskonzept auf musterstadt.example",
                "url": "https://www.musterstadt.example/integrationskonzept",
            }
        ],
        phases=[
            Phase(
                organization_id=org.id,
                name="Bestandsaufnahme und Bedarfsanalyse",
                description="Interviews, Online-Befragung, Auswertung vorhandener Daten.",
                starts_on=start,
                ends_on=today + timedelta(days=20),
            ),
            Phase(
                organization_id=org.id,
                name="Arbeitsgruppen",
                description="Fünf Arbeitsgruppen entwickeln Ziele und messbare Maßnahmen.",
                starts_on=today + timedelta(days=21),
                ends_on=today + timedelta(days=200),
            ),
            Phase(
                organization_id=org.id,
                name="Integrationskonferenz",
                description="Vorstellung und Diskussion der Ergebnisse.",
                starts_on=today + timedelta(days=201),
                ends_on=today + timedelta(days=230),
            ),
            Phase(
                organization_id=org.id,
                name="Konzept und Stadtratsbeschluss",
                description="Redaktion, Priorisierung des Maßnahmenkatalogs, Vorlage im Stadtrat.",
                starts_on=today + timedelta(days=231),
                ends_on=end,
            ),
        ],
    )
    session.add(process)
    await session.flush()

    kickoff_day = today + timedelta(days=14)
    session.add(
        Event(
            organization_id=org.id,
            process_id=process.id,
            title="Digitale Auftaktveranstaltung",
            description="Start des Beteiligungsprozesses: Ablauf, Arbeitsgruppen und wie Sie mitmachen können. "
            "Angemeldete erhalten die Zugangsdaten per E-Mail.",
            kind=EventKind.kickoff,
            format=EventFormat.online,
            timezone=org.timezone,
            starts_at=_at(kickoff_day, 16),
            ends_at=_at(kickoff_day, 18),
            online_join_url="https://meet.musterstadt.example/auftakt-integrationskonzept",
            online_meeting_id="812 3456 7890",
            online_passcode="Vielfalt2027",
            online_dial_in="+49 123 4567 890, Zugangscode 81234567890#",
            capacity=200,
            registration_opens_at=now,
            registration_closes_at=_at(kickoff_day - timedelta(days=1), 12),
            waitlist_enabled=True,
            languages=["de"],
            interpretation=["en", "ar", "tr", "uk"],
            questions=SIGN_UP_QUESTIONS,
            status=EventStatus.published,
            published_at=now,
        )
    )

    deadline = _at(today + timedelta(days=21), 23, 59)
    for index, (slug, name, field, description, venue, address) in enumerate(WORKING_GROUPS):
        group = ThematicGroup(
            organization_id=org.id,
            process_id=process.id,
            slug=slug,
            name=name,
            kind=GroupKind.working_group,
            field_of_action=field,
            description=description,
            membership_mode=MembershipMode.open,
            capacity=25,
            signup_deadline=deadline,
            status=GroupStatus.published,
            published_at=now,
            wanted_composition=[
                StakeholderCategory.administration,
                StakeholderCategory.expert,
                StakeholderCategory.civil_society,
                StakeholderCategory.resident,
            ],
        )
        session.add(group)
        await session.flush()
        for meeting, offset in enumerate((35 + index * 2, 84 + index * 2), start=1):
            day = today + timedelta(days=offset)
            session.add(
                Event(
                    organization_id=org.id,
                    process_id=process.id,
                    group_id=group.id,
                    title=f"{name}: {meeting}. Sitzung",
                    kind=EventKind.group_meeting,
                    format=EventFormat.in_person,
                    timezone=org.timezone,
                    starts_at=_at(day, 17),
                    ends_at=_at(day, 19, 30),
                    venue_name=venue,
                    venue_address=address,
                    venue_step_free=index != 3,
                    venue_notes=None if index != 3 else "Zugang über Treppe; bitte melden Sie sich, wir helfen.",
                    capacity=25,
                    registration_closes_at=_at(day - timedelta(days=2), 12),
                    languages=["de"],
                    status=EventStatus.published,
                    published_at=now,
                )
            )

    steering = ThematicGroup(
        organization_id=org.id,
        process_id=process.id,
        slug="steuerungsgruppe",
        name="Steuerungsgruppe",
        kind=GroupKind.steering_group,
        field_of_action=None,
        description="Begleitet den gesamten Prozess: Bürgermeisterin, Amtsleitungen, Integrationsbeirat "
        "und Vertretungen aus Schule, Jugend, Migrationsberatung, Kultur und Arbeitsmarkt.",
        membership_mode=MembershipMode.appointed,
        status=GroupStatus.published,
        published_at=now,
        wanted_composition=[
            StakeholderCategory.administration,
            StakeholderCategory.politics,
            StakeholderCategory.civil_society,
        ],
    )
    session.add(steering)
    await session.flush()  # the group's id, for its members
    _appoint_steering_group(session, settings, org, steering, now)

    conference_day = today + timedelta(days=210)
    session.add(
        Event(
            organization_id=org.id,
            process_id=process.id,
            title="Integrationskonferenz",
            description="Ein halber Tag für alle: Ergebnisse der Arbeitsgruppen, Diskussion und Priorisierung "
            "der Maßnahmen. Zufällig ausgewählte Bürgerinnen und Bürger werden eingeladen.",
            kind=EventKind.conference,
            format=EventFormat.in_person,
            timezone=org.timezone,
            starts_at=_at(conference_day, 9),
            ends_at=_at(conference_day, 13, 30),
            venue_name="Jugendhaus Musterstadt",
            venue_address="Am Stadtpark 5, 12345 Musterstadt",
            venue_room="Großer Saal",
            venue_step_free=True,
            venue_notes="Induktionsschleife vorhanden.",
            capacity=150,
            registration_opens_at=now,
            registration_closes_at=_at(conference_day - timedelta(days=7), 23, 59),
            waitlist_enabled=True,
            languages=["de"],
            interpretation=["en", "ar", "tr", "uk", "ru"],
            childcare=True,
            questions=[*SIGN_UP_QUESTIONS, CHILDCARE_QUESTION],
            status=EventStatus.published,
            published_at=now,
        )
    )
    session.add(
        Event(
            organization_id=org.id,
            process_id=process.id,
            title="Strategie-Workshop (Entwurf)",
            kind=EventKind.workshop,
            format=EventFormat.hybrid,
            timezone=org.timezone,
            starts_at=_at(today + timedelta(days=60), 10),
            ends_at=_at(today + timedelta(days=60), 15),
            venue_name="Rathaus, Großer Sitzungssaal",
            venue_address="Marktplatz 1, 12345 Musterstadt",
            online_join_url="https://meet.musterstadt.example/strategie",
            capacity=40,
            status=EventStatus.draft,
        )
    )
    notice = await session.scalar(select(PrivacyNotice).where(PrivacyNotice.organization_id == org.id))
    await seed_past_dialogue(session, settings, org, process, notice, today)
    await _seed_scoped_staff(session, org, process)
    await translate_demo(session, org, process)


async def _seed_scoped_staff(session: AsyncSession, org: Organization, process: Process) -> None:
    """One staff member per role, so the console can be tried as each of them."""
    bildung = await session.scalar(
        select(ThematicGroup).where(ThematicGroup.process_id == process.id, ThematicGroup.slug == "bildung")
    )
    for email, name, role, scope in (
        ("prozess@musterstadt.example", "Demo-Prozessleitung", StaffRole.process_manager, {"process_id": process.id}),
        (
            "ag-bildung@musterstadt.example",
            "Demo-Moderation AG Bildung",
            StaffRole.group_moderator,
            {"group_id": bildung.id},
        ),
        ("lesen@musterstadt.example", "Demo-Lesezugriff", StaffRole.viewer, {}),
    ):
        await staff.create_staff_user(
            session, org, email=email, full_name=name, password=DEMO_ADMIN_PASSWORD, role=role, **scope
        )
    await session.flush()


async def _seed_beispielhausen(session: AsyncSession, org: Organization, today: date) -> None:
    now = utcnow()
    process = Process(
        organization_id=org.id,
        slug="fortschreibung-integrationskonzept",
        title="Fortschreibung des Integrationskonzepts",
        concept_kind=ConceptKind.update,
        previous_concept_year=2012,
        status=ProcessStatus.published,
        published_at=now,
        summary="Das Konzept von 2012 wird pragmatisch, straff und umsetzungsorientiert fortgeschrieben – "
        "mit Zielen und Maßnahmen für jedes Quartier.",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=365),
        moderating_partner="Institut für Sozialforschung und Praxisberatung (fiktiv)",
        fields_of_action=["Sprachförderung", "Wohnbedarfe und Wohnraumversorgung", "Ehrenamt, Partizipation"],
        contacts=[
            {
                "name": "Integrationsbeauftragte",
                "phone": "0631 365-1121",
                "email": "integration@beispielhausen.example",
                "address": "Willy-Brandt-Platz 1, 67657 Beispielhausen",
            }
        ],
        phases=[
            Phase(
                organization_id=org.id,
                name="Arbeitskreise",
                starts_on=today - timedelta(days=10),
                ends_on=today + timedelta(days=120),
            )
        ],
    )
    session.add(process)
    await session.flush()
    day = today + timedelta(days=9)
    session.add(
        Event(
            organization_id=org.id,
            process_id=process.id,
            title="Arbeitskreis Sprachförderung",
            kind=EventKind.workshop,
            format=EventFormat.in_person,
            timezone=org.timezone,
            starts_at=_at(day, 18),
            ends_at=_at(day, 20),
            venue_name="Berufsbildende Schule I",
            venue_room="Blauer Salon",
            capacity=30,
            status=EventStatus.published,
            published_at=now,
        )
    )
