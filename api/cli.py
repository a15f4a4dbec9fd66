"""Command line: `python -m api serve | worker | migrate | seed-demo | create-city | create-operator | create-admin |
export-openapi | make-migration`."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import os
import sys
from pathlib import Path

import yaml

from api import migrations
from api.config import get_settings

OPENAPI_FILE = Path("openapi.yaml")


def openapi_yaml() -> str:
    from api.main import create_app

    schema = create_app().openapi()
    # Round-trip through JSON so the YAML holds plain types only, in a stable order.
    return yaml.safe_dump(json.loads(json.dumps(schema)), sort_keys=False, allow_unicode=True, width=100)


def cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    settings = get_settings()
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Teilhabe serves on http://{host}:{port}/ (API docs: http://{host}:{port}/api/docs)", flush=True)
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host,
        port=port,
        workers=args.workers,
        log_level=settings.log_level,
        proxy_headers=True,
    )


def cmd_worker(_args: argparse.Namespace) -> None:
    from api.db import make_engine, make_sessionmaker
    from api.notifications.sender import make_transport
    from api.worker import run_forever

    settings = get_settings()
    engine = make_engine(settings.database_url)
    print(f"worker runs every {settings.worker_interval_seconds:g} s (mail transport: {settings.mail_transport})")
    asyncio.run(run_forever(make_sessionmaker(engine), make_transport(settings), settings))


def cmd_migrate(_args: argparse.Namespace) -> None:
    migrations.upgrade(get_settings().database_url)
    print("database migrated to the newest schema")


def cmd_seed_demo(_args: argparse.Namespace) -> None:
    from api.demo import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD, seed_demo

    created = asyncio.run(seed_demo(get_settings()))
    print("demo data loaded" if created else "demo data present already; left as it is")
    print(f"demo staff login: {DEMO_ADMIN_EMAIL} / {DEMO_ADMIN_PASSWORD}")


def cmd_create_admin(args: argparse.Namespace) -> None:
    from api.demo import create_admin

    password = os.environ.get("TEILHABE_ADMIN_PASSWORD") or getpass.getpass("Password (12+ characters): ")
    asyncio.run(create_admin(get_settings(), args.org, args.email, args.name, password))
    print(f"admin {args.email} created for {args.org}")


def cmd_create_city(args: argparse.Namespace) -> None:
    from api.platform import commands

    notice = Path(args.privacy_notice_file).read_text(encoding="utf-8") if args.privacy_notice_file else None
    try:
        data = commands.city_from(
            slug=args.slug,
            name=args.name,
            timezone=args.timezone,
            default_language=args.language,
            contact_email=args.contact_email,
            admin_email=args.admin_email,
            admin_name=args.admin_name,
            privacy_notice_text=notice or DEFAULT_PRIVACY_NOTICE.format(name=args.name),
            privacy_notice_url=args.privacy_notice_url,
        )
        asyncio.run(commands.create_city(get_settings(), data))
    except commands.CommandFailed as failed:
        sys.exit(f"create-city: {failed}")
    print(f"city {data.slug} created; an invitation was queued for {data.admin_email} (valid 7 days)")
    if not notice:
        print("privacy notice: a placeholder was published; publish the city's own in the console")


def cmd_create_operator(args: argparse.Namespace) -> None:
    from api.platform import commands

    try:
        asyncio.run(commands.create_operator(get_settings(), args.org, args.email, args.name))
    except commands.CommandFailed as failed:
        sys.exit(f"create-operator: {failed}")
    print(f"operator {args.email} created in {args.org}; an invitation was queued (valid 7 days)")


# Published when create-city is given no notice of the city's own, so sign-up can start; the city replaces it.
DEFAULT_PRIVACY_NOTICE = (
    "{name} verarbeitet Ihre Angaben (Name, Kontakt, Antworten) nur, um Ihre Anmeldung zu Veranstaltungen und "
    "Arbeitsgruppen zu verwalten und Sie dazu zu informieren (Art. 6 Abs. 1 lit. a DSGVO). Sie können Auskunft, "
    "Berichtigung und Löschung verlangen und Ihre Einwilligung jederzeit widerrufen."
)


def cmd_export_openapi(args: argparse.Namespace) -> None:
    text = openapi_yaml()
    if args.check:
        if not OPENAPI_FILE.exists() or OPENAPI_FILE.read_text() != text:
            sys.exit("openapi.yaml is out of date: run `make openapi`")
        print("openapi.yaml matches the app")
        return
    OPENAPI_FILE.write_text(text)
    print(f"wrote {OPENAPI_FILE}")


def cmd_catalogues(args: argparse.Namespace) -> None:
    from api.i18n.domains import DOMAINS, messages_of
    from api.i18n.pot import template_path, write_template

    for domain in DOMAINS:
        changed = write_template(domain, messages_of(domain))
        print(f"{template_path(domain)}: {'written' if changed else 'unchanged'}")


def cmd_make_migration(args: argparse.Namespace) -> None:
    migrations.make_revision(get_settings().database_url, args.message)


def main(argv: list[str] | None = None) -> None:
    # Every table known before any command writes: a mail in the outbox refers to the staff message it
    # belongs to, and SQLAlchemy must know that table to order the writes, also in `create-city`.
    import api.models  # noqa: F401

    parser = argparse.ArgumentParser(prog="python -m api", description="Teilhabe")
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help="serve the API and the built frontend")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(run=cmd_serve)

    commands.add_parser("migrate", help="apply all database migrations").set_defaults(run=cmd_migrate)
    commands.add_parser("worker", help="send mails, expire held seats, send reminders").set_defaults(run=cmd_worker)
    commands.add_parser("seed-demo", help="load the Musterstadt demo data once").set_defaults(run=cmd_seed_demo)

    admin = commands.add_parser(
        "create-admin", help="create an organization admin (password from TEILHABE_ADMIN_PASSWORD or asked)"
    )
    admin.add_argument("--org", required=True, help="organization slug")
    admin.add_argument("--email", required=True)
    admin.add_argument("--name", required=True)
    admin.set_defaults(run=cmd_create_admin)

    city = commands.add_parser(
        "create-city", help="create a city with its first admin, who gets an invitation mail (the worker sends it)"
    )
    city.add_argument("--slug", required=True, help="the city's address on the site, e.g. musterstadt")
    city.add_argument("--name", required=True, help='e.g. "Stadt Musterstadt"')
    city.add_argument("--admin-email", required=True)
    city.add_argument("--admin-name", required=True)
    city.add_argument("--timezone", help="default Europe/Berlin")
    city.add_argument("--language", help="the site's default language, default de")
    city.add_argument("--contact-email")
    city.add_argument("--privacy-notice-file", help="a text file with the city's privacy notice")
    city.add_argument("--privacy-notice-url")
    city.set_defaults(run=cmd_create_city)

    operator = commands.add_parser(
        "create-operator", help="invite a platform operator, who creates and switches off cities in the console"
    )
    operator.add_argument("--org", required=True, help="the slug of the city the account belongs to")
    operator.add_argument("--email", required=True)
    operator.add_argument("--name", required=True)
    operator.set_defaults(run=cmd_create_operator)

    export = commands.add_parser("export-openapi", help="write openapi.yaml from the app")
    export.add_argument("--check", action="store_true", help="fail when openapi.yaml differs")
    export.set_defaults(run=cmd_export_openapi)

    commands.add_parser(
        "catalogues", help="write the message templates (.pot) of mails and problem answers from the code"
    ).set_defaults(run=cmd_catalogues)

    revision = commands.add_parser("make-migration", help="autogenerate a migration from the models")
    revision.add_argument("message")
    revision.set_defaults(run=cmd_make_migration)

    args = parser.parse_args(argv)
    args.run(args)
