"""Finding lone UTF-16 surrogates in a decoded JSON request before anything runs.

"\\ud800" is valid JSON but not Unicode text: no database, hash or UTF-8 encoder takes
it, so a variable holding one used to fail deep inside a resolver ("Unexpected error.").
The GraphQL lexer already refuses one inside a document; this finds one anywhere in a
request body or in GET's `variables`, and names where it is.
"""

from __future__ import annotations

import re
from typing import Any

LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def lone_surrogate_path(value: Any) -> str | None:
    """The dotted path of the first string (or object key) holding a lone surrogate."""
    # A stack, not recursion: the JSON decoder already bounds the depth, this keeps to it.
    stack: list[tuple[str, Any]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if LONE_SURROGATE.search(item):
                return path or "(body)"
        elif isinstance(item, dict):
            for key, child in item.items():
                where = f"{path}.{key}" if path else str(key)
                if LONE_SURROGATE.search(str(key)):
                    return where
                stack.append((where, child))
        elif isinstance(item, list):
            stack.extend((f"{path}[{index}]", child) for index, child in enumerate(item))
    return None


def surrogate_message(path: str) -> str:
    return (
        f"`{path}` contains a lone UTF-16 surrogate (such as \\ud800), which is not text; "
        "send valid Unicode."
    )
