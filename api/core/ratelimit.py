"""Rate limits as fixed windows: `count` units per `seconds`, counted per key.

With REDIS_URL set the counters live in Redis, so every worker and host shares them; one
Lua script checks and adds in a single step, so concurrent requests cannot both take the
last unit. Without Redis, or while it is unreachable (logged once per outage), each
worker counts in its own memory: the limits then hold per worker, not per deployment.
"""

from __future__ import annotations

import heapq
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
# The in-process table holds at most this many live keys (some 20 MB); past it, the
# window that would reset soonest is forgotten to make room (see MemoryWindows).
MEMORY_MAX_KEYS = 100_000
# Expired windows dropped per `acquire`, at most: pruning is spread over the calls.
MEMORY_PRUNE_STEP = 32

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
    """One process's counters. `acquire` never awaits, so on an event loop it is atomic.

    Bounded: at most `max_keys` live windows. A heap orders them by when they reset, so
    each `acquire` drops a few expired ones (amortised O(log n), never a full sweep), and
    when the table is full, the window that resets soonest is forgotten to make room.

    The trade-off: a forgotten window forgets its count, so its key starts afresh. Of
    the windows to forget, the one nearest its reset loses the least (it was about to
    start afresh anyway); refusing new keys instead would lock out every new client
    once someone filled the table. Only an attacker holding `max_keys` live windows at
    once can force this; with REDIS_URL set, Redis holds the counts instead.
    """

    def __init__(
        self, clock: Callable[[], float] = time.monotonic, max_keys: int = MEMORY_MAX_KEYS
    ) -> None:
        self.clock = clock
        self.max_keys = max_keys
        self._windows: dict[str, tuple[int, float]] = {}
        # (resets_at, key) per window; an entry whose key since reset or was forgotten is
        # stale, skipped when it comes up, and the heap is rebuilt if they pile up.
        self._expiry: list[tuple[float, str]] = []

    def __len__(self) -> int:
        return len(self._windows)

    def acquire(self, key: str, rate: Rate, units: int) -> Decision:
        now = self.clock()
        self._prune(now, MEMORY_PRUNE_STEP)
        window = self._windows.get(key)
        if window is None or window[1] <= now:
            used, resets_at = 0, now + rate.seconds
        else:
            used, resets_at = window
        if used + units > rate.count:
            return Decision(allowed=False, retry_after=max(1, math.ceil(resets_at - now)))
        if window is None or window[1] != resets_at:  # a new window: order it by its reset
            if window is None:
                self._make_room()
            heapq.heappush(self._expiry, (resets_at, key))
            if len(self._expiry) > 2 * self.max_keys:
                self._rebuild()
        self._windows[key] = (used + units, resets_at)
        return ALLOWED

    def _live(self, entry: tuple[float, str]) -> bool:
        window = self._windows.get(entry[1])
        return window is not None and window[1] == entry[0]

    def _prune(self, now: float, limit: int) -> None:
        """Drop up to `limit` expired windows (and any stale entries met on the way)."""
        expiry = self._expiry
        while expiry and limit > 0 and (expiry[0][0] <= now or not self._live(expiry[0])):
            resets_at, key = heapq.heappop(expiry)
            if self._live((resets_at, key)):
                del self._windows[key]
                limit -= 1

    def _make_room(self) -> None:
        """Full: forget the live window that resets soonest."""
        while len(self._windows) >= self.max_keys and self._expiry:
            entry = heapq.heappop(self._expiry)
            if self._live(entry):
                del self._windows[entry[1]]

    def _rebuild(self) -> None:
        self._expiry = [(resets_at, key) for key, (_, resets_at) in self._windows.items()]
        heapq.heapify(self._expiry)

    def forget(self, key: str) -> None:
        self._windows.pop(key, None)

    def clear(self) -> None:
        self._windows.clear()
        self._expiry.clear()


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
