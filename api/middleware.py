"""ASGI middleware that guards every request before it reaches a route."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import API_PREFIX
from api.errors import HTTPProblem, problem_language, problem_response, problem_text

_BODY_TOO_LARGE = "The request body is larger than {max_bytes} bytes."


class BodySizeLimit:
    """Refuses request bodies over the limit with 413, whether announced by Content-Length or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            # Answered before the app, so in the caller's language here, as the problem handlers would.
            language = problem_language(Request(scope))
            detail = problem_text(language, _BODY_TOO_LARGE, max_bytes=self.max_bytes)
            response = problem_response(413, detail, language=language)
            await response(scope, receive, send)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # Raised inside the app, so the problem handlers answer it like any other error.
                    raise HTTPProblem(413, _BODY_TOO_LARGE, {"max_bytes": self.max_bytes})
            return message

        await self.app(scope, limited_receive, send)


# Pages and API routes that handle the secret of a mailed link (the site's manage and set-password pages,
# the API's manage routes and the staff's login and link routes): they send no Referer anywhere.
_HANDLES_A_SECRET = (
    "/manage/",
    "/staff/invitation",
    "/staff/password-reset",
    f"{API_PREFIX}/manage/",
    f"{API_PREFIX}/auth/",
)


# The site's pages that read a link's secret load nothing from anywhere else: no script, style, image or
# frame of another origin could ever read the secret or learn the page's address.
_SECRET_PAGE_CSP = (
    b"default-src 'self'; img-src 'self' data: blob:; object-src 'none'; base-uri 'none'; "
    b"frame-ancestors 'none'; form-action 'self'"
)


def _handles_a_secret(path: str) -> bool:
    return path == "/manage" or any(path.startswith(prefix) for prefix in _HANDLES_A_SECRET)


def referrer_policy(path: str) -> bytes:
    """`no-referrer` where a secret is handled, and on the built scripts: a script that loads a further
    part of the site (another language's words, a page's code) names no address it runs on; elsewhere
    the address goes to this site only."""
    return b"no-referrer" if _handles_a_secret(path) or path.startswith("/assets/") else b"same-origin"


def privacy_headers(path: str) -> list[tuple[bytes, bytes]]:
    headers = [(b"referrer-policy", referrer_policy(path))]
    if _handles_a_secret(path) and not path.startswith(f"{API_PREFIX}/"):
        headers.append((b"content-security-policy", _SECRET_PAGE_CSP))
    return headers


class PrivacyHeaders:
    """Sends `Referrer-Policy` with every answer, so no page tells another site which address it came from,
    and keeps the pages that read a link's secret to resources of this site (`Content-Security-Policy`)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        added = privacy_headers(scope["path"])
        names = {name for name, _ in added}

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() not in names]
                message = {**message, "headers": [*headers, *added]}
            await send(message)

        await self.app(scope, receive, with_headers)
