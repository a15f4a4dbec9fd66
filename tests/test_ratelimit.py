"""Rate limits on the public endpoints: parsing, both backends, the dependency's 429, and failure modes.

Redis: redis://127.0.0.1:6379/15 (override with TEST_REDIS_URL). Each test uses a random bucket prefix and
deletes only its own keys. Without Redis the Redis half is skipped loudly, except under CI=true, where
that is a failure.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import time
from collections.abc import AsyncIterator, Iterator
from types import SimpleNamespace

import httpx
import pytest
from fastapi import Depends, FastAPI
from redis import Redis as SyncRedis
from redis.exceptions import RedisError

from api.errors import install_problem_handlers
from api.ratelimit import (
    KEY_PREFIX,
    Limit,
    MemoryRateLimiter,
    RateLimiter,
    RedisRateLimiter,
    TooManyRequests,
    make_rate_limiter,
    rate_limit,
)
from tests.builders import problem

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"
HOUR = Limit(3, 3600)  # long windows: a count test cannot straddle a window boundary by accident


class FakeClock:
    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


# --- fixtures -------------------------------------------------------------------------------------------


@pytest.fixture
def redis_admin() -> Iterator[SyncRedis]:
    # Synchronous, so the parametrized `limiter` fixture can request it lazily with getfixturevalue.
    client = SyncRedis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except (RedisError, OSError) as exc:
        client.close()
        message = f"REDIS NOT TESTED: {REDIS_URL} does not answer ({exc.__class__.__name__}: {exc})"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; CI=true requires Redis", pytrace=False)
        pytest.skip(message)
    yield client
    client.close()


def own_keys(admin: SyncRedis, prefix: str) -> list[str]:
    return [key.decode() for key in admin.scan_iter(match=f"{KEY_PREFIX}:{prefix}*")]


@pytest.fixture
def prefix() -> str:
    return f"test{secrets.token_hex(6)}"


@pytest.fixture(params=["memory", "redis"])
async def limiter(request: pytest.FixtureRequest, prefix: str) -> AsyncIterator[RateLimiter]:
    if request.param == "memory":
        memory = MemoryRateLimiter()
        yield memory
        await memory.close()
        return
    admin: SyncRedis = request.getfixturevalue("redis_admin")
    redis = RedisRateLimiter(REDIS_URL)
    yield redis
    await redis.close()
    # Only this test's keys: the database may be shared with other runs.
    if keys := own_keys(admin, prefix):
        admin.delete(*keys)


def make_app(prefix: str, limiter: RateLimiter, signup: str = "2/hour", confirm: str = "0/minute") -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.state.settings = SimpleNamespace(rate_limit_signup=signup, rate_limit_confirm=confirm, redis_url=None)
    app.state.rate_limiter = limiter

    @app.post("/signup", dependencies=[Depends(rate_limit(f"{prefix}-signup", "rate_limit_signup"))])
    async def signup() -> dict[str, str]:
        return {"status": "ok"}

    @app.post("/confirm", dependencies=[Depends(rate_limit(f"{prefix}-confirm", "rate_limit_confirm"))])
    async def confirm() -> dict[str, str]:
        return {"status": "ok"}

    return app


def client_for(app: FastAPI, address: str = "203.0.113.7") -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://test")


async def exhaust(limiter: RateLimiter, bucket: str, client: str, limit: Limit) -> int:
    """Hits until refused and returns the retry time. A short window may roll over once on the way."""
    for _ in range(2 * limit.count + 1):
        retry = await limiter.hit(bucket, client, limit)
        if retry is not None:
            return retry
    pytest.fail(f"{limit} was never enforced")


# --- Limit.parse ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "count", "seconds"),
    [
        ("20/minute", 20, 60),
        ("1/second", 1, 1),
        ("100/hour", 100, 3600),
        ("1000/day", 1000, 86400),
        ("5/10s", 5, 10),
        ("7/1s", 7, 1),
        (" 3 / Minute ", 3, 60),
        ("0/minute", 0, 60),
    ],
)
def test_parse_accepts(text: str, count: int, seconds: int) -> None:
    assert Limit.parse(text) == Limit(count=count, seconds=seconds)


@pytest.mark.parametrize(
    "text",
    ["", "20", "20/", "/minute", "-1/minute", "1.5/minute", "20/week", "20/minutes", "5/0s", "5/s", "20 per minute"],
)
def test_parse_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="invalid rate limit"):
        Limit.parse(text)


def test_zero_count_is_unlimited() -> None:
    assert Limit.parse("0/minute").unlimited
    assert not Limit.parse("1/minute").unlimited


# --- both backends --------------------------------------------------------------------------------------


async def test_allows_n_then_refuses_with_retry_time(limiter: RateLimiter, prefix: str) -> None:
    bucket = f"{prefix}-signup"
    for _ in range(HOUR.count):
        assert await limiter.hit(bucket, "198.51.100.1", HOUR) is None
    retry = await limiter.hit(bucket, "198.51.100.1", HOUR)
    assert retry is not None
    assert 1 <= retry <= HOUR.seconds
    # Refused requests do not buy a later window: the next one is refused too, no later than before.
    again = await limiter.hit(bucket, "198.51.100.1", HOUR)
    assert again is not None
    assert again <= retry


async def test_clients_and_buckets_are_independent(limiter: RateLimiter, prefix: str) -> None:
    await exhaust(limiter, f"{prefix}-signup", "198.51.100.1", HOUR)
    assert await limiter.hit(f"{prefix}-signup", "198.51.100.2", HOUR) is None
    assert await limiter.hit(f"{prefix}-confirm", "198.51.100.1", HOUR) is None
    assert await limiter.hit(f"{prefix}-signup", "198.51.100.1", HOUR) is not None


async def test_window_resets(limiter: RateLimiter, prefix: str) -> None:
    per_second = Limit(1, 1)
    assert await exhaust(limiter, f"{prefix}-signup", "198.51.100.1", per_second) == 1
    await asyncio.sleep(1.1)
    assert await limiter.hit(f"{prefix}-signup", "198.51.100.1", per_second) is None


async def test_over_looks_without_counting_and_reset_forgets(limiter: RateLimiter, prefix: str) -> None:
    bucket = f"{prefix}-login-pair"
    for _ in range(HOUR.count - 1):
        await limiter.hit(bucket, "198.51.100.1", HOUR)
    for _ in range(5):  # looking never counts
        assert await limiter.over(bucket, "198.51.100.1", HOUR) is None
    await limiter.hit(bucket, "198.51.100.1", HOUR)
    assert 1 <= (await limiter.over(bucket, "198.51.100.1", HOUR) or 0) <= HOUR.seconds
    assert await limiter.over(bucket, "198.51.100.2", HOUR) is None

    await limiter.reset(bucket, "198.51.100.1", HOUR)

    assert await limiter.over(bucket, "198.51.100.1", HOUR) is None
    assert await limiter.hit(bucket, "198.51.100.1", HOUR) is None


async def test_zero_count_never_limits(limiter: RateLimiter, prefix: str) -> None:
    for _ in range(50):
        assert await limiter.hit(f"{prefix}-signup", "198.51.100.1", Limit(0, 60)) is None


# --- the dependency -------------------------------------------------------------------------------------


async def test_dependency_answers_429_problem(limiter: RateLimiter, prefix: str) -> None:
    async with client_for(make_app(prefix, limiter)) as client:
        for _ in range(2):
            assert (await client.post("/signup")).status_code == 200
        response = await client.post("/signup")

    body = problem(response, 429, slug="too-many-requests")
    retry_after = int(response.headers["retry-after"])
    assert 1 <= retry_after <= 3600
    assert body["title"] == "Too many requests"
    assert body["instance"] == "/signup"
    assert f"try again in {retry_after} second" in body["detail"]


async def test_dependency_counts_the_peer_not_forwarded_for(limiter: RateLimiter, prefix: str) -> None:
    app = make_app(prefix, limiter)
    async with client_for(app, "203.0.113.7") as client:
        statuses = [
            (await client.post("/signup", headers={"X-Forwarded-For": f"192.0.2.{n}"})).status_code for n in range(3)
        ]
    assert statuses == [200, 200, 429]
    async with client_for(app, "203.0.113.8") as other:
        assert (await other.post("/signup")).status_code == 200


@pytest.mark.parametrize("setting", ["0/minute", ""])
async def test_dependency_without_limit_never_refuses(limiter: RateLimiter, prefix: str, setting: str) -> None:
    async with client_for(make_app(prefix, limiter, signup=setting)) as client:
        statuses = {(await client.post("/signup")).status_code for _ in range(10)}
    assert statuses == {200}


async def test_dependency_reads_each_setting(limiter: RateLimiter, prefix: str) -> None:
    # Sign-up is limited; confirmation ("0/minute") and sign-up's limit do not leak into each other.
    async with client_for(make_app(prefix, limiter, signup="1/hour", confirm="0/minute")) as client:
        assert (await client.post("/signup")).status_code == 200
        assert (await client.post("/signup")).status_code == 429
        assert {(await client.post("/confirm")).status_code for _ in range(5)} == {200}


def test_too_many_requests_wording() -> None:
    one = TooManyRequests(1)
    assert (one.status, one.slug, one.headers) == (429, "too-many-requests", {"Retry-After": "1"})
    assert one.detail.endswith("try again in 1 second.")
    assert TooManyRequests(42).detail.endswith("try again in 42 seconds.")


# --- memory backend -------------------------------------------------------------------------------------


async def test_memory_retry_is_time_to_window_end() -> None:
    clock = FakeClock(10.0)
    limiter = MemoryRateLimiter(clock=clock)
    assert await limiter.hit("signup", "a", Limit(1, 60)) is None
    assert await limiter.hit("signup", "a", Limit(1, 60)) == 50
    clock.now = 59.5
    assert await limiter.hit("signup", "a", Limit(1, 60)) == 1  # rounded up, never 0
    clock.now = 60.0
    assert await limiter.hit("signup", "a", Limit(1, 60)) is None


async def test_memory_drops_expired_windows() -> None:
    clock = FakeClock()
    limiter = MemoryRateLimiter(sweep_seconds=10, clock=clock)
    for n in range(100):
        await limiter.hit("signup", f"client-{n}", Limit(1, 60))
    assert len(limiter) == 100

    clock.now = 30.0  # a sweep is due, but every window is still live: nothing may go
    await limiter.hit("signup", "late", Limit(1, 60))
    assert len(limiter) == 101
    assert await limiter.hit("signup", "client-0", Limit(1, 60)) is not None

    clock.now = 61.0  # every window has ended
    await limiter.hit("signup", "new", Limit(1, 60))
    assert len(limiter) == 1


async def test_memory_never_grows_past_its_bound() -> None:
    limiter = MemoryRateLimiter(max_entries=10, clock=FakeClock())
    for n in range(500):
        await limiter.hit("signup", f"client-{n}", Limit(1, 3600))
        assert len(limiter) <= 10
    # The newest windows survive eviction: the latest client is still counted.
    assert await limiter.hit("signup", "client-499", Limit(1, 3600)) is not None


def test_memory_refuses_a_zero_bound() -> None:
    with pytest.raises(ValueError, match="max_entries"):
        MemoryRateLimiter(max_entries=0)


# --- redis backend --------------------------------------------------------------------------------------


async def test_redis_key_carries_window_and_expires(redis_admin: SyncRedis, prefix: str) -> None:
    limiter = RedisRateLimiter(REDIS_URL)
    try:
        before = int(time.time() // 3600)
        assert await limiter.hit(f"{prefix}-signup", "198.51.100.1", HOUR) is None
        keys = own_keys(redis_admin, prefix)
        assert len(keys) == 1
        head, window = keys[0].rsplit(":", 1)
        assert head == f"{KEY_PREFIX}:{prefix}-signup:198.51.100.1"
        assert int(window) in {before, before + 1}
        assert 1 <= redis_admin.ttl(keys[0]) <= 3600
    finally:
        await limiter.close()
        if keys := own_keys(redis_admin, prefix):
            redis_admin.delete(*keys)


async def test_redis_down_allows_and_warns_without_personal_data(caplog: pytest.LogCaptureFixture, prefix: str) -> None:
    limiter = RedisRateLimiter(DEAD_REDIS_URL)
    try:
        with caplog.at_level(logging.WARNING, logger="api.ratelimit"):
            async with client_for(make_app(prefix, limiter, signup="1/hour")) as client:
                statuses = [(await client.post("/signup")).status_code for _ in range(3)]
    finally:
        await limiter.close()
    assert statuses == [200, 200, 200]
    warnings = [r for r in caplog.records if r.name == "api.ratelimit" and r.levelno == logging.WARNING]
    assert len(warnings) == 1  # throttled: an outage during a rush must not flood the log
    assert "Redis unavailable" in warnings[0].getMessage()
    assert "203.0.113.7" not in caplog.text


async def test_make_rate_limiter_picks_backend() -> None:
    memory = make_rate_limiter(None)
    also_memory = make_rate_limiter("")
    redis = make_rate_limiter(DEAD_REDIS_URL)
    assert isinstance(memory, MemoryRateLimiter)
    assert isinstance(also_memory, MemoryRateLimiter)
    assert isinstance(redis, RedisRateLimiter)
    for limiter in (memory, also_memory, redis):
        await limiter.close()
