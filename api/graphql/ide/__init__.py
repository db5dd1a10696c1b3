"""GraphiQL served from the package: the page and the static files it loads (no CDN)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from starlette.staticfiles import StaticFiles

HERE = Path(__file__).parent
# The page refers to the files relative to /graphql, so this is where they are mounted.
STATIC_PATH = "/graphiql"


@cache
def graphiql_page() -> str:
    """The HTML that `GET /graphql` answers a browser."""
    return (HERE / "page.html").read_text(encoding="utf-8")


def static_files() -> StaticFiles:
    """GraphiQL's scripts and styles, as shipped in the package (see NOTICE.md)."""
    return StaticFiles(directory=HERE / "static")
