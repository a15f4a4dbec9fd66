"""create_app(): the API, its middleware and problem handlers, and the built frontend."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import FileResponse, JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy import select, text
from starlette.convertors import Convertor, register_url_convertor

from api import __version__
from api.allocations.routes import staff_router as staff_allocations
from api.audit.routes import router as audit_log
from api.audit.service import audit_trail
from api.clients.routes import router as api_clients
from api.config import API_PREFIX, Settings, get_settings
from api.db import make_engine, make_sessionmaker
from api.errors import NotFound, install_problem_handlers, problem_language, problem_response, problem_text
from api.events.routes import public_router as public_events
from api.events.routes import staff_router as staff_events
from api.groups.routes import public_router as public_groups
from api.groups.routes import staff_router as staff_groups
from api.integrations.caching import PublicCaching
from api.integrations.cors import OrganizationCors, OrganizationOrigins, OriginsLoader, origin_of
from api.integrations.routes import router as integrations
from api.integrations.routes import widget_router as widget
from api.logs import install_redaction
from api.memberships.routes import public_router as public_applications
from api.memberships.routes import staff_router as staff_memberships
from api.messages.routes import public_router as public_message_preferences
from api.messages.routes import staff_router as staff_messages
from api.middleware import BodySizeLimit, PrivacyHeaders
from api.notifications.routes import router as dev_mails
from api.notifications.sender import make_transport
from api.openapi import build_openapi
from api.organizations.models import Organization
from api.organizations.routes import public_router as public_orgs
from api.organizations.routes import staff_router as staff_org
from api.platform.routes import router as platform_cities
from api.privacy.routes import public_router as public_privacy
from api.privacy.routes import staff_router as staff_privacy
from api.processes.routes import public_router as public_processes
from api.processes.routes import staff_router as staff_processes
from api.ratelimit import make_rate_limiter
from api.registrations.routes import public_router as public_signup
from api.registrations.routes import staff_router as staff_registrations
from api.site.routes import group_page_router as group_page
from api.site.routes import process_page_router as process_page
from api.staff.routes import auth_router, me_router
from api.staff.routes import users_router as staff_users
from api.statistics.routes import router as staff_statistics
from api.translations.routes import router as staff_translations
from api.webhooks.routes import router as webhooks
from api.worker import run_forever

log = logging.getLogger("api")


class Health(BaseModel):
    status: str


system_router = APIRouter(tags=["system"])


@system_router.get("/health", response_model=Health, summary="Liveness with a database check")
async def get_health(request: Request) -> Health | JSONResponse:
    try:
        async with request.app.state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:
        log.exception("health check: database unreachable")
        language = problem_language(request)
        return problem_response(503, problem_text(language, "The database does not answer."), language=language)
    return Health(status="ok")


def _operation_id(route: APIRoute) -> str:
    # The endpoint's function name: stable, readable, and unique (checked by a test).
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    install_redaction()
    engine = make_engine(settings.database_url, echo=settings.database_echo)

    rate_limiter = make_rate_limiter(settings.redis_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        worker = None
        if settings.worker_in_process:
            transport = make_transport(settings)
            worker = asyncio.create_task(run_forever(app.state.sessionmaker, transport, settings))
        yield
        if worker is not None:
            worker.cancel()
            with suppress(asyncio.CancelledError):
                await worker
        await rate_limiter.close()
        await engine.dispose()

    app = FastAPI(
        title="Teilhabe API",
        version=__version__,
        description="Participation processes for municipal integration concepts: processes, "
        "thematic groups, events and sign-ups. Errors are RFC 9457 problem details.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessionmaker = make_sessionmaker(engine)
    app.state.rate_limiter = rate_limiter
    app.openapi = lambda: build_openapi(app)  # type: ignore[method-assign]

    install_problem_handlers(app)
    for router in (
        system_router,
        auth_router,
        me_router,
        public_orgs,
        integrations,  # before the events: /events/{id}.ics must not be read as an event id
        public_processes,
        process_page,
        public_groups,
        group_page,
        public_events,
        public_signup,
        public_applications,
        public_message_preferences,
        public_privacy,
    ):
        app.include_router(router, prefix=API_PREFIX)
    # Every change through a staff route lands in the audit log, in the same transaction.
    for router in (
        staff_org,
        staff_processes,
        staff_groups,
        staff_events,
        staff_registrations,
        staff_memberships,
        staff_allocations,
        staff_messages,
        staff_statistics,
        staff_translations,
        staff_privacy,
        staff_users,
        api_clients,
        webhooks,
        audit_log,
        platform_cities,
    ):
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(audit_trail, scope="function")])
    # Read-only and for development: nothing to audit, and in production it must answer 404 before any
    # token is looked at (the audit trail resolves the caller before a route's own dependencies run).
    app.include_router(dev_mails, prefix=API_PREFIX)
    app.include_router(widget)
    _serve_frontend(app, settings.frontend_dist)

    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["*"],
            allow_headers=["Authorization", "Content-Type", "Idempotency-Key", "If-None-Match"],
            # A frontend on another host reads the CSV's file name, the ETag and when to retry.
            expose_headers=["Content-Disposition", "ETag", "Retry-After", "Location"],
        )
    app.add_middleware(PublicCaching, hold_seconds=settings.public_answer_hold)
    app.add_middleware(GZipMiddleware, minimum_size=1000)  # outside the ETag: tags name the plain body
    app.state.organization_origins = OrganizationOrigins(_origins_loader(app))
    app.add_middleware(OrganizationCors, origins=app.state.organization_origins)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(PrivacyHeaders)  # outermost: every answer carries it, refusals included
    return app


def _origins_loader(app: FastAPI) -> OriginsLoader:
    async def load(slug: str) -> frozenset[str]:
        async with app.state.sessionmaker() as session:
            stored = await session.scalar(select(Organization.cors_origins).where(Organization.slug == slug))
        return frozenset(origin_of(origin) for origin in stored or [])

    return load


class _SitePath(Convertor[str]):
    """Any path but the API's. An API path never reaches the site, so a wrong method on an API route is
    Starlette's 405 with `Allow` (a partial match), as without the site, and an unknown one its 404."""

    regex = r"(?!api/).*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("site", _SitePath())


def _serve_frontend(app: FastAPI, dist: Path) -> None:
    """Serves the built single-page app; unknown paths outside /api get index.html (client routing)."""
    index = dist / "index.html"
    if not index.is_file():
        return
    root = dist.resolve()

    @app.get("/{path:site}", include_in_schema=False)
    async def frontend(path: str) -> FileResponse:
        if any(ord(char) < 32 for char in path):  # a NUL or a control character names no file and no page
            raise NotFound("There is nothing at this address.")
        return FileResponse(_site_file(root, path) or index)


def _site_file(root: Path, path: str) -> Path | None:
    """The built file at `path`, if there is one inside the site; a name too long for the file system is
    no file either."""
    if not path:
        return None
    try:
        candidate = (root / path).resolve()
        return candidate if candidate.is_file() and candidate.is_relative_to(root) else None
    except (OSError, ValueError):
        return None
