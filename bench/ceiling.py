"""The framework's ceiling: a minimal FastAPI app that answers each scenario's request with the body the
real API gave, from memory. Same uvicorn, same workers, same log level as the API, so the difference
between the two is what the API does per request (database, validation, serialization, auth).

    python -m bench.ceiling bodies.json --workers 2 --port 8702
"""

from __future__ import annotations

import argparse
import base64
import json
import os
from collections.abc import Awaitable, Callable
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Request, Response

BODIES_ENV = "BENCH_CEILING_BODIES"


def create_app() -> FastAPI:
    app = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    app.add_api_route("/api/v1/health", _answer(200, "application/json", b'{"status":"ok"}'), methods=["GET"])
    for recorded in json.loads(Path(os.environ[BODIES_ENV]).read_text()):
        body = base64.b64decode(recorded["body"])
        endpoint = _answer(recorded["status"], recorded["content_type"], body, recorded.get("headers") or {})
        app.add_api_route(recorded["route"], endpoint, methods=[recorded["method"]])
    return app


def _answer(
    status: int, content_type: str, body: bytes, headers: dict[str, str] | None = None
) -> Callable[[Request], Awaitable[Response]]:
    async def answer(request: Request) -> Response:
        await request.body()  # a sign-up's body is received as the API receives it
        return Response(content=body, status_code=status, media_type=content_type, headers=headers)

    return answer


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ceiling")
    parser.add_argument("bodies", type=Path, help="the recorded answers (written by the benchmark)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8702)
    args = parser.parse_args()
    os.environ[BODIES_ENV] = str(args.bodies.resolve())
    # The API's own settings (api/cli.py cmd_serve) with TEILHABE_LOG_LEVEL=warning.
    uvicorn.run(
        "bench.ceiling:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
        proxy_headers=True,
    )


if __name__ == "__main__":
    main()
