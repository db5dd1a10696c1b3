"""The README's curl examples, run verbatim through `curl` against a served instance.

Only the host and port and the TOKEN placeholder are rewritten: an example a user
copies must work as printed (one once sent a raw newline inside a JSON string).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.served.conftest import Server, fresh_database_url, start_server, stop_server

README = Path(__file__).parents[2] / "README.md"
README_URL = "http://127.0.0.1:8000"
TOKEN_LINE = re.compile(r"^TOKEN=\.\.\..*$", re.MULTILINE)
# Written after each answer by curl's own config file, so the commands stay verbatim.
STATUS = re.compile(r"\n@@status (\d{3})@@\n")


def sh_blocks(section: str) -> list[str]:
    """The ```sh blocks of one `## section` of the README."""
    text = README.read_text()
    start = text.index(f"## {section}\n")
    end = text.find("\n## ", start + 1)
    body = text[start : end if end != -1 else None]
    return re.findall(r"```sh\n(.*?)```", body, re.DOTALL)


@pytest.fixture(scope="module")
def fresh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Its own empty database: the README registers a fixed email."""
    for url in fresh_database_url(tmp_path_factory, "readme"):
        running = start_server(tmp_path_factory.mktemp("readme"), url)
        yield running
        stop_server(running)


def run(script: str, server: Server, tmp: Path) -> list[dict[str, Any]]:
    """Run a shell snippet against `server`; every curl answer must be a 200 without errors."""
    (tmp / ".curlrc").write_text('write-out = "\\n@@status %{http_code}@@\\n"\n')
    script = script.replace(README_URL, server.url)
    env = {"PATH": os.environ["PATH"], "CURL_HOME": str(tmp), "HOME": str(tmp)}
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    parts = STATUS.split(done.stdout)
    bodies, statuses = parts[0:-1:2], parts[1::2]
    assert statuses and all(status == "200" for status in statuses), done.stdout
    answers = [json.loads(body) for body in bodies]
    for answer in answers:
        assert "errors" not in answer, answer
    return answers


def test_a_first_query_runs_as_printed(fresh_server: Server, tmp_path: Path) -> None:
    [block] = sh_blocks("A first query")

    [answer] = run(block, fresh_server, tmp_path)

    assert answer["data"]["vendors"]["totalCount"] == 0  # the served database has no vendors


def test_register_sign_in_and_post_run_as_printed(fresh_server: Server, tmp_path: Path) -> None:
    [block] = sh_blocks("Register, sign in, and a first mutation")
    placeholder = TOKEN_LINE.search(block)
    assert placeholder, "the README's TOKEN=... line"
    sign_in, post = block[: placeholder.start()], block[placeholder.end() :]

    registered, logged_in = run(sign_in, fresh_server, tmp_path)
    token = logged_in["data"]["login"]["token"]
    [posted] = run(f"TOKEN='{token}'\n{post}", fresh_server, tmp_path)

    assert registered["data"]["register"]["userErrors"] == []
    assert registered["data"]["register"]["token"]
    payload = posted["data"]["postProjectRequest"]
    assert payload["userErrors"] == []
    assert payload["projectRequest"]["status"] == "DRAFT"
