"""Fills an empty, migrated PostgreSQL database with a data set, in bulk SQL.

One million registrations through the ORM would take an hour; `INSERT … SELECT FROM generate_series`
runs inside PostgreSQL and takes a minute. Ids and choices are derived from md5 of the row's number, so
a data set is the same every time. The rows follow the models: every NOT NULL column is set as the
services set it, manage-link hashes are derived with the server key as `api.security.link_token` does
(HMAC-SHA256 in pgcrypto, dropped again afterwards), and `events.seats_taken` is counted from the
seat-holding registrations at the end, so the never_overbooked check and the counter hold.

Not loaded, because no benchmarked request reads them: group memberships, mails in the outbox, audit
entries. Consents: one per person (their first sign-up), not one per sign-up.
"""

# The SQL here is built from our own numbers and constants; the few values are quoted by _literal().
# ruff: noqa: S608
from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from datetime import datetime

import asyncpg

from bench.sizes import DataSize

BUSY_CITY = "grossstadt"
MAIN_PROCESS = "integrationskonzept"
ADMIN_EMAIL = f"admin@{BUSY_CITY}.example"
GROUPS_PER_PROCESS = 5
PHASES_PER_PROCESS = 4
EVENT_SPAN_DAYS = 540  # events run from half a year ago to a year ahead
QUESTIONS = """[
  {"id": "interpretation", "label": "Brauchen Sie eine Übersetzung? In welche Sprache?", "kind": "choice",
   "required": false, "options": ["Englisch", "Arabisch", "Türkisch", "Ukrainisch"], "max_length": 500},
  {"id": "childcare", "label": "Bringen Sie Kinder mit, die betreut werden sollen?", "kind": "yes_no",
   "required": true, "options": [], "max_length": 500}
]"""
SEAT_HOLDING = "('pending', 'offered', 'confirmed', 'attended', 'no_show')"


@dataclass
class Manifest:
    """What the scenarios need to know about the loaded data."""

    size: DataSize
    city: str = BUSY_CITY
    process: str = MAIN_PROCESS
    admin_email: str = ADMIN_EMAIL
    big_event_id: str = ""
    rush_event_ids: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


async def load(dsn: str, size: DataSize, secret: str, password_hash: str, now: datetime) -> Manifest:
    started = time.perf_counter()
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute("CREATE EXTENSION IF NOT EXISTS pgcrypto")
        await _helpers(connection)
        await _cities(connection, size, password_hash, now)
        await _processes(connection, size, now)
        await _events(connection, size, now)
        await _people(connection, size, now)
        await _registrations(connection, size, secret, now)
        await connection.execute(_COUNT_SEATS)
        await connection.execute("DROP EXTENSION pgcrypto")
        await connection.execute("ANALYZE")
        manifest = Manifest(size=size)
        manifest.big_event_id = str(await connection.fetchval("SELECT pg_temp.uid('big-event', 0)"))
        manifest.rush_event_ids = [
            str(await connection.fetchval("SELECT pg_temp.uid('rush-event', $1)", n)) for n in range(size.rush_events)
        ]
        manifest.counts = await _counts(connection)
    finally:
        await connection.close()
    manifest.seconds = round(time.perf_counter() - started, 1)
    return manifest


async def _execute(connection: asyncpg.Connection, sql: str, *values: object) -> None:
    """Runs several statements at once: PostgreSQL takes parameters only in single statements, so the
    values ($1, $2, …) are written into the SQL as literals. They are ours (numbers, instants, the run's
    key), never input from outside."""
    sql = re.sub(r"\$(\d+)", lambda match: _literal(values[int(match[1]) - 1]), sql) if values else sql
    await connection.execute(sql)


def _literal(value: object) -> str:
    if isinstance(value, datetime):
        return f"'{value.isoformat()}'::timestamptz"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


async def _helpers(connection: asyncpg.Connection) -> None:
    await _execute(
        connection,
        """
        CREATE FUNCTION pg_temp.uid(kind text, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE
            AS $$ SELECT md5(kind || ':' || n)::uuid $$;
        CREATE FUNCTION pg_temp.pick(kind text, n bigint, m int) RETURNS int LANGUAGE sql IMMUTABLE
            AS $$ SELECT ('x' || substr(md5('pick:' || kind || ':' || n), 1, 7))::bit(28)::int % m $$;
        CREATE FUNCTION pg_temp.city_slug(i bigint) RETURNS text LANGUAGE sql IMMUTABLE
            AS $$ SELECT CASE WHEN i = 0 THEN 'grossstadt' ELSE 'stadt-' || lpad(i::text, 3, '0') END $$;
        """,
    )


