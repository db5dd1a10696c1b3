"""The events' background tasks of a worker: start them with the app, stop them with it."""

from __future__ import annotations

from api.core.runtime import Runtime
from api.events.broadcast import EventBroadcaster
from api.events.webhooks import WebhookDispatcher


def start(runtime: Runtime) -> None:
    """Start the event broadcaster and the webhook dispatcher it wakes (in the running
    event loop; starting twice does nothing)."""
    broadcaster = runtime.resource(EventBroadcaster)
    dispatcher = runtime.resource(WebhookDispatcher)
    if dispatcher.wake not in broadcaster.wakers:
        broadcaster.wakers.append(dispatcher.wake)
    broadcaster.start(runtime)
    dispatcher.start(runtime)


async def stop(runtime: Runtime) -> None:
    """Cancel both and wait for them: nothing is left pending at shutdown."""
    await runtime.resource(WebhookDispatcher).stop()
    await runtime.resource(EventBroadcaster).stop()
