"""Rate limits for resolvers: per client IP and per signed-in account, and how a refusal
looks (a `RATE_LIMITED` userError or GraphQL error, and a Retry-After header).

The counters are the process's RateLimiter (api/core/ratelimit.py): Redis when REDIS_URL
is set, so every worker counts the same; otherwise each worker on its own.
"""

from __future__ import annotations

import enum
from functools import lru_cache
from typing import Any

from api.core.errors import ClientError, ErrorCode, InputError
from api.core.ratelimit import ALLOWED, Decision, Rate, RateLimiter
from api.core.runtime import Runtime
from api.core.settings import Settings
from api.graphql.clients import UNKNOWN, client_ip, rate_key
from api.graphql.context import Context, Info


class Action(enum.StrEnum):
    LOGIN = "login"
    REGISTER = "register"
    POST = "post"
    REVIEW = "review"
    MATCH = "match"
    WORKFLOW = "workflow"


# Which settings hold an action's limits: per IP, and per account (None: anonymous).
LIMITS: dict[Action, tuple[str, str | None]] = {
    Action.LOGIN: ("rate_limit_login_ip", None),
    Action.REGISTER: ("rate_limit_register_ip", None),
    Action.POST: ("rate_limit_post_ip", "rate_limit_post_account"),
    Action.REVIEW: ("rate_limit_review_ip", "rate_limit_review_account"),
    Action.MATCH: ("rate_limit_match_ip", "rate_limit_match_account"),
    Action.WORKFLOW: ("rate_limit_workflow_ip", "rate_limit_workflow_account"),
}


@lru_cache(maxsize=64)
def rate(text: str) -> Rate:
    return Rate.parse(text)


def rate_limiter(runtime: Runtime) -> RateLimiter:
    """The process's limiter, pointed at REDIS_URL on first use."""
    limiter = runtime.resource(RateLimiter)
    limiter.configure(runtime.settings.redis_url, runtime.settings.rate_limit_redis_prefix)
    return limiter


def request_ip(context: Context) -> str:
    """The client as per-IP limits count it: its IPv4 address or its IPv6 /64."""
    scope = getattr(context.request, "scope", None)
    if scope is None:
        return UNKNOWN
    return rate_key(client_ip(scope, context.runtime.settings.trusted_proxies))


async def acquire(context: Context, buckets: list[tuple[str, Rate]], units: int = 1) -> Decision:
    """Take `units` from every bucket in turn; the first that refuses decides."""
    limiter = rate_limiter(context.runtime)
    for key, limit in buckets:
        decision = await limiter.acquire(key, limit, units)
        if not decision.allowed:
            advise_retry(context, decision)
            return decision
    return ALLOWED


def client_buckets(
    context: Context, name: str, ip_setting: str, account_setting: str | None
) -> list[tuple[str, Rate]]:
    """`name`'s buckets for this client: its IP, and its account when signed in."""
    settings: Settings = context.runtime.settings
    buckets = [(f"{name}:ip:{request_ip(context)}", rate(getattr(settings, ip_setting)))]
    viewer = context.viewer
    if account_setting is not None and viewer is not None:
        account_rate = rate(getattr(settings, account_setting))
        buckets.append((f"{name}:account:{viewer.account_id}", account_rate))
    return buckets


async def check(info: Info, action: Action) -> Decision:
    """Count one `action` for this client (nothing when RATE_LIMITS_ENABLED is off)."""
    context = info.context
    if not context.runtime.settings.rate_limits_enabled:
        return ALLOWED
    ip_setting, account_setting = LIMITS[action]
    return await acquire(
        context, client_buckets(context, action.value, ip_setting, account_setting)
    )


def advise_retry(context: Context, decision: Decision) -> None:
    """Tell an HTTP client when to come back (a WebSocket has no headers to set)."""
    response: Any = context.response
    headers = getattr(response, "headers", None)
    if headers is not None:
        headers["retry-after"] = str(decision.retry_after)


def refusal_message(decision: Decision) -> str:
    return f"Too many requests; try again in {decision.retry_after} s."


async def limit_mutation(info: Info, action: Action) -> None:
    """For a mutation's service call: a refusal is a RATE_LIMITED userError, nothing written."""
    decision = await check(info, action)
    if not decision.allowed:
        raise InputError.single(None, refusal_message(decision), ErrorCode.RATE_LIMITED)


async def limit_field(info: Info, action: Action) -> None:
    """For a query field: a refusal is a GraphQL error with code and retryAfter."""
    decision = await check(info, action)
    if not decision.allowed:
        raise rate_limited_error(decision)


def rate_limited_error(decision: Decision) -> ClientError:
    error = ClientError(refusal_message(decision), code=ErrorCode.RATE_LIMITED.value)
    error.extensions["retryAfter"] = decision.retry_after
    return error
