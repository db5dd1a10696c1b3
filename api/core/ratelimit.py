"""Rate limits as fixed windows: `count` units per `seconds`, counted per key.

With REDIS_URL set the counters live in Redis, so every worker and host shares them; one
Lua script checks and adds in a single step, so concurrent requests cannot both take the
last unit. Without Redis, or while it is unreachable (logged once per outage), each
worker counts in its own memory: the limits then hold per worker, not per deployment.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redis.asyncio import Redis
from redis.exceptions import RedisError

log = logging.getLogger(__name__)

# How long to stay on the in-process counters after Redis failed, before trying it again.
REDIS_RETRY_SECONDS = 30.0
# Answering slowly is worse than counting per worker for a moment.
REDIS_TIMEOUT_SECONDS = 0.5
# The in-process table drops expired windows once it holds this many keys.
MEMORY_PRUNE_AT = 10_000

PERIODS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400}
RATE_FORMAT = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*(second|minute|hour|day|s)?s?\s*$")


@dataclass(frozen=True)
class Rate:
    """`count` units per window of `seconds`."""

    count: int
    seconds: int

    @classmethod
    def parse(cls, text: str) -> Rate:
        """`10/minute`, `10/15minute`, `100/3600` (seconds) or `5/hours`."""
        match = RATE_FORMAT.match(text.lower())
        if match is None or (not match.group(2) and not match.group(3)):
            raise ValueError(f"A rate looks like `10/minute` or `10/15minute`, not {text!r}.")
        count, multiple, unit = match.groups()
        seconds = (int(multiple) if multiple else 1) * PERIODS.get(unit or "second", 1)
        if seconds <= 0:
            raise ValueError(f"A rate's period must be positive: {text!r}.")
        return cls(count=int(count), seconds=seconds)


@dataclass(frozen=True)
class Decision:
    """Whether the units were taken; if not, how many seconds until the window resets."""

    allowed: bool
    retry_after: int = 0


ALLOWED = Decision(allowed=True)

# Check and add in one step: KEYS[1] the window; ARGV units, limit, window in ms.
# Refusals add nothing, so a client that keeps knocking is not locked out for longer.
ACQUIRE_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local units = tonumber(ARGV[1])
if current + units > tonumber(ARGV[2]) then
  local ttl = redis.call('PTTL', KEYS[1])
  if ttl < 0 then ttl = tonumber(ARGV[3]) end
  return {0, ttl}
end
if redis.call('INCRBY', KEYS[1], units) == units then
  redis.call('PEXPIRE', KEYS[1], ARGV[3])
end
return {1, redis.call('PTTL', KEYS[1])}
"""


class MemoryWindows:
    """One process's counters. `acquire` never awaits, so on an event loop it is atomic."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._windows: dict[str, tuple[int, float]] = {}

    def acquire(self, key: str, rate: Rate, units: int) -> Decision:
        now = self.clock()
        if len(self._windows) >= MEMORY_PRUNE_AT:
            self._windows = {k: w for k, w in self._windows.items() if w[1] > now}
        used, resets_at = self._windows.get(key, (0, now + rate.seconds))
        if resets_at <= now:
            used, resets_at = 0, now + rate.seconds
        if used + units > rate.count:
            return Decision(allowed=False, retry_after=max(1, math.ceil(resets_at - now)))
        self._windows[key] = (used + units, resets_at)
        return ALLOWED

    def forget(self, key: str) -> None:
        self._windows.pop(key, None)

    def clear(self) -> None:
        self._windows.clear()


class RedisWindows:
    """Counters in Redis, shared by every worker that names the same server."""

    def __init__(self, url: str, prefix: str) -> None:
        self.prefix = prefix
        self.client: Redis = Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self.script = self.client.register_script(ACQUIRE_SCRIPT)

    async def acquire(self, key: str, rate: Rate, units: int) -> Decision:
        reply: Any = await self.script(
            keys=[self.prefix + key], args=[units, rate.count, rate.seconds * 1000]
        )
        allowed, ttl_ms = int(reply[0]), int(reply[1])
        if allowed:
            return ALLOWED
        return Decision(allowed=False, retry_after=max(1, math.ceil(ttl_ms / 1000)))

    async def forget(self, key: str) -> None:
        await self.client.delete(self.prefix + key)


class RateLimiter:
    """The process's limiter: Redis when configured and reachable, else its own memory."""

    def __init__(self) -> None:
        self.memory = MemoryWindows()
        self.redis: RedisWindows | None = None
        self._redis: tuple[str, str] | None = None
        self._redis_down_until = 0.0
        self._warned = False

    def configure(self, redis_url: str, prefix: str) -> None:
        """Use Redis at `redis_url` (empty: memory only), its keys under `prefix`."""
        if (redis_url, prefix) == self._redis:
            return
        self._redis = (redis_url, prefix)
        self.redis = RedisWindows(redis_url, prefix) if redis_url else None

    async def acquire(self, key: str, rate: Rate, units: int = 1) -> Decision:
        """Take `units` from `key`'s window if they fit; refused requests take nothing."""
        if self.redis is not None and time.monotonic() >= self._redis_down_until:
            try:
                decision = await self.redis.acquire(key, rate, units)
            except (RedisError, OSError) as error:
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
                if not self._warned:
                    self._warned = True
                    log.warning(
                        "Redis is unreachable (%s); rate limits count per worker until it is back",
                        error,
                    )
            else:
                if self._warned:
                    self._warned = False
                    log.warning("Redis is reachable again; rate limits are shared again")
                return decision
        return self.memory.acquire(key, rate, units)

    async def forget(self, key: str) -> None:
        """Empty `key`'s window (a sign-in that succeeded forgives earlier failures)."""
        self.memory.forget(key)
        if self.redis is not None and time.monotonic() >= self._redis_down_until:
            try:
                await self.redis.forget(key)
            except (RedisError, OSError):
                self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS

    def reset(self) -> None:
        """Forget this process's counters (tests start each case afresh)."""
        self.memory.clear()
