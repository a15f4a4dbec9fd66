"""HTTP caching of the public API: an ETag on every public GET, 304 for a matching If-None-Match, and
Cache-Control. Answers that carry seat or place counts (events, groups, a process's page, open data,
JSON-LD) must be revalidated every time (`no-cache`: a 304 while nothing changed, so it stays cheap), so
a resident never sees seats a minute old; the rest (cities, the privacy notice, calendar feeds, the
widget's script) may be kept a minute. Everything outside the public part (staff, manage links, auth)
is `no-store`: it carries personal data or secrets."""

from __future__ import annotations

import hashlib
import re
import time

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import API_PREFIX

PUBLIC_PREFIXES = (f"{API_PREFIX}/orgs", "/widget/")
PUBLIC_CACHE_CONTROL = "public, max-age=60, stale-while-revalidate=300"
SEATS_CACHE_CONTROL = "public, no-cache"
PRIVATE_CACHE_CONTROL = "no-store"
# Public answers without seat or place counts: the cities, one city, its privacy notice and process
# list, the calendar feeds (no counts in iCalendar) and the widget's script.
_WITHOUT_SEATS = re.compile(rf"^{API_PREFIX}/orgs(/[^/]+(/privacy-notice|/processes)?)?$|\.ics$|^/widget/")


def cache_control_of(path: str) -> str:
    """How long a public answer may be kept: a minute, or not without asking again when it counts seats."""
    return PUBLIC_CACHE_CONTROL if _WITHOUT_SEATS.search(path) else SEATS_CACHE_CONTROL


def etag_of(body: bytes) -> str:
    """A weak tag: the same for the plain and the gzip-compressed answer, which mean the same."""
    return 'W/"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """RFC 9110 13.1.2: weak comparison, a list of tags, or `*`."""
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag.removeprefix("W/") in tags


class PublicCaching:
    """Tags public answers, and with `hold_seconds` keeps each finished 200 answer that long in this
    process: during a rush on a city's pages one worker answers the same address from memory instead
    of the database. A couple of seconds (2 in production): seat counts stay within seconds of the truth."""

    def __init__(self, app: ASGIApp, hold_seconds: float = 0.0, max_entries: int = 2048) -> None:
        self.app = app
        self.hold_seconds = hold_seconds
        self.max_entries = max_entries
        self._held: dict[tuple[str, bytes], tuple[float, Message, bytes]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith((API_PREFIX + "/", "/widget/")):
            await self.app(scope, receive, send)  # the single-page app and the API docs
            return
        public = scope["method"] in ("GET", "HEAD") and path.startswith(PUBLIC_PREFIXES)
        if not public:
            await self.app(scope, receive, _with_cache_control(send, PRIVATE_CACHE_CONTROL))
            return
        # The language is part of what an answer is: one held answer per Accept-Language the readers send.
        key = (path, scope.get("query_string", b"") + b"|" + Headers(scope=scope).get("accept-language", "").encode())
        held = self._held.get(key) if scope["method"] == "GET" else None
        if held is not None and held[0] > clock():
            await _finish(scope, _copy(held[1]), held[2], send)
            return
        await self._public(scope, receive, send, key)

    async def _public(self, scope: Scope, receive: Receive, send: Send, key: tuple[str, bytes]) -> None:
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
            body = b"".join(chunks)
            _tag_language(scope, start)
            if self.hold_seconds > 0 and start["status"] == 200 and scope["method"] == "GET":
                self._hold(key, _copy(start), body)
            await _finish(scope, start, body, send)

        await self.app(scope, receive, buffered)

    def _hold(self, key: tuple[str, bytes], start: Message, body: bytes) -> None:
        if len(self._held) >= self.max_entries:
            now = clock()
            self._held = {k: v for k, v in self._held.items() if v[0] > now}
            if len(self._held) >= self.max_entries:
                self._held.pop(next(iter(self._held)))  # the oldest
        self._held[key] = (clock() + self.hold_seconds, start, body)


def _tag_language(scope: Scope, start: Message) -> None:
    """Says which language the answer is in (chosen by api.deps.reading_language), and that it depends on
    the reader's Accept-Language, so shared caches keep one copy per language."""
    language = (scope.get("state") or {}).get("content_language")
    if not language:
        return
    headers = MutableHeaders(scope=start)
    headers["Content-Language"] = language
    headers.add_vary_header("Accept-Language")


def clock() -> float:
    return time.monotonic()


def _copy(start: Message) -> Message:
    return {**start, "headers": list(start.get("headers", []))}


async def _finish(scope: Scope, start: Message, body: bytes, send: Send) -> None:
    headers = MutableHeaders(scope=start)
    if start["status"] != 200:
        headers.setdefault("Cache-Control", PRIVATE_CACHE_CONTROL if start["status"] >= 500 else "no-cache")
        await send(start)
        await send({"type": "http.response.body", "body": body})
        return
    # The same bytes in two languages (a text nobody translated) are still two answers.
    etag = etag_of(body + headers.get("content-language", "").encode())
    headers["ETag"] = etag
    headers.setdefault("Cache-Control", cache_control_of(scope.get("path", "")))
    headers.add_vary_header("Origin")  # a city's CMS origin gets CORS headers others do not
    if matches(Headers(scope=scope).get("if-none-match", ""), etag):
        not_modified = MutableHeaders()
        kept = ("etag", "cache-control", "vary", "content-language")
        for name in (*kept, "access-control-allow-origin", "access-control-expose-headers"):
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