async def _cities(connection: asyncpg.Connection, size: DataSize, password_hash: str, now: datetime) -> None:
    await _execute(
        connection,
        """
        INSERT INTO organizations (id, slug, name, office_name, contact_email, contact_phone, address, website,
            timezone, default_language, cors_origins, retention_months, created_at, updated_at)
        SELECT pg_temp.uid('org', i), pg_temp.city_slug(i),
            'Stadt ' || initcap(replace(pg_temp.city_slug(i), '-', ' ')),
            'Amt für Integration und Migration', 'integration@' || pg_temp.city_slug(i) || '.example',
            '0123 507-' || (3000 + i), 'Marktplatz 1, ' || (10000 + i) || ' ' || initcap(pg_temp.city_slug(i)),
            'https://www.' || pg_temp.city_slug(i) || '.example/integration', 'Europe/Berlin', 'de', '[]', 6,
            $2 - interval '400 days', $2 - interval '400 days'
        FROM generate_series(0, $1 - 1) i;

        INSERT INTO privacy_notices (id, organization_id, version, url, text, effective_at)
        SELECT pg_temp.uid('notice', i), pg_temp.uid('org', i), 1,
            'https://www.' || pg_temp.city_slug(i) || '.example/datenschutz',
            'Die Stadt verarbeitet Ihre Angaben nur, um Ihre Anmeldung zu verwalten (Art. 6 Abs. 1 lit. a DSGVO).',
            $2 - interval '400 days'
        FROM generate_series(0, $1 - 1) i;

        INSERT INTO staff_users (id, organization_id, email, full_name, password_hash, is_active,
            created_at, updated_at)
        SELECT pg_temp.uid('staff', i), pg_temp.uid('org', i), 'admin@' || pg_temp.city_slug(i) || '.example',
            'Admin ' || pg_temp.city_slug(i), $3, true,
            $2 - interval '400 days', $2 - interval '400 days'
        FROM generate_series(0, $1 - 1) i;

        INSERT INTO staff_role_grants (id, organization_id, user_id, role, granted_at)
        SELECT pg_temp.uid('grant', i), pg_temp.uid('org', i), pg_temp.uid('staff', i), 'admin',
            $2 - interval '400 days'
        FROM generate_series(0, $1 - 1) i;
        """,
        size.cities,
        now,
        password_hash,
    )


