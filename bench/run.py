"""One benchmark run: load the data, serve the API and the ceiling side by side, measure, compare.

Both servers run at the same time on their own ports and are measured in turns (ceiling, API, ceiling,
API …) so that whatever else this shared machine does at the moment weighs on both alike; the ratio of
the two is what a run reports first.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
import httpx

from api.security import hash_password
from bench import load as data
from bench import scenarios as sc
from bench.driver import Measurement, Request, run_rush, run_wrk
from bench.machine import describe
from bench.servers import ROOT, api_command, api_environment, ceiling_command, free_port, serving
from bench.sizes import DataSize, Mode

POSTGRES = "postgres@127.0.0.1:5432"
DATABASES = {"small": "teilhabe_bench_small", "large": "teilhabe_bench"}
RUSH_WARMUP_SIGNUPS = 200


def log(message: str) -> None:
    print(f"[bench {datetime.now().strftime('%H:%M:%S')}] {message}", flush=True)


def run(mode: Mode, results_dir: Path, only_large: bool = False) -> dict[str, Any]:
    started = time.monotonic()
    secret = secrets.token_urlsafe(48)
    results: dict[str, Any] = {
        "mode": mode.as_dict(),
        "started_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": describe(),
        "scenarios": {},
        "skipped": {},
        "data": {},
    }
    large = replace(mode.large, rush_events=mode.load.repeats + 1)
    phases = [(large, True)] if only_large else [(mode.small, False), (large, True)]
    for size, everything in phases:
        phase = _phase(mode, size, secret, results_dir, everything)
        results["data"][size.name] = phase.pop("data")
        for key, measured in phase["scenarios"].items():
            results["scenarios"].setdefault(key, {}).update(measured)
        results["skipped"].update(phase["skipped"])
    _growth(results)
    results["machine"]["load_average_end"] = list(_load_average())
    results["finished_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    results["duration_s"] = round(time.monotonic() - started)
    return results


def _phase(mode: Mode, size: DataSize, secret: str, results_dir: Path, everything: bool) -> dict[str, Any]:
    database = DATABASES[size.name]
    log(f"{size.name} data: {size.registrations:,} registrations in {size.events:,} events of {size.cities} cities")
    manifest = _prepare_database(database, size, secret)
    log(f"loaded in {manifest.seconds} s: {manifest.counts}")
    env = api_environment(f"postgresql+asyncpg://{POSTGRES}/{database}", secret)
    api_port, ceiling_port, load = free_port(), free_port(), mode.load
    logs = results_dir / "logs"
    phase: dict[str, Any] = {"data": {"counts": manifest.counts, "load_seconds": manifest.seconds}, "skipped": {}}
    with serving("api", api_command(api_port, load.workers), env, api_port, logs) as api:
        chosen = _scenarios(manifest, mode, api.base_url, everything, phase["skipped"])
        bodies = _record_bodies(api.base_url, manifest, chosen, results_dir / f"ceiling-{size.name}.json", everything)
        with serving(
            "ceiling", ceiling_command(ceiling_port, load.workers, bodies), env, ceiling_port, logs
        ) as ceiling:
            measured: dict[str, Any] = {}
            for scenario in chosen:
                if scenario.staff:
                    scenario = sc.with_token(scenario, sc.staff_token(api.base_url, manifest))
                log(f"{size.name}: {scenario.key} at {scenario.connections} connections")
                measured[scenario.key] = {size.name: _pair(scenario, api.base_url, ceiling.base_url, load)}
                measured[scenario.key]["title"] = scenario.title
            if everything:
                log(f"{size.name}: sign-up rush, {load.rush_signups:,} sign-ups at {load.rush_connections} connections")
                measured["signup_rush"] = {size.name: _rush(manifest, api.base_url, ceiling.base_url, load, database)}
                measured["signup_rush"]["title"] = (
                    f"Sign-up rush: {load.rush_signups:,} new people, {size.rush_capacity} seats with a waiting list"
                )
    phase["scenarios"] = measured
    return phase


def _scenarios(
    manifest: data.Manifest, mode: Mode, api_base_url: str, everything: bool, skipped: dict[str, str]
) -> list[sc.Scenario]:
    load = mode.load
    chosen = sc.public_reads(manifest, load.read_connections)
    feed = sc.ical_feed(manifest, load.read_connections, api_base_url)
    if feed is not None:
        chosen.append(feed)
    elif everything:
        skipped["ical"] = "no iCal feed yet: .../processes/{slug}/events.ics and .../events.ics answer 404"
    chosen += sc.staff_lists(manifest, load.staff_connections, load.csv_connections)
    return chosen if everything else [s for s in chosen if s.growth]


def _pair(scenario: sc.Scenario, api: str, ceiling: str, load: Any) -> dict[str, Any]:
    """Warms both up, then measures ceiling and API in turns; reports the median of each figure."""
    for base in (ceiling, api):
        run_wrk(base, scenario.request, connections=scenario.connections, duration_s=load.warmup_s)
    runs: dict[str, list[Measurement]] = {"ceiling": [], "api": []}
    for _ in range(load.repeats):
        for name, base in (("ceiling", ceiling), ("api", api)):
            runs[name].append(
                run_wrk(base, scenario.request, connections=scenario.connections, duration_s=load.duration_s)
            )
    return _compared(scenario.request, scenario.connections, runs)


def _rush(manifest: data.Manifest, api: str, ceiling: str, load: Any, database: str) -> dict[str, Any]:
    """Each API repeat opens a fresh event; the first one is the warm-up's."""
    warmup = sc.signup_request(manifest, manifest.rush_event_ids[0])
    connections = load.rush_connections
    for base in (ceiling, api):
        run_rush(base, warmup, signups=RUSH_WARMUP_SIGNUPS, connections=connections, run=f"warmup-{_tag()}")
    runs: dict[str, list[Measurement]] = {"ceiling": [], "api": []}
    checks = []
    for repeat in range(load.repeats):
        event_id = manifest.rush_event_ids[repeat + 1]
        request = sc.signup_request(manifest, event_id)
        # The ceiling answers thousands of sign-ups in a fraction of a second, too short to measure: it gets
        # the same requests at the same concurrency for the usual duration instead.
        runs["ceiling"].append(
            run_rush(ceiling, request, signups=10**9, connections=connections, run=_tag(), limit_s=load.duration_s)
        )
        runs["api"].append(run_rush(api, request, signups=load.rush_signups, connections=connections, run=_tag()))
        checks.append(_seats_given(database, event_id, runs["api"][-1]))
    result = _compared(request, connections, runs)
    result["seats"] = checks
    result["double_given_seats"] = sum(check["double_given"] for check in checks)
    return result


