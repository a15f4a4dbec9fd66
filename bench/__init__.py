"""Benchmarks of the Teilhabe API against the framework's own ceiling (`make bench`, `make bench-quick`).

A run loads a realistic city data set into its own PostgreSQL database, serves the API as production
does (several uvicorn workers, no debug), serves a minimal FastAPI app that answers the same bodies from
memory (the ceiling), drives both with wrk and writes `bench/results/latest.json` and `latest.md`.
"""