async def _processes(connection: asyncpg.Connection, size: DataSize, now: datetime) -> None:
    per_city = size.processes // size.cities
    # The last two processes of every city are a draft and an archived one; the first is the main one.
    await _execute(
        connection,
        f"""
        INSERT INTO processes (id, organization_id, slug, title, summary, description, status, concept_kind,
            previous_concept_year, starts_on, ends_on, funding_note, moderating_partner, guiding_principles,
            fields_of_action, contacts, links, published_at, created_at, updated_at)
        SELECT pg_temp.uid('process', p), pg_temp.uid('org', p / {per_city}),
            CASE WHEN p % {per_city} = 0 THEN '{MAIN_PROCESS}' ELSE '{MAIN_PROCESS}-' || (p % {per_city}) END,
            'Integrationskonzept ' || pg_temp.city_slug(p / {per_city}) || ' ' || (p % {per_city} + 1),
            'Gemeinsam mit den Menschen der Stadt ein Integrationskonzept schreiben.',
            repeat('Die Stadt schreibt ihr Integrationskonzept gemeinsam mit Vereinen, Fachleuten und Bürgern. ', 8),
            CASE p % {per_city} WHEN {per_city - 1} THEN 'draft' WHEN {per_city - 2} THEN 'archived'
                ELSE 'published' END,
            CASE WHEN p % 2 = 0 THEN 'first' ELSE 'update' END, CASE WHEN p % 2 = 0 THEN NULL ELSE 2012 END,
            ($1::timestamptz - interval '200 days')::date, ($1::timestamptz + interval '400 days')::date,
            'Gefördert aus dem Landesprogramm „Integration vor Ort“.', 'Institut für Partizipation',
            '["Wir schätzen unsere Vielfalt.", "Teilhabe für alle.", "Sprache öffnet Türen."]',
            '["Bildung", "Arbeit", "Wohnen", "Gesundheit", "Sprache", "Teilhabe", "Interkulturelle Öffnung"]',
            '[{{"name": "Amt für Integration", "role": "Geschäftsstelle", "phone": "0123 507-3772",
                "email": "integration@example.org", "office_hours": "Mo–Do 9–12 Uhr"}}]',
            '[{{"title": "Integrationskonzept 2012", "url": "https://www.example.org/konzept-2012.pdf"}}]',
            CASE WHEN p % {per_city} = {per_city - 1} THEN NULL ELSE $1 - interval '200 days' END,
            $1 - interval '210 days', $1 - interval '200 days'
        FROM generate_series(0, {size.processes} - 1) p;

        INSERT INTO phases (id, organization_id, process_id, name, description, starts_on, ends_on,
            created_at, updated_at)
        SELECT pg_temp.uid('phase', p * {PHASES_PER_PROCESS} + f), pg_temp.uid('org', p / {per_city}),
            pg_temp.uid('process', p),
            (ARRAY['Bestandsaufnahme', 'Arbeitsgruppen', 'Konferenz', 'Ratsbeschluss'])[f + 1],
            'Was in dieser Phase geschieht und wie man mitmachen kann.',
            ($1::timestamptz - interval '200 days')::date + f * 150,
            ($1::timestamptz - interval '200 days')::date + f * 150 + 149
            , $1, $1
        FROM generate_series(0, {size.processes} - 1) p, generate_series(0, {PHASES_PER_PROCESS - 1}) f;

        INSERT INTO thematic_groups (id, organization_id, process_id, slug, name, kind, field_of_action, description,
            membership_mode, capacity, signup_deadline, wanted_composition, status, published_at, places_taken,
            created_at, updated_at)
        SELECT pg_temp.uid('group', p * {GROUPS_PER_PROCESS} + g), pg_temp.uid('org', p / {per_city}),
            pg_temp.uid('process', p), 'ag-' || (g + 1),
            'AG ' || (ARRAY['Bildung', 'Arbeit', 'Wohnen', 'Teilhabe', 'Interkulturelle Öffnung'])[g + 1],
            CASE WHEN g = 0 THEN 'steering_group' ELSE 'working_group' END,
            (ARRAY['Bildung', 'Arbeit', 'Wohnen', 'Teilhabe', 'Interkulturelle Öffnung'])[g + 1],
            'Die Arbeitsgruppe erarbeitet Maßnahmen für ihr Handlungsfeld.',
            CASE WHEN g = 0 THEN 'appointed' WHEN g = 1 THEN 'application' ELSE 'open' END,
            25, $1 + interval '20 days', '["civil_society", "expert", "resident"]',
            CASE WHEN g = {GROUPS_PER_PROCESS - 1} AND p % 3 = 0 THEN 'draft' ELSE 'published' END,
            $1 - interval '190 days', 0, $1 - interval '195 days', $1 - interval '190 days'
        FROM generate_series(0, {size.processes} - 1) p, generate_series(0, {GROUPS_PER_PROCESS - 1}) g;
        """,
        now,
    )


