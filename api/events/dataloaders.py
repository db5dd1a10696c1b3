"""Event loaders: notifications by id, and delivery-log pages for many webhooks at once."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, func, select
from sqlmodel import col

from api.events.models import Event, Webhook, WebhookDelivery
from api.graphql.dataloaders import RequestLoader, RowByKeyLoader
from api.graphql.pagination import Position, after_position, datetime_key, encode_position


class EventByIdLoader(RowByKeyLoader[int, Event]):
    model = Event
    key = Event.id


class WebhookByIdLoader(RowByKeyLoader[int, Webhook]):
    model = Webhook
    key = Webhook.id


# A webhook's deliveries list newest first, the only order they have.
DELIVERY_ORDER = "webhookDeliveries:NEWEST:DESC"


@dataclass(frozen=True)
class DeliveryPageKey:
    webhook_id: int
    after: Position | None
    limit: int


class DeliveryPageByWebhookLoader(
    RequestLoader[DeliveryPageKey, list[tuple[WebhookDelivery, str]]]
):
    """Newest-first delivery pages (each with its cursor) for many webhooks, in one
    windowed statement per distinct `after` (a list of webhooks asks with none)."""

    async def batch_load(
        self, keys: list[DeliveryPageKey]
    ) -> list[list[tuple[WebhookDelivery, str]]]:
        pages: dict[DeliveryPageKey, list[tuple[WebhookDelivery, str]]] = {}
        for after in dict.fromkeys(key.after for key in keys):
            pages |= await self._pages([key for key in keys if key.after == after], after)
        return [pages[key] for key in keys]

    async def _pages(
        self, keys: list[DeliveryPageKey], after: Position | None
    ) -> dict[DeliveryPageKey, list[tuple[WebhookDelivery, str]]]:
        position = (
            func.row_number()
            .over(
                partition_by=col(WebhookDelivery.webhook_id),
                order_by=(col(WebhookDelivery.created_at).desc(), col(WebhookDelivery.id).desc()),
            )
            .label("position")
        )
        conditions: list[ColumnElement[bool]] = [
            col(WebhookDelivery.webhook_id).in_({key.webhook_id for key in keys})
        ]
        if after is not None:
            conditions.append(
                after_position(
                    col(WebhookDelivery.created_at),
                    datetime_key(after.require_order(DELIVERY_ORDER)),
                    col(WebhookDelivery.id),
                    after.id,
                    key_descending=True,
                    id_descending=True,
                )
            )
        ranked = select(col(WebhookDelivery.id), position).where(*conditions).subquery()
        statement = (
            select(WebhookDelivery, ranked.c.position)
            .join(ranked, ranked.c.id == WebhookDelivery.id)
            .where(ranked.c.position <= max(key.limit for key in keys))
        )
        by_webhook: dict[int, list[tuple[int, WebhookDelivery]]] = {}
        for delivery, rank in (await self.session.execute(statement)).all():
            by_webhook.setdefault(delivery.webhook_id, []).append((rank, delivery))
        pages = {}
        for key in keys:
            ordered = [d for _, d in sorted(by_webhook.get(key.webhook_id, []), key=_rank)]
            pages[key] = [(d, _cursor(d)) for d in ordered[: key.limit]]
        return pages


def _rank(item: tuple[int, WebhookDelivery]) -> int:
    return item[0]


def _cursor(delivery: WebhookDelivery) -> str:
    assert delivery.id is not None
    return encode_position(delivery.created_at.isoformat(), delivery.id, DELIVERY_ORDER)


class DeliveryCountByWebhookLoader(RequestLoader[int, int]):
    """How many deliveries each webhook has logged, for many webhooks in one statement."""

    async def batch_load(self, keys: list[int]) -> list[int]:
        statement = (
            select(col(WebhookDelivery.webhook_id), func.count())
            .where(col(WebhookDelivery.webhook_id).in_(keys))
            .group_by(col(WebhookDelivery.webhook_id))
        )
        counts = {webhook: int(n) for webhook, n in (await self.session.execute(statement)).all()}
        return [counts.get(key, 0) for key in keys]
