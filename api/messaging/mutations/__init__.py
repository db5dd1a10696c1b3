"""Messaging writes, one module per mutation."""

from __future__ import annotations

import strawberry

from api.messaging.mutations.mark_thread_read import MarkThreadRead
from api.messaging.mutations.send_message import SendMessage


@strawberry.type
class MessagingMutations(SendMessage, MarkThreadRead):
    pass