def _seats_given(database: str, event_id: str, measured: Measurement) -> dict[str, Any]:
    """No seat given twice: the seat-holding rows never outnumber the seats, the counter agrees with
    them, and no more people were told "your seat is held" than there are seats."""
    time.sleep(1)  # answers wrk stopped waiting for are still being written
    seats = asyncio.run(data.seats_check(f"postgresql://{POSTGRES}/{database}", event_id))
    told_seated = measured.extra.get("seated", 0)
    double_given = (
        max(0, seats["held"] - seats["capacity"])
        + abs(seats["seats_taken"] - seats["held"])
        + max(0, told_seated - seats["capacity"])
    )
    return {**seats, "told_seated": told_seated, "double_given": double_given}


def _compared(request: Request, connections: int, runs: dict[str, list[Measurement]]) -> dict[str, Any]:
    api, ceiling = _median(runs["api"]), _median(runs["ceiling"])
    return {
        "request": f"{request.method} {request.path}",
        "connections": connections,
        "api": api,
        "ceiling": ceiling,
        "ratio_rps": round(api["rps"] / ceiling["rps"], 4) if ceiling["rps"] else None,
        "ratio_p99": round(api["p99_ms"] / ceiling["p99_ms"], 2) if ceiling["p99_ms"] else None,
        "runs": {name: [asdict(m) for m in measured] for name, measured in runs.items()},
    }


