"""How many subscriptions one worker holds, in all and per client address.

Every live subscription costs the worker a task and a queue (and for some, database
reads), so an anonymous client may not open them without bound. Every subscription
field takes its slot from the one `runtime.resource(SubscriptionSlots)`, so the bounds
hold across them all.
"""

from __future__ import annotations

from api.core.errors import ClientError, ErrorCode
from api.core.settings import Settings


class SubscriptionSlots:
    """This worker's live subscriptions, in all and per client address."""

    def __init__(self) -> None:
        self.total = 0
        self.by_client: dict[str, int] = {}

    def acquire(self, client: str, settings: Settings) -> None:
        """Take a slot for `client`, or raise RATE_LIMITED."""
        held = self.by_client.get(client, 0)
        if held >= settings.max_subscriptions_per_client:
            raise _refused(
                f"At most {settings.max_subscriptions_per_client} subscriptions per client; "
                "complete one before starting another."
            )
        if self.total >= settings.max_subscriptions:
            raise _refused("This server holds as many subscriptions as it can; retry later.")
        self.by_client[client] = held + 1
        self.total += 1

    def release(self, client: str) -> None:
        held = self.by_client.get(client, 0) - 1
        if held > 0:
            self.by_client[client] = held
        else:
            self.by_client.pop(client, None)
        self.total = max(self.total - 1, 0)


def _refused(message: str) -> ClientError:
    return ClientError(message, code=ErrorCode.RATE_LIMITED.value)
