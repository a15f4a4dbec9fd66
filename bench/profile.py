"""Where one scenario's time goes: py-spy samples a one-worker API while wrk drives the scenario.

    python -m bench profile rush          # writes bench/results/profile-rush.txt (+ .folded for speedscope)

One worker, because py-spy follows one process; the quick data set, loaded into its own database
(`--reuse` keeps it from the last profile). The summary lists the functions by the share of samples
they were on the stack (inclusive) and at its top (self). py-spy sees the CPU: time a request spends
waiting for PostgreSQL or a row lock shows up only as the event loop waiting.
"""

from __future__ import annotations

import asyncio
import re
import secrets
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import asyncpg

from bench import scenarios as sc
from bench.driver import run_rush, run_wrk
from bench.load import Manifest
from bench.run import POSTGRES, _prepare_database, log
from bench.servers import api_command, api_environment, free_port, serving
from bench.sizes import QUICK

DATABASE = "teilhabe_bench_profile"
FRAME = re.compile(r"^(?P<function>.*?) \((?P<file>[^:()]+)(?::\d+)?\)$")


def profile(scenario: str, seconds: int, results: Path, reuse: bool = False) -> Path:
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or shutil.which("py-spy")
    if py_spy is None:
        raise SystemExit("py-spy is missing: pip install -e '.[bench]'")
    secret = secrets.token_urlsafe(48)
    manifest = _manifest(secret, reuse)
    env = api_environment(f"postgresql+asyncpg://{POSTGRES}/{DATABASE}", secret)
    port, folded = free_port(), results / f"profile-{scenario}.folded"
    results.mkdir(parents=True, exist_ok=True)
    with serving("api-profile", api_command(port, 1), env, port, results / "logs") as api:
        command = [py_spy, "record", "--pid", str(api.process.pid), "--duration", str(seconds)]
        command += ["--rate", "200", "--nonblocking", "--format", "raw", "--output", str(folded)]
        spy = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)  # noqa: S603
        measured = _drive(scenario, manifest, api.base_url, seconds)
        spy.wait(timeout=seconds + 60)
    summary = results / f"profile-{scenario}.txt"
    summary.write_text(f"{scenario}: {measured}\n\n" + summarize(folded))
    log(f"profile: {summary} (flame graph: load {folded} into https://www.speedscope.app)")
    print(summary.read_text()[:6000])
    return summary


def _manifest(secret: str, reuse: bool) -> Manifest:
    size = replace(QUICK.large, rush_events=1)
    if not reuse:
        return _prepare_database(DATABASE, size, secret)
    manifest = Manifest(size=size)
    manifest.big_event_id, manifest.rush_event_ids = asyncio.run(_special_events())
    return manifest


async def _special_events() -> tuple[str, list[str]]:
    """The big event, and a fresh copy of the rush event (the last profile filled the old one)."""
    connection = await asyncpg.connect(f"postgresql://{POSTGRES}/{DATABASE}")
    try:
        big = await connection.fetchval("SELECT id FROM events WHERE title = 'Integrationskonferenz'")
        fresh = await connection.fetchval(
            """
            INSERT INTO events
            SELECT (jsonb_populate_record(NULL::events,
                to_jsonb(e) || jsonb_build_object('id', gen_random_uuid(), 'seats_taken', 0))).*
            FROM events e WHERE title = 'Stadtteilkonferenz 1' LIMIT 1
            RETURNING id
            """
        )
    finally:
        await connection.close()
    return str(big), [str(fresh)]


def _drive(scenario: str, manifest: Manifest, base_url: str, seconds: int) -> object:
    if scenario == "rush":
        request = sc.signup_request(manifest, manifest.rush_event_ids[0])
        return run_rush(
            base_url, request, signups=1_000_000, connections=100, run=secrets.token_hex(4), limit_s=seconds
        )
    chosen = {s.key: s for s in sc.public_reads(manifest, 32) + sc.staff_lists(manifest, 16, 4)}[scenario]
    if chosen.staff:
        chosen = sc.with_token(chosen, sc.staff_token(base_url, manifest))
    return run_wrk(base_url, chosen.request, connections=chosen.connections, duration_s=seconds)


def summarize(folded: Path, top: int = 45) -> str:
    """Inclusive and self shares per function from py-spy's folded stacks ("frame;frame;… count")."""
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in folded.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        total += count
        frames = [_name(frame) for frame in stack.split(";")]
        for name in set(frames):
            inclusive[name] += count
        own[frames[-1]] += count
    if not total:
        return "no samples\n"
    lines = [f"{total} samples", "", "inclusive %  function"]
    lines += [f"{100 * n / total:10.1f}  {name}" for name, n in inclusive.most_common(top)]
    lines += ["", "self %  function"]
    lines += [f"{100 * n / total:6.1f}  {name}" for name, n in own.most_common(top)]
    return "\n".join(lines) + "\n"


def _name(frame: str) -> str:
    match = FRAME.match(frame.strip())
    if not match:
        return frame.strip()
    path = match["file"]
    for marker in ("site-packages/", "/work/main/", "python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{match['function']} ({path})"
