"""Starting and stopping the servers under test: the API as production runs it, and the ceiling app."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
HEALTH = "/api/v1/health"


@dataclass(frozen=True)
class Server:
    name: str
    base_url: str
    process: subprocess.Popen[bytes]
    log: Path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def api_environment(database_url: str, secret: str) -> dict[str, str]:
    """Production settings: no debug, no in-process worker, no access log; the rate limits are off so
    that one load generator can stand in for hundreds of people."""
    return {
        **os.environ,
        "TEILHABE_ENVIRONMENT": "production",
        "TEILHABE_SECRET_KEY": secret,
        "TEILHABE_DATABASE_URL": database_url,
        "TEILHABE_WORKER_IN_PROCESS": "false",
        "TEILHABE_RATE_LIMIT_SIGNUP": "",
        "TEILHABE_RATE_LIMIT_CONFIRM": "",
        "TEILHABE_RATE_LIMIT_LOGIN": "",
        "TEILHABE_UNCONFIRMED_PER_CLIENT": "1000",
        "TEILHABE_LOG_LEVEL": "warning",
        "TEILHABE_MAIL_TRANSPORT": "capture",
        "TEILHABE_FRONTEND_DIST": "/nonexistent",
    }


def api_command(port: int, workers: int) -> list[str]:
    return [sys.executable, "-m", "api", "serve", "--workers", str(workers), "--host", HOST, "--port", str(port)]


def ceiling_command(port: int, workers: int, bodies: Path) -> list[str]:
    return [sys.executable, "-m", "bench.ceiling", str(bodies), "--workers", str(workers), "--port", str(port)]


@contextmanager
def serving(name: str, command: list[str], env: dict[str, str], port: int, logs: Path) -> Iterator[Server]:
    """Runs the server in its own process group, so that stopping it stops its uvicorn workers too."""
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603 - our own command line
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(name=name, base_url=f"http://{HOST}:{port}", process=process, log=log)
    try:
        _wait_until_healthy(server)
        yield server
    finally:
        _stop(process)


def _wait_until_healthy(server: Server, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.name} exited at start; see {server.log}")
        try:
            if httpx.get(server.base_url + HEALTH, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{server.name} did not answer {HEALTH} within {timeout_s:.0f} s; see {server.log}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
