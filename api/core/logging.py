"""Logs for operators: one JSON object a line (or text), each carrying its request id.

A client's mistake (bad JSON, a document that fails validation) is the request's one
access line, at warning level; only an unexpected exception logs its traceback.
"""

from __future__ import annotations

import json
import logging
import re
import sys
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime
from typing import Any

from graphql import GraphQLError

from api.core.errors import ClientError
from api.core.outage import database_unavailable
from api.core.settings import Settings

# Set by the request middleware for everything logged while a request is served.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)

MAX_REQUEST_ID = 128
_REQUEST_ID = re.compile(rf"[A-Za-z0-9._:/+=@-]{{1,{MAX_REQUEST_ID}}}")

# Fields the access line (and others) may pass through `extra=`, in output order.
FIELDS = (
    "method",
    "path",
    "status",
    "duration_ms",
    "operation_type",
    "operation_name",
    "errors",
    "client",
)


def accept_request_id(incoming: str | None) -> str:
    """The caller's X-Request-ID when it is a sane token, else a fresh one.

    Bounded and restricted, because it is copied into every log line and header.
    """
    if incoming and _REQUEST_ID.fullmatch(incoming.strip()):
        return incoming.strip()
    return uuid.uuid4().hex


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time, level, logger, message, request_id and the fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": request_id.get(),
        }
        for name in FIELDS:
            if name in record.__dict__:
                entry[name] = record.__dict__[name]
        if record.exc_info:
            entry["traceback"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """For a terminal: the usual line, with the request id when there is one."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        current = request_id.get()
        return f"{line} [request_id={current}]" if current else line


class OnlyUnexpectedErrors(logging.Filter):
    """Strawberry logs every GraphQL error, validation errors included, at error level.

    Keep only unexpected exceptions (a bug: the client saw "Unexpected error"); the rest
    are the client's or the database's and the access line already reports them.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.exc_info or record.exc_info[1] is None:
            return False  # parse and validation errors carry no exception
        error = record.exc_info[1]
        return not isinstance(error, ClientError | GraphQLError) and not database_unavailable(error)


_HANDLER_NAME = "vendormatch"


def configure_logging(settings: Settings) -> None:
    """Route every logger (uvicorn's included) through one handler on the root logger.

    Idempotent: the app factory runs once per worker, and tests build many apps.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if handler.get_name() == _HANDLER_NAME:
            root.removeHandler(handler)
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.setFormatter(JsonFormatter() if settings.log_format == "json" else TextFormatter())
    root.addHandler(handler)
    root.setLevel(settings.log_level.upper())
    for name in ("uvicorn", "uvicorn.error"):
        uvicorn_logger = logging.getLogger(name)
        uvicorn_logger.handlers.clear()
        uvicorn_logger.propagate = True
    # Our access line (api.graphql.observability) replaces uvicorn's.
    logging.getLogger("uvicorn.access").disabled = True
    strawberry_logger = logging.getLogger("strawberry.execution")
    if not any(isinstance(f, OnlyUnexpectedErrors) for f in strawberry_logger.filters):
        strawberry_logger.addFilter(OnlyUnexpectedErrors())
