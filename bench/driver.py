"""Drives load with wrk, from its own process, and reads its result.

wrk is a C load generator with an event loop per thread: on this two-core machine it needs a fraction
of a core to saturate a Python server, where a Python client (httpx) would need a core of its own and
become the bottleneck it is meant to measure. Its latency histogram (HdrHistogram) gives exact
percentiles, and its Lua hooks give each sign-up a new person and count the answers.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

WRK_SCRIPTS = Path(__file__).resolve().parent / "wrk"
MARKER = "BENCH_JSON "


class WrkMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Request:
    """What one scenario sends: method, path with query, headers."""

    method: str
    path: str
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def route(self) -> str:
        return self.path.split("?", 1)[0]


@dataclass(frozen=True)
class Measurement:
    requests: int
    seconds: float
    rps: float
    p50_ms: float
    p90_ms: float
    p95_ms: float
    p99_ms: float
    mean_ms: float
    max_ms: float
    errors: int
    extra: dict[str, int]

    @classmethod
    def from_wrk(cls, raw: dict[str, float]) -> Measurement:
        seconds = raw["duration_us"] / 1e6
        known = {"requests", "duration_us", "bytes", "latency_mean_us", "latency_max_us"}
        known |= {f"p{p}_us" for p in ("50", "90", "95", "99", "99_9")}
        errors = sum(int(value) for key, value in raw.items() if key.startswith("errors_"))
        return cls(
            requests=int(raw["requests"]),
            seconds=round(seconds, 3),
            rps=round(raw["requests"] / seconds, 1) if seconds else 0.0,
            p50_ms=raw["p50_us"] / 1000,
            p90_ms=raw["p90_us"] / 1000,
            p95_ms=raw["p95_us"] / 1000,
            p99_ms=raw["p99_us"] / 1000,
            mean_ms=round(raw["latency_mean_us"] / 1000, 3),
            max_ms=raw["latency_max_us"] / 1000,
            errors=errors,
            extra={k: int(v) for k, v in raw.items() if k not in known and not k.startswith("errors_")},
        )


def wrk_path() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise WrkMissing("wrk is not installed: `apt-get install -y wrk` (make bench installs it when run as root)")
    return found


def run_wrk(
    base_url: str,
    request: Request,
    *,
    connections: int,
    duration_s: int,
    threads: int = 2,
    timeout_s: int = 30,
) -> Measurement:
    """`connections` clients send `request` back to back for `duration_s` seconds."""
    command = _command(base_url, request, connections, duration_s, threads, timeout_s, "get.lua")
    done = subprocess.run(command, capture_output=True, text=True, timeout=duration_s + timeout_s + 60, check=False)  # noqa: S603
    return _result(done.stdout, done.stderr, done.returncode)


def run_rush(
    base_url: str, request: Request, *, signups: int, connections: int, run: str, threads: int = 2, limit_s: int = 600
) -> Measurement:
    """`signups` new people sign up through `connections` clients; wrk is stopped once all have answers."""
    with tempfile.TemporaryDirectory(prefix="bench-rush-") as folder:
        marker = f"{folder}/done"
        command = _command(base_url, request, connections, limit_s, threads, 60, "signup.lua")
        command += ["--", run, str(signups), str(threads), marker]
        wrk = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # noqa: S603
        while wrk.poll() is None and len(list(Path(folder).iterdir())) < threads:
            time.sleep(0.01)
        if wrk.poll() is None:
            wrk.send_signal(signal.SIGINT)  # wrk stops and reports the time it really ran
        stdout, stderr = wrk.communicate(timeout=120)
        return _result(stdout, stderr, wrk.returncode)


def _command(
    base_url: str, request: Request, connections: int, duration_s: int, threads: int, timeout_s: int, script: str
) -> list[str]:
    command = [
        wrk_path(),
        f"--threads={min(threads, connections)}",
        f"--connections={connections}",
        f"--duration={duration_s}s",
        f"--timeout={timeout_s}s",
        f"--script={WRK_SCRIPTS / script}",
    ]
    for name, value in request.headers.items():
        command += ["--header", f"{name}: {value}"]
    return [*command, base_url + request.path]


def _result(stdout: str, stderr: str, returncode: int | None) -> Measurement:
    for line in stdout.splitlines():
        if line.startswith(MARKER):
            return Measurement.from_wrk(json.loads(line.removeprefix(MARKER)))
    raise RuntimeError(f"wrk gave no result (exit {returncode}): {stderr.strip() or stdout.strip()}")
