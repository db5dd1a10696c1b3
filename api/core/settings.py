"""Settings read from the environment (prefix-free, as operators expect)."""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("var")


class Settings(BaseSettings):
    """Runtime configuration; every field can be set by an environment variable."""

    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    database_url: str = Field(default="", alias="DATABASE_URL")
    data_dir: Path = Field(default=DEFAULT_DATA_DIR, alias="VENDORMATCH_DATA_DIR")
    secret_key: str = Field(default="", alias="SECRET_KEY")
    token_ttl_seconds: int = Field(default=24 * 3600, alias="TOKEN_TTL_SECONDS")
    debug: bool = Field(default=False, alias="DEBUG")
    # argon2id cost; tests lower it because hashing is deliberately slow.
    argon2_time_cost: int = Field(default=3, alias="ARGON2_TIME_COST")
    argon2_memory_cost: int = Field(default=65536, alias="ARGON2_MEMORY_COST")
    max_query_depth: int = Field(default=12, alias="MAX_QUERY_DEPTH")
    max_aliases: int = Field(default=30, alias="MAX_ALIASES")
    max_tokens: int = Field(default=2000, alias="MAX_TOKENS")
    # The largest `first` any list takes (rankings take fewer: they carry explanations).
    max_page_size: int = Field(default=100, ge=1, le=1000, alias="MAX_PAGE_SIZE")
    subscription_poll_seconds: float = Field(default=2.0, alias="SUBSCRIPTION_POLL_SECONDS")
    # Live subscriptions one worker holds (each polls the database), and from one client IP.
    max_subscriptions: int = Field(default=1000, ge=1, alias="MAX_SUBSCRIPTIONS")
    max_subscriptions_per_client: int = Field(
        default=20, ge=1, alias="MAX_SUBSCRIPTIONS_PER_CLIENT"
    )
    # Browser origins allowed to call the API (comma-separated); none by default.
    cors_origins: str = Field(default="", alias="CORS_ORIGINS")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    # `json`: one object a line, for log shippers; `text`: for a terminal.
    log_format: Literal["json", "text"] = Field(default="json", alias="LOG_FORMAT")
    # What a 503 (database unreachable) asks the client to wait before retrying.
    retry_after_seconds: int = Field(default=5, alias="RETRY_AFTER_SECONDS")

    # What one request may ask for (api/graphql/limits.py, api/graphql/cost.py).
    max_request_bytes: int = Field(default=1_000_000, alias="MAX_REQUEST_BYTES")
    query_max_chars: int = Field(default=50_000, alias="QUERY_MAX_CHARS")
    # Fields a document selects once fragments are expanded; graphql-core's validation
    # compares fields pairwise, so this bounds its time.
    query_max_fields: int = Field(default=1_000, alias="QUERY_MAX_FIELDS")
    # Fields sharing one response name in one selection set (`viewer { id } viewer { id }`).
    query_max_repeated_fields: int = Field(default=20, alias="QUERY_MAX_REPEATED_FIELDS")
    query_max_cost: int = Field(default=20_000, alias="QUERY_MAX_COST")
    # Rate limits (api/core/ratelimit.py): "<count>/<period>", period a number of seconds
    # or second, minute, hour, day ("10/15minute"). REDIS_URL shares the counters between
    # workers and hosts; without it (or while it is unreachable) each worker counts alone.
    redis_url: str = Field(default="", alias="REDIS_URL")
    # Keeps deployments (or test runs) that share one Redis from sharing counters.
    rate_limit_redis_prefix: str = Field(default="vendormatch:rl:", alias="RATE_LIMIT_REDIS_PREFIX")
    rate_limits_enabled: bool = Field(default=True, alias="RATE_LIMITS_ENABLED")
    # Peers (IPs or CIDRs, comma-separated) trusted to name the client in X-Forwarded-For.
    trusted_proxies: str = Field(default="", alias="TRUSTED_PROXIES")
    rate_limit_cost_ip: str = Field(default="100000/minute", alias="RATE_LIMIT_COST_IP")
    rate_limit_cost_account: str = Field(default="100000/minute", alias="RATE_LIMIT_COST_ACCOUNT")
    rate_limit_login_ip: str = Field(default="60/minute", alias="RATE_LIMIT_LOGIN_IP")
    # Password checks per email; a known device gets its own allowance (api/auth/devices.py).
    rate_limit_login_email: str = Field(default="10/15minute", alias="RATE_LIMIT_LOGIN_EMAIL")
    rate_limit_login_device: str = Field(default="10/15minute", alias="RATE_LIMIT_LOGIN_DEVICE")
    rate_limit_register_ip: str = Field(default="20/hour", alias="RATE_LIMIT_REGISTER_IP")
    rate_limit_post_ip: str = Field(default="120/hour", alias="RATE_LIMIT_POST_IP")
    rate_limit_post_account: str = Field(default="60/hour", alias="RATE_LIMIT_POST_ACCOUNT")
    rate_limit_review_ip: str = Field(default="120/hour", alias="RATE_LIMIT_REVIEW_IP")
    rate_limit_review_account: str = Field(default="60/hour", alias="RATE_LIMIT_REVIEW_ACCOUNT")
    rate_limit_match_ip: str = Field(default="300/minute", alias="RATE_LIMIT_MATCH_IP")
    rate_limit_match_account: str = Field(default="120/minute", alias="RATE_LIMIT_MATCH_ACCOUNT")
    # Hiring and delivery writes: invitations, proposals, messages, milestones, disputes.
    rate_limit_workflow_ip: str = Field(default="600/hour", alias="RATE_LIMIT_WORKFLOW_IP")
    rate_limit_workflow_account: str = Field(
        default="300/hour", alias="RATE_LIMIT_WORKFLOW_ACCOUNT"
    )
    # How long an award or an invitation waits for the vendor's answer.
    award_ttl_hours: int = Field(default=7 * 24, ge=1, alias="AWARD_TTL_HOURS")
    invitation_ttl_hours: int = Field(default=14 * 24, ge=1, alias="INVITATION_TTL_HOURS")
    # Events: how often each worker looks for new ones where the database cannot NOTIFY
    # (SQLite), and how webhooks are delivered.
    event_poll_seconds: float = Field(default=0.5, gt=0, alias="EVENT_POLL_SECONDS")
    webhook_timeout_seconds: float = Field(default=5.0, gt=0, alias="WEBHOOK_TIMEOUT_SECONDS")
    webhook_max_attempts: int = Field(default=8, ge=1, alias="WEBHOOK_MAX_ATTEMPTS")
    webhook_retry_base_seconds: float = Field(
        default=30.0, gt=0, alias="WEBHOOK_RETRY_BASE_SECONDS"
    )
    # Webhooks to loopback and private addresses are refused (they would let a client make
    # the server call its own network); tests and single-host setups may allow them.
    webhook_allow_private: bool = Field(default=False, alias="WEBHOOK_ALLOW_PRIVATE")
    max_webhooks_per_account: int = Field(default=5, ge=0, alias="MAX_WEBHOOKS_PER_ACCOUNT")

    def allowed_origins(self) -> list[str]:
        """CORS_ORIGINS as a list (`https://a.example, https://b.example`)."""
        return [origin.strip() for origin in self.cors_origins.split(",") if origin.strip()]

    def resolved_database_url(self) -> str:
        """The SQLAlchemy async URL: SQLite file by default, asyncpg for PostgreSQL."""
        url = self.database_url or f"sqlite:///{self.data_dir / 'vendormatch.db'}"
        return to_async_url(url)

    def resolved_secret_key(self) -> str:
        """The token signing key: SECRET_KEY, or one kept in the data directory.

        The file serves every worker on this host; several hosts must share SECRET_KEY.
        """
        if not self.secret_key:
            self.secret_key = _key_from_file(self.data_dir / "secret_key")
        return self.secret_key


def _key_from_file(key_file: Path) -> str:
    """Read the key, creating it (private from the first byte) if it is not there yet."""
    key_file.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return key_file.read_text().strip()
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


def to_async_url(url: str) -> str:
    """Map the usual `sqlite:///` and `postgresql://` forms to async drivers."""
    for prefix, async_prefix in (
        ("sqlite:///", "sqlite+aiosqlite:///"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
        ("postgresql+psycopg://", "postgresql+asyncpg://"),
    ):
        if url.startswith(prefix):
            return async_prefix + url[len(prefix) :]
    return url


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings object."""
    return Settings()
