"""Writes a run's results: the whole JSON, and a short Markdown table for people and the README."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

ORDER = ("process_page", "event_list", "event", "ical", "staff_list", "staff_csv", "signup_rush")


def write(results: dict[str, Any], folder: Path) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = results["started_at"].replace(":", "").replace("-", "")[:15]
    text = json.dumps(results, indent=2, ensure_ascii=False)
    markdown = table(results)
    (folder / f"{results['mode']['name']}-{stamp}.json").write_text(text)
    (folder / f"{results['mode']['name']}-{stamp}.md").write_text(markdown)
    latest_json, latest_md = folder / "latest.json", folder / "latest.md"
    latest_json.write_text(text)
    latest_md.write_text(markdown)
    return latest_json, latest_md


def table(results: dict[str, Any]) -> str:
    mode, machine = results["mode"], results["machine"]
    large, small = mode["large"], mode["small"]
    lines = [
        f"Mode **{mode['name']}**, {results['started_at']}, {results.get('duration_s', '?')} s. "
        f"Large data: {large['registrations']:,} registrations, {large['events']:,} events, {large['cities']} cities; "
        f"small: {small['registrations']:,} registrations, {small['events']:,} events. "
        f"{mode['load']['workers']} uvicorn workers each for the API and the ceiling; "
        f"{mode['load']['repeats']} × {mode['load']['duration_s']} s per figure (median).",
        "",
        "| Scenario | Conn. | req/s | p50 ms | p95 ms | p99 ms | Ceiling req/s | Ceiling p99 ms "
        "| Ratio to ceiling (req/s) | Growth large/small: p50 (ceiling ratio) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    scenarios = results["scenarios"]
    for key in ORDER:
        if key in scenarios and "large" in scenarios[key]:
            lines.append(_row(key, scenarios[key]))
    lines.append("")
    rush = scenarios.get("signup_rush", {}).get("large")
    if rush:
        lines.append(_rush_line(rush))
    for key, why in results.get("skipped", {}).items():
        lines.append(f"- `{key}` skipped: {why}")
    lines += [
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gb']} GB, Linux {machine['kernel']}, "
        f"Python {machine['python']}, {machine['postgresql']}, {machine['wrk'].split(' Copyright')[0]}; "
        f"load average at start {_load(machine['load_average_start'])}, "
        f"at end {_load(machine.get('load_average_end'))} (shared with other work).",
        "",
    ]
    return "\n".join(lines)


def _row(key: str, measured: dict[str, Any]) -> str:
    large = measured["large"]
    api, ceiling = large["api"], large["ceiling"]
    growth = measured.get("growth")
    grown = f"{growth['p50_large_over_small']:.2f} ({growth['relative_to_ceiling']:.2f})" if growth else "–"
    errors = f" ⚠ {api['errors']} errors" if api["errors"] else ""
    return (
        f"| {measured['title']} (`{key}`){errors} | {large['connections']} | {api['rps']:,.1f} | {api['p50_ms']:.1f} "
        f"| {api['p95_ms']:.1f} | {api['p99_ms']:.1f} | {ceiling['rps']:,.0f} | {ceiling['p99_ms']:.1f} "
        f"| {large['ratio_rps']:.3f} | {grown} |"
    )


def _rush_line(rush: dict[str, Any]) -> str:
    api = rush["api"]
    seats = rush["seats"]
    held = ", ".join(f"{s['held']}/{s['capacity']}" for s in seats)
    return (
        f"Sign-up rush, all {len(seats)} repeats together: {api.get('answered', 0):,} answers "
        f"({api.get('seated', 0):,} seats held, "
        f"{api.get('waiting', 0):,} on the waiting list, {api.get('refused', 0):,} refused, {api['errors']} errors); "
        f"seats held per rush event / capacity: {held}; counter = seat-holding rows on every event; "
        f"**double-given seats: {rush['double_given_seats']}**."
    )


def _load(values: list[float] | None) -> str:
    return " / ".join(f"{v:.2f}" for v in values) if values else "?"
