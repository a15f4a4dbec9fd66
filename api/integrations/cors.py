"""CORS per organization: a city's public API answers may be read by scripts on the origins the city
configured (its CMS, for the widget), and by no other. The server-wide TEILHABE_CORS_ORIGINS (the
frontend on another host) are handled by Starlette's CORSMiddleware further in."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import API_PREFIX

_ORG_PATH = re.compile(rf"^{re.escape(API_PREFIX)}/orgs/([a-z0-9-]+)(?:/|$)")
ALLOWED_METHODS = "GET, POST, OPTIONS"
ALLOWED_HEADERS = "Content-Type, Idempotency-Key, If-None-Match"
EXPOSED_HEADERS = "ETag, Retry-After, Location"
# Several API processes each keep their own copy: a change of the origins is seen within this time.
CACHE_SECONDS = 30.0

OriginsLoader = Callable[[str], Coroutine[Any, Any, frozenset[str]]]


def origin_of(url: str) -> str:
    """`https://Example.org:443/path/` → `https://example.org:443`: what browsers send as Origin."""
    parts = urlsplit(url.strip())
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


class OrganizationOrigins:
    """The allowed origins per organization slug, kept briefly in memory."""

    def __init__(self, load: OriginsLoader) -> None:
        self._load = load
        self._cache: dict[str, tuple[float, frozenset[str]]] = {}

    async def of(self, slug: str) -> frozenset[str]:
        cached = self._cache.get(slug)
        if cached is not None and cached[0] > time.monotonic():
            return cached[1]
        origins = await self._load(slug)
        self._cache[slug] = (time.monotonic() + CACHE_SECONDS, origins)
        return origins

    def forget(self, slug: str) -> None:
        """Called when the city changes its origins, so this process applies them at once."""
        self._cache.pop(slug, None)


class OrganizationCors:
    def __init__(self, app: ASGIApp, origins: OrganizationOrigins) -> None:
        self.app = app
        self.origins = origins

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _ORG_PATH.match(scope.get("path", "")) if scope["type"] == "http" else None
        origin = Headers(scope=scope).get("origin") if match else None
        if match is None or origin is None or origin_of(origin) not in await self.origins.of(match.group(1)):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin)(scope, receive, send)
            return
        await self.app(scope, receive, _allowing(send, origin))

    @staticmethod
    def _preflight(origin: str) -> Response:
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": origin,
                "Access-Control-Allow-Methods": ALLOWED_METHODS,
                "Access-Control-Allow-Headers": ALLOWED_HEADERS,
                "Access-Control-Max-Age": "600",
                "Vary": "Origin",
            },
        )


def _allowing(send: Send, origin: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            headers["Access-Control-Allow-Origin"] = origin
            headers["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
            headers.add_vary_header("Origin")
        await send(message)

    return sending
