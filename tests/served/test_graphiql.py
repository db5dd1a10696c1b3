"""GraphiQL works offline: the page and every file it loads come from this server."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx2 as httpx

from tests.served.conftest import Server

CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css"}


class References(HTMLParser):
    """Every script src and stylesheet href in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))
        if tag == "link" and found.get("rel") == "stylesheet" and found.get("href"):
            self.urls.append(str(found["href"]))


def test_graphiql_and_everything_it_loads_are_served_by_the_server(
    server: Server, http: httpx.Client
) -> None:
    page = http.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    references = References()
    references.feed(page.text)

    # React, ReactDOM, GraphiQL and its explorer, and the script that mounts them.
    assert len(references.urls) >= 6
    for reference in references.urls:
        url = urljoin(server.graphql, reference)
        assert urlsplit(url).netloc == urlsplit(server.url).netloc, f"external: {reference}"
        asset = http.get(url)
        assert asset.status_code == 200, reference
        suffix = reference[reference.rfind(".") :]
        assert asset.headers["content-type"].startswith(CONTENT_TYPES[suffix]), reference
        assert asset.content


def test_the_page_mounts_graphiql_with_http_and_websocket_endpoints(http: httpx.Client) -> None:
    page = http.get("/graphql", headers={"accept": "text/html"}).text
    mount = http.get("/graphiql/vendormatch-graphiql.js").text

    assert "https://" not in page and "http://" not in page
    assert "subscriptionUrl" in mount and "GraphiQL.createFetcher" in mount
    assert "ws:" in mount
