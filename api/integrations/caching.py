"""HTTP caching of the public API: an ETag on every public GET, 304 for a matching If-None-Match, and
Cache-Control that lets browsers, the CMS and apps keep public data a minute. Everything outside the
public part (staff, manage links, auth) is `no-store`: it carries personal data or secrets."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import API_PREFIX

PUBLIC_PREFIXES = (f"{API_PREFIX}/orgs", "/widget/")
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
PRIVATE_CACHE_CONTROL = "no-store"


def etag_of(body: bytes) -> str:
    """A weak tag: the same for the plain and the gzip-compressed answer, which mean the same."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: weak comparison, a list of tags, or `*`."""
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


class PublicCaching:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith((API_PREFIX + "/", "/widget/")):
            await self.app(scope, receive, send)  # the single-page app and the API docs
            return
        public = scope["method"] in ("GET", "HEAD") and path.startswith(PUBLIC_PREFIXES)
        if not public:
            await self.app(scope, receive, _with_cache_control(send, PRIVATE_CACHE_CONTROL))
            return
        await self._public(scope, receive, send)

    async def _public(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Holds the answer back until its body is complete, to tag it (public answers are small)."""
        start: Message | None = None
        chunks: list[bytes] = []

        async def buffered(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                start = message
                return
            if message["type"] != "http.response.body" or start is None:
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            await _finish(scope, start, b"".join(chunks), send)

        await self.app(scope, receive, buffered)


async def _finish(scope: Scope, start: Message, body: bytes, send: Send) -> None:
    headers = MutableHeaders(scope=start)
    if start["status"] != 200:
        headers.setdefault("Cache-Control", PRIVATE_CACHE_CONTROL if start["status"] >= 500 else "no-cache")
        await send(start)
        await send({"type": "http.response.body", "body": body})
        return
    etag = etag_of(body)
    headers["ETag"] = etag
    headers.setdefault("Cache-Control", PUBLIC_CACHE_CONTROL)
    headers.add_vary_header("Origin")  # a city's CMS origin gets CORS headers others do not
    if matches(Headers(scope=scope).get("if-none-match", ""), etag):
        not_modified = MutableHeaders()
        for name in ("etag", "cache-control", "vary", "access-control-allow-origin", "access-control-expose-headers"):
            if name in headers:
                not_modified[name] = headers[name]
        await send({"type": "http.response.start", "status": 304, "headers": not_modified.raw})
        await send({"type": "http.response.body", "body": b""})
        return
    await send(start)
    await send({"type": "http.response.body", "body": body})


def _with_cache_control(send: Send, value: str) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            MutableHeaders(scope=message).setdefault("Cache-Control", value)
        await send(message)

    return sending
