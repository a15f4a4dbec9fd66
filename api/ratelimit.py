"""Per-client rate limits for the public sign-up and confirmation endpoints.

A sign-up rush must not let one client flood the city: each (bucket, client address) pair gets a
fixed window of ``Limit.count`` requests per ``Limit.seconds``. The in-memory limiter serves a single
process; with several workers, configure Redis so they share one count.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from fastapi import Request
from redis.asyncio import Redis
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from api.errors import DomainError

log = logging.getLogger("api.ratelimit")

KEY_PREFIX = "teilhabe:rl"
_UNITS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
_LIMIT_RE = re.compile(r"(?P<count>\d+)\s*/\s*(?:(?P<unit>second|minute|hour|day)|(?P<seconds>\d+)s)")


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Limit:
        """Parses "20/minute", "1000/day" or "5/10s" (five per ten seconds)."""
        match = _LIMIT_RE.fullmatch(text.strip().lower())
        if match is None:
            raise ValueError(
                f"invalid rate limit {text!r}: expected N/second, N/minute, N/hour, N/day or N/Ms (e.g. 5/10s)"
            )
        seconds = _UNITS[match["unit"]] if match["unit"] else int(match["seconds"])
        if seconds < 1:
            raise ValueError(f"invalid rate limit {text!r}: the window must be at least one second")
        return cls(count=int(match["count"]), seconds=seconds)

    @property
    def unlimited(self) -> bool:
        # "0/minute" is the documented way to switch a limit off.
        return self.count <= 0


class TooManyRequests(DomainError):
    status, slug, title = 429, "too-many-requests", "Too many requests"

    def __init__(
        self,
        retry_after: int,
        *,
        detail: str = "Too many requests from your address. Please try again in {count} second.",
        plural: str = "Too many requests from your address. Please try again in {count} seconds.",
        count: int | None = None,
    ):
        # `count` is the number the sentence names (seconds unless a subclass words it in minutes).
        super().__init__(
            detail,
            plural=plural,
            params={"count": retry_after if count is None else count},
            headers={"Retry-After": str(retry_after)},
        )
        self.retry_after = retry_after


class RateLimiter(Protocol):
    async def hit(self, bucket: str, client: str, limit: Limit) -> int | None:
        """Counts one request; None if allowed, else the whole seconds (≥ 1) until the client may retry."""
        ...

    async def over(self, bucket: str, client: str, limit: Limit) -> int | None:
        """Whether the count has reached the limit, without counting: None if not, else the seconds to wait."""
        ...

    async def reset(self, bucket: str, client: str, limit: Limit) -> None:
        """Forgets the count of the current window, e.g. a person's failed logins once they logged in."""
        ...

    async def close(self) -> None: ...