def _median(measured: list[Measurement]) -> dict[str, Any]:
    figures = ("rps", "p50_ms", "p90_ms", "p95_ms", "p99_ms", "mean_ms", "max_ms")
    result: dict[str, Any] = {name: round(statistics.median(getattr(m, name) for m in measured), 3) for name in figures}
    result["requests"] = sum(m.requests for m in measured)
    result["errors"] = sum(m.errors for m in measured)
    for key in measured[0].extra:
        result[key] = sum(m.extra.get(key, 0) for m in measured)
    return result


def _growth(results: dict[str, Any]) -> None:
    """How a list's cost grows from the small to the large data: its p50 latency large ÷ small, and its
    ratio to the ceiling small ÷ large (the ceiling measured beside it takes out how busy the machine was
    at either moment; its throughput is steadier than its p50 of a millisecond or two). 1 = bounded."""
    for measured in results["scenarios"].values():
        small, large = measured.get("small"), measured.get("large")
        if not small or not large:
            continue
        raw = large["api"]["p50_ms"] / small["api"]["p50_ms"]
        relative = small["ratio_rps"] / large["ratio_rps"]
        measured["growth"] = {"p50_large_over_small": round(raw, 2), "relative_to_ceiling": round(relative, 2)}


def _record_bodies(api: str, manifest: data.Manifest, chosen: list[sc.Scenario], path: Path, everything: bool) -> Path:
    """The answers the ceiling app gives: the API's own, byte for byte."""
    recorded = []
    for scenario in chosen:
        if scenario.staff:
            scenario = sc.with_token(scenario, sc.staff_token(api, manifest))
        answer = httpx.request(
            scenario.request.method, api + scenario.request.path, headers=scenario.request.headers, timeout=120
        )
        answer.raise_for_status()
        recorded.append(_recording(scenario.request.method, scenario.request.route, answer))
    if everything:
        answer = httpx.post(
            api + sc.signup_request(manifest, manifest.rush_event_ids[0]).path, json=_person(), timeout=60
        )
        answer.raise_for_status()
        recorded.append(_recording("POST", sc.rush_route(manifest), answer))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(recorded))
    return path


def _recording(method: str, route: str, answer: httpx.Response) -> dict[str, Any]:
    kept = {name: answer.headers[name] for name in ("content-disposition",) if name in answer.headers}
    return {
        "method": method,
        "route": route,
        "status": answer.status_code,
        "content_type": answer.headers["content-type"],
        "headers": kept,
        "body": base64.b64encode(answer.content).decode(),
    }


def _person() -> dict[str, Any]:
    who = f"recording-{_tag()}"
    return {
        "full_name": "Rush Recording",
        "email": f"{who}@example.org",
        "consent": {"privacy_notice_version": 1},
        "answers": {"childcare": False, "interpretation": "Arabisch"},
    }


def _prepare_database(database: str, size: DataSize, secret: str) -> data.Manifest:
    asyncio.run(_recreate(database))
    env = api_environment(f"postgresql+asyncpg://{POSTGRES}/{database}", secret)
    subprocess.run([sys.executable, "-m", "api", "migrate"], cwd=ROOT, env=env, check=True, capture_output=True)
    password_hash = hash_password(sc.STAFF_PASSWORD)
    dsn = f"postgresql://{POSTGRES}/{database}"
    return asyncio.run(data.load(dsn, size, secret, password_hash, datetime.now(UTC)))


async def _recreate(database: str) -> None:
    connection = await asyncpg.connect(f"postgresql://{POSTGRES}/postgres")
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{database}"')
    finally:
        await connection.close()


def _tag() -> str:
    return secrets.token_hex(4)


def _load_average() -> tuple[float, float, float]:
    return os.getloadavg()
