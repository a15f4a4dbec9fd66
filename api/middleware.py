"""ASGI middleware that guards every request before it reaches a route."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.config import API_PREFIX
from api.errors import problem_response


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
            response = problem_response(413, self._detail())
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
                    raise HTTPException(413, self._detail())
            return message

        await self.app(scope, limited_receive, send)

    def _detail(self) -> str:
        return f"The request body is larger than {self.max_bytes} bytes."


# Pages and API routes that handle the secret of a mailed link (the site's manage and set-password pages,
# the API's manage routes and the staff's login and link routes): they send no Referer anywhere.
_HANDLES_A_SECRET = (
    "/manage/",
    "/staff/invitation",
    "/staff/password-reset",
    f"{API_PREFIX}/manage/",
    f"{API_PREFIX}/auth/",
)


def referrer_policy(path: str) -> bytes:
    """`no-referrer` where a secret is handled; elsewhere the address goes to this site only."""
    secret = path == "/manage" or any(path.startswith(prefix) for prefix in _HANDLES_A_SECRET)
    return b"no-referrer" if secret else b"same-origin"


class ReferrerPolicy:
    """Sends `Referrer-Policy` with every answer, so no page tells another site which address it came from."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = referrer_policy(scope["path"])

        async def with_policy(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"referrer-policy"]
                message = {**message, "headers": [*headers, (b"referrer-policy", policy)]}
            await send(message)

        await self.app(scope, receive, with_policy)