def _window(now: float, seconds: int) -> tuple[int, int]:
    """The fixed window containing `now`: its number and the moment it ends."""
    number = int(now // seconds)
    return number, (number + 1) * seconds


def _seconds_until(end: float, now: float) -> int:
    # Rounded up so a client that waits exactly Retry-After lands in the next window.
    return max(1, math.ceil(end - now))


@dataclass
class _Window:
    ends: int
    count: int


class MemoryRateLimiter:
    """Fixed windows in a dict, for one process. Memory is bounded by `max_entries`.

    Expired windows are swept every `sweep_seconds`; if the table is still full, the oldest windows are
    evicted (those clients start a fresh window). Evicting fails open for a few clients instead of
    refusing everyone once the table is full, which would turn the limiter into the outage it prevents.
    """

    def __init__(
        self,
        max_entries: int = 100_000,
        sweep_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if max_entries < 1:
            raise ValueError("max_entries must be at least 1")
        self._max_entries = max_entries
        self._sweep_seconds = sweep_seconds
        self._clock = clock
        self._windows: dict[tuple[str, str], _Window] = {}
        self._next_sweep = clock() + sweep_seconds

    def __len__(self) -> int:
        return len(self._windows)

    async def hit(self, bucket: str, client: str, limit: Limit) -> int | None:
        if limit.unlimited:
            return None
        # No await below: the read-modify-write cannot interleave with another request.
        now = self._clock()
        key = (bucket, client)
        self._make_room(now, adding=key not in self._windows)
        _, ends = _window(now, limit.seconds)
        window = self._windows.get(key)
        if window is None or window.ends != ends:
            # Re-inserted so dict order stays oldest-window-first for eviction.
            self._windows.pop(key, None)
            window = self._windows[key] = _Window(ends=ends, count=0)
        window.count += 1
        return None if window.count <= limit.count else _seconds_until(ends, now)

    async def over(self, bucket: str, client: str, limit: Limit) -> int | None:
        if limit.unlimited:
            return None
        now = self._clock()
        _, ends = _window(now, limit.seconds)
        window = self._windows.get((bucket, client))
        if window is None or window.ends != ends or window.count < limit.count:
            return None
        return _seconds_until(ends, now)

    async def reset(self, bucket: str, client: str, limit: Limit) -> None:
        self._windows.pop((bucket, client), None)

    def _make_room(self, now: float, *, adding: bool) -> None:
        full = adding and len(self._windows) >= self._max_entries
        if full or now >= self._next_sweep:
            self._sweep(now)
        if adding and len(self._windows) >= self._max_entries:
            self._evict_oldest()

    def _sweep(self, now: float) -> None:
        expired = [key for key, window in self._windows.items() if window.ends <= now]
        for key in expired:
            del self._windows[key]
        self._next_sweep = now + self._sweep_seconds

    def _evict_oldest(self) -> None:
        # A tenth at a time, so a full table of live windows is not rescanned on every new client.
        excess = len(self._windows) - self._max_entries + 1
        for key in list(self._windows)[: max(excess, self._max_entries // 10, 1)]:
            del self._windows[key]

    async def close(self) -> None:
        self._windows.clear()


class RedisRateLimiter:
    """Fixed windows in Redis, shared by every worker: key ``teilhabe:rl:{bucket}:{client}:{window}``.

    If Redis fails, the request is allowed and a warning logged: an unavailable limiter must not turn
    into an unavailable sign-up.
    """

    def __init__(self, url: str, timeout: float = 0.5, warn_every: float = 60.0) -> None:
        # No retries and short timeouts: a dead Redis must cost each request milliseconds, not seconds.
        self._redis = Redis.from_url(
            url,
            socket_timeout=timeout,
            socket_connect_timeout=timeout,
            retry=Retry(NoBackoff(), 0),
        )
        self._warn_every = warn_every
        self._last_warning = -math.inf

    async def hit(self, bucket: str, client: str, limit: Limit) -> int | None:
        if limit.unlimited:
            return None
        now = time.time()  # wall clock: every worker must agree on the window number
        number, ends = _window(now, limit.seconds)
        key = f"{KEY_PREFIX}:{bucket}:{client}:{number}"
        try:
            count, ttl = await self._count(key, _seconds_until(ends, now))
        except (RedisError, OSError) as exc:
            self._warn(bucket, exc)
            return None
        if count <= limit.count:
            return None
        return ttl if ttl >= 1 else _seconds_until(ends, now)

    async def over(self, bucket: str, client: str, limit: Limit) -> int | None:
        if limit.unlimited:
            return None
        now = time.time()
        number, ends = _window(now, limit.seconds)
        try:
            count = await self._redis.get(f"{KEY_PREFIX}:{bucket}:{client}:{number}")
        except (RedisError, OSError) as exc:
            self._warn(bucket, exc)
            return None
        if count is None or int(count) < limit.count:
            return None
        return _seconds_until(ends, now)

    async def reset(self, bucket: str, client: str, limit: Limit) -> None:
        # Only the current window's key can hold a count that matters; older ones expire by themselves.
        number, _ = _window(time.time(), limit.seconds)
        try:
            await self._redis.delete(f"{KEY_PREFIX}:{bucket}:{client}:{number}")
        except (RedisError, OSError) as exc:
            self._warn(bucket, exc)

    async def _count(self, key: str, ttl: int) -> tuple[int, int]:
        # One MULTI/EXEC: the key never exists without its expiry, even if this process dies mid-way.
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(key)
            pipe.expire(key, ttl)
            pipe.ttl(key)
            count, _, remaining = await pipe.execute()
        return int(count), int(remaining)

    def _warn(self, bucket: str, exc: BaseException) -> None:
        # The bucket and the error class only: never the key, which holds the client's address.
        # Throttled so a Redis outage during a rush does not flood the log.
        now = time.monotonic()
        if now - self._last_warning >= self._warn_every:
            self._last_warning = now
            log.warning("rate limiter: Redis unavailable (%s); allowing %s requests", type(exc).__name__, bucket)

    async def close(self) -> None:
        await self._redis.aclose()


def make_rate_limiter(redis_url: str | None) -> RateLimiter:
    """Redis when a URL is configured (several workers share counts), else in-process memory."""
    if redis_url:
        return RedisRateLimiter(redis_url)
    return MemoryRateLimiter()


def rate_limit(bucket: str, setting: str) -> Callable[[Request], Awaitable[None]]:
    """A dependency limiting requests per client address by the limit string in settings.<setting>.

    The address is the socket peer (request.client.host). X-Forwarded-For is deliberately ignored:
    anyone can send it, so trusting it would let a client pick a fresh identity per request.
    Behind a reverse proxy, run uvicorn with --forwarded-allow-ips so the peer is the real client.
    """

    async def dependency(request: Request) -> None:
        raw = getattr(request.app.state.settings, setting)
        if not raw or not raw.strip():
            return
        limit = _parse_cached(raw)
        if limit.unlimited:
            return
        client = request.client.host if request.client else "unknown"
        limiter: RateLimiter = request.app.state.rate_limiter
        retry_after = await limiter.hit(bucket, client, limit)
        if retry_after is not None:
            raise TooManyRequests(retry_after)

    return dependency


@lru_cache(maxsize=32)
def _parse_cached(text: str) -> Limit:
    # Settings hold a handful of distinct strings; parse each once, not on every request.
    return Limit.parse(text)