async def _events(connection: asyncpg.Connection, size: DataSize, now: datetime) -> None:
    per_city, per_process = size.processes // size.cities, size.events // size.processes
    # Every fourth event is a meeting of one of the process's groups; one in twenty is a draft, one in
    # fifty cancelled; one in ten has no seat limit; half have a waiting list; one in five asks questions.
    await _execute(
        connection,
        f"""
        INSERT INTO events (id, organization_id, process_id, group_id, title, description, kind, format,
            starts_at, ends_at, timezone, venue_name, venue_address, venue_room, venue_step_free, venue_notes,
            online_join_url, online_meeting_id, online_passcode, online_dial_in, capacity, seats_taken,
            registration_opens_at, registration_closes_at, waitlist_enabled, invitation_only, languages,
            interpretation, childcare, questions, status, status_reason, published_at, created_at, updated_at)
        SELECT pg_temp.uid('event', e), pg_temp.uid('org', e / {per_process} / {per_city}),
            pg_temp.uid('process', e / {per_process}),
            CASE WHEN j % 4 = 0 THEN pg_temp.uid('group', (e / {per_process}) * {GROUPS_PER_PROCESS}
                + 1 + (j / 4) % ({GROUPS_PER_PROCESS} - 2)) END,
            (ARRAY['Treffen der Arbeitsgruppe', 'Bürgerdialog', 'Workshop Handlungsfeld', 'Infoabend',
                'Fachkonferenz', 'Auftakt'])[j % 6 + 1] || ' ' || (j + 1),
            repeat('Wir sammeln Ideen und Erfahrungen und beraten, was die Stadt tun soll. ', 4),
            CASE WHEN j % 4 = 0 THEN 'group_meeting'
                ELSE (ARRAY['citizen_dialogue', 'workshop', 'information_evening', 'conference', 'kickoff'])[j % 5 + 1]
            END,
            (ARRAY['in_person', 'online', 'hybrid'])[j % 3 + 1],
            s.starts_at, s.starts_at + interval '2 hours' + (j % 3) * interval '1 hour', 'Europe/Berlin',
            CASE WHEN j % 3 <> 1 THEN 'Stadtteilzentrum ' || (j % 7 + 1) END,
            CASE WHEN j % 3 <> 1 THEN 'Hauptstraße ' || (j + 1) || ', 12345 ' || initcap(pg_temp.city_slug(0)) END,
            CASE WHEN j % 3 <> 1 THEN 'Saal ' || (j % 4 + 1) END,
            CASE WHEN j % 3 <> 1 THEN j % 5 <> 0 END, NULL,
            CASE WHEN j % 3 <> 0 THEN 'https://meet.example/room-' || e END,
            CASE WHEN j % 3 <> 0 THEN '812 3456 ' || (1000 + j) END,
            CASE WHEN j % 3 <> 0 THEN 'Geheim-' || (j * 7919 % 10000) END, NULL,
            CASE WHEN j % 10 = 3 THEN NULL ELSE 20 + pg_temp.pick('capacity', e, 131) END, 0,
            NULL, s.starts_at - interval '1 day',
            j % 2 = 0, false, '["de", "en"]', CASE WHEN j % 5 = 0 THEN '["ar", "uk"]' ELSE '[]' END::jsonb,
            j % 5 = 0, CASE WHEN j % 5 = 0 THEN $2 ELSE '[]' END::jsonb,
            CASE WHEN j % 20 = 19 THEN 'draft' WHEN j % 50 = 17 THEN 'cancelled' ELSE 'published' END,
            CASE WHEN j % 50 = 17 THEN 'Die Referentin ist erkrankt.' END,
            CASE WHEN j % 20 = 19 THEN NULL ELSE s.starts_at - interval '60 days' END,
            s.starts_at - interval '61 days', s.starts_at - interval '60 days'
        FROM generate_series(0, {size.events} - 1) e,
            LATERAL (SELECT e % {per_process} AS j) jj,
            LATERAL (SELECT date_trunc('day', $1::timestamptz) - interval '180 days'
                + ((jj.j * {EVENT_SPAN_DAYS}) / {per_process}) * interval '1 day' + interval '15 hours' AS starts_at) s;
        """,
        now,
        QUESTIONS,
    )
    await _special_events(connection, size, now)


async def _special_events(connection: asyncpg.Connection, size: DataSize, now: datetime) -> None:
    """The busy city's big conference (many sign-ups) and the fresh events the sign-up rush opens."""
    await _execute(
        connection,
        f"""
        INSERT INTO events (id, organization_id, process_id, title, description, kind, format, starts_at, ends_at,
            timezone, venue_name, venue_address, venue_room, venue_step_free, capacity, seats_taken,
            registration_opens_at, registration_closes_at, waitlist_enabled, invitation_only, languages,
            interpretation, childcare, questions, status, published_at, created_at, updated_at)
        SELECT id, pg_temp.uid('org', 0), pg_temp.uid('process', 0), title,
            'Die große Integrationskonferenz mit Dolmetschung und Kinderbetreuung.', 'conference', 'in_person',
            starts_at, starts_at + interval '6 hours', 'Europe/Berlin', 'Stadthalle', 'Am Stadtpark 1', 'Großer Saal',
            true, capacity, 0, $1 - interval '1 day', starts_at - interval '1 day', true, false, '["de", "en"]',
            '["ar", "uk", "tr"]', true, $2, 'published', $1 - interval '1 day', $1 - interval '2 days',
            $1 - interval '1 day'
        FROM (
            SELECT pg_temp.uid('big-event', 0) AS id, 'Integrationskonferenz' AS title,
                greatest({size.big_event} + 100, 200) AS capacity,
                date_trunc('day', $1::timestamptz) + interval '60 days 9 hours' AS starts_at
            UNION ALL
            SELECT pg_temp.uid('rush-event', n), 'Stadtteilkonferenz ' || (n + 1), {size.rush_capacity},
                date_trunc('day', $1::timestamptz) + interval '30 days 9 hours' + n * interval '1 day'
            FROM generate_series(0, {size.rush_events} - 1) n
        ) special;
        """,
        now,
        QUESTIONS,
    )


