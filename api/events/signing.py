"""What a webhook delivery carries, and its signature (documented on the Webhook type)."""

from __future__ import annotations

import hashlib
import hmac
import json

from strawberry import relay

from api.events.models import Event

SIGNATURE_PREFIX = "sha256="


def body(event: Event) -> bytes:
    """The JSON a delivery POSTs: the notification, its subject as a node id, no secrets."""
    assert event.id is not None
    document = {
        "id": relay.to_base64("Notification", event.id),
        "kind": event.kind,
        "createdAt": event.created_at.isoformat(),
        "subject": {
            "type": event.subject_type,
            "id": relay.to_base64(event.subject_type, event.subject_id),
        },
        "summary": event.summary,
        "payload": event.payload,
    }
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False).encode()


def signature(secret: str, timestamp: str, content: bytes) -> str:
    """`sha256=` and the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the secret."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + content, hashlib.sha256)
    return SIGNATURE_PREFIX + digest.hexdigest()


def verify(secret: str, timestamp: str, content: bytes, header: str) -> bool:
    """What a receiver does (and the tests): compare in constant time."""
    return hmac.compare_digest(signature(secret, timestamp, content), header)
