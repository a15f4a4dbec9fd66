"""`python -m bench run --mode quick|full` and `python -m bench profile <scenario>`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bench.driver import WrkMissing, wrk_path
from bench.sizes import MODES, with_overrides

RESULTS = Path(__file__).resolve().parent / "results"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description="Teilhabe benchmarks")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="load data, serve API and ceiling, measure, write results")
    run.add_argument("--mode", choices=sorted(MODES), default="quick")
    run.add_argument("--workers", type=int, help="uvicorn workers of the API and of the ceiling")
    run.add_argument("--repeats", type=int, help="measurements per figure (the median is reported)")
    run.add_argument("--duration", type=int, dest="duration_s", help="seconds per measurement")
    run.add_argument("--only-large", action="store_true", help="skip the small data set (no growth figures)")
    run.add_argument("--results", type=Path, default=RESULTS)

    profile = commands.add_parser("profile", help="py-spy profile of one scenario against a one-worker API")
    profile.add_argument("scenario", choices=["process_page", "event_list", "event", "staff_list", "staff_csv", "rush"])
    profile.add_argument("--seconds", type=int, default=20)
    profile.add_argument("--results", type=Path, default=RESULTS)
    profile.add_argument("--reuse", action="store_true", help="profile against the data of the last quick run")

    args = parser.parse_args(argv)
    try:
        wrk_path()
    except WrkMissing as exc:
        sys.exit(str(exc))
    if args.command == "run":
        _run(args)
    else:
        from bench.profile import profile as run_profile

        run_profile(args.scenario, args.seconds, args.results, reuse=args.reuse)


def _run(args: argparse.Namespace) -> None:
    from bench import report
    from bench.run import log, run

    mode = with_overrides(MODES[args.mode], workers=args.workers, repeats=args.repeats, duration_s=args.duration_s)
    results = run(mode, args.results, only_large=args.only_large)
    latest_json, latest_md = report.write(results, args.results)
    print(latest_md.read_text())
    log(f"results: {latest_json}, {latest_md}")
    rush = results["scenarios"].get("signup_rush", {}).get("large")
    if rush and rush["double_given_seats"]:
        sys.exit(f"a seat was given twice: {rush['seats']}")


if __name__ == "__main__":
    main()