def _people_per_city(size: DataSize) -> int:
    """About two sign-ups per person; the busy city has at least one person per big-event seat."""
    return max((size.registrations - size.big_event) // size.cities // 2, 200)


async def _people(connection: asyncpg.Connection, size: DataSize, now: datetime) -> None:
    per_city, busy = _people_per_city(size), max(_people_per_city(size), size.big_event)
    await _execute(
        connection,
        f"""
        INSERT INTO participants (id, organization_id, full_name, email, phone, affiliation, category,
            preferred_language, created_at, updated_at)
        SELECT pg_temp.uid('person', c * 10000000 + n), pg_temp.uid('org', c),
            (ARRAY['Amira', 'Jonas', 'Özlem', 'Mehmet', 'Olena', 'Lena', 'Samir', 'Anna', 'Dariusz', 'Fatma'])
                [pg_temp.pick('first', c * 10000000 + n, 10) + 1] || ' ' ||
            (ARRAY['Haddad', 'Müller', 'Yılmaz', 'Schmidt', 'Kovalenko', 'Nowak', 'Weber', 'Demir', 'Ali', 'Becker'])
                [pg_temp.pick('last', c * 10000000 + n, 10) + 1],
            'person' || n || '@' || pg_temp.city_slug(c) || '.example',
            CASE WHEN n % 4 = 0 THEN '0176 ' || (1000000 + n) END,
            CASE WHEN n % 6 = 0 THEN 'Verein ' || (n % 40) END,
            (ARRAY['resident', 'resident', 'resident', 'civil_society', 'expert', 'administration', 'politics'])
                [pg_temp.pick('category', c * 10000000 + n, 7) + 1],
            (ARRAY['de', 'de', 'de', 'en', 'ar', 'uk', 'tr'])[pg_temp.pick('language', c * 10000000 + n, 7) + 1],
            $1 - interval '300 days', $1 - interval '300 days'
        FROM generate_series(0, {size.cities} - 1) c,
            generate_series(0, CASE WHEN c = 0 THEN {busy} ELSE {per_city} END - 1) n;

        INSERT INTO consents (id, organization_id, participant_id, privacy_notice_id, channel, given_at)
        SELECT md5('consent:' || p.id)::uuid, p.organization_id, p.id, n.id, 'web', p.created_at
        FROM participants p JOIN privacy_notices n ON n.organization_id = p.organization_id;
        """,
        now,
    )


async def _registrations(connection: asyncpg.Connection, size: DataSize, secret: str, now: datetime) -> None:
    per_city_people = _people_per_city(size)
    # The events people sign up for, numbered: published and cancelled ones, not the special ones.
    await _execute(
        connection,
        """
        CREATE TEMP TABLE open_events AS
        SELECT row_number() OVER (ORDER BY e.id) - 1 AS n, e.id, e.organization_id, e.capacity,
            e.waitlist_enabled, e.starts_at, e.questions <> '[]' AS asks, o.city
        FROM events e JOIN (
            SELECT pg_temp.uid('org', i) AS id, i AS city FROM generate_series(0, $1 - 1) i
        ) o ON o.id = e.organization_id
        WHERE e.status IN ('published', 'cancelled') AND e.title NOT LIKE 'Stadtteilkonferenz%'
            AND e.id <> pg_temp.uid('big-event', 0);
        CREATE UNIQUE INDEX ON open_events (n);
        ANALYZE open_events;
        """,
        size.cities,
    )
    open_events = await connection.fetchval("SELECT count(*) FROM open_events")
    regular = size.registrations - size.big_event
    # Registration r goes to event r mod E as its k-th sign-up (k = r div E): the first `capacity` hold a
    # seat, later ones wait (or were cancelled, where there is no waiting list). Person: k-th after an
    # offset per event, so nobody signs up twice for one event.
    rows = f"""
        SELECT r, e.id AS event_id, e.organization_id, e.starts_at, e.asks,
            pg_temp.uid('person', e.city * 10000000 + (k + pg_temp.pick('offset', e.n, {per_city_people}))
                % {per_city_people}) AS participant_id,
            CASE
                WHEN e.capacity IS NOT NULL AND k >= e.capacity THEN
                    CASE WHEN e.waitlist_enabled THEN 'waitlisted' ELSE 'cancelled' END
                WHEN e.starts_at < $1 THEN CASE WHEN r % 10 < 8 THEN 'attended' ELSE 'no_show' END
                WHEN r % 20 = 0 THEN 'cancelled'
                WHEN r % 10 = 1 THEN 'pending'
                ELSE 'confirmed'
            END AS status,
            least(e.starts_at - interval '2 days', $1) - (k + 1) * interval '37 minutes' AS created_at
        FROM generate_series(0, {regular} - 1) r,
            LATERAL (SELECT r % {open_events} AS n, r / {open_events} AS k) rk
            JOIN open_events e ON e.n = rk.n
        UNION ALL
        SELECT {regular} + k, pg_temp.uid('big-event', 0), pg_temp.uid('org', 0),
            date_trunc('day', $1::timestamptz) + interval '60 days 9 hours', true,
            pg_temp.uid('person', k),
            CASE WHEN k % 20 = 0 THEN 'cancelled' WHEN k % 10 = 1 THEN 'pending' ELSE 'confirmed' END,
            $1 - interval '1 minute' - k * interval '2 minutes'
        FROM generate_series(0, {size.big_event} - 1) k
    """
    await _execute(
        connection,
        f"""
        INSERT INTO registrations (id, organization_id, event_id, participant_id, status, channel, answers,
            manage_token_hash, hold_expires_at, waitlisted_at, confirmed_at, cancelled_at, cancel_reason,
            checked_in_at, created_at, updated_at)
        SELECT x.id, x.organization_id, x.event_id, x.participant_id, x.status,
            CASE WHEN x.r % 7 = 0 THEN 'phone' ELSE 'web' END,
            CASE WHEN x.asks THEN jsonb_build_object(
                'interpretation', (ARRAY['Englisch', 'Arabisch', 'Türkisch', 'Ukrainisch'])[x.r % 4 + 1],
                'childcare', x.r % 3 = 0) ELSE '{{}}'::jsonb END,
            encode(digest(rtrim(translate(encode(hmac('registration:' || x.id::text, $2, 'sha256'), 'base64'),
                '+/', '-_'), '='), 'sha256'), 'hex'),
            CASE WHEN x.status = 'pending' THEN least(x.starts_at, $1 + interval '48 hours') END,
            CASE WHEN x.status = 'waitlisted' THEN x.created_at END,
            CASE WHEN x.status IN ('confirmed', 'attended', 'no_show') THEN x.created_at + interval '1 hour' END,
            CASE WHEN x.status = 'cancelled' THEN x.created_at + interval '1 day' END,
            NULL,
            CASE WHEN x.status IN ('attended', 'no_show') THEN x.starts_at END,
            x.created_at, x.created_at
        FROM (SELECT rows.*, md5('registration:' || rows.r)::uuid AS id FROM ({rows}) rows) x;

        INSERT INTO status_changes (id, organization_id, registration_id, from_status, to_status, channel, at)
        SELECT md5('status:' || r.id)::uuid, r.organization_id, r.id, NULL, r.status, r.channel, r.created_at
        FROM registrations r;
        """,
        now,
        secret,
    )


_COUNT_SEATS = f"""
    UPDATE events e SET seats_taken = taken.n
    FROM (SELECT event_id, count(*) AS n FROM registrations WHERE status IN {SEAT_HOLDING} GROUP BY event_id) taken
    WHERE taken.event_id = e.id
"""


async def _counts(connection: asyncpg.Connection) -> dict[str, int]:
    tables = ("organizations", "processes", "thematic_groups", "events", "participants", "registrations")
    return {table: await connection.fetchval(f"SELECT count(*) FROM {table}") for table in tables}


async def seats_check(dsn: str, event_id: str) -> dict[str, int]:
    """The rush's proof: seats held by registrations, the event's counter and its capacity."""
    connection = await asyncpg.connect(dsn)
    try:
        row = await connection.fetchrow(
            f"""
            SELECT e.capacity, e.seats_taken,
                (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status IN {SEAT_HOLDING}) AS held,
                (SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'waitlisted') AS waiting,
                (SELECT count(*) FROM registrations r WHERE r.event_id = e.id) AS registrations,
                (SELECT count(DISTINCT participant_id) FROM registrations r WHERE r.event_id = e.id) AS people
            FROM events e WHERE e.id = $1::uuid
            """,
            event_id,
        )
    finally:
        await connection.close()
    return dict(row)
