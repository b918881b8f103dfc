"""`make serve`: the site is rebuilt when the bank changes, and a broken edit keeps the last good site."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from tests.conftest import FIXTURE_BANK, ROOT


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_serve_rebuilds_on_an_edit_and_survives_a_broken_one(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for path in FIXTURE_BANK.glob("*.yaml"):
        (content / path.name).write_text(path.read_text())
    port = _free_port()
    env = {
        **os.environ,
        "QUESTION_BANK_CONTENT": str(content),
        "QUESTION_BANK_BUILD": str(tmp_path / "build"),
        "QUESTION_BANK_CACHE": str(tmp_path / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    log = (tmp_path / "serve.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=ROOT, env=env, stderr=log, stdout=log
    )
    page = f"http://127.0.0.1:{port}/questions/alpha-one/"
    try:
        assert _wait_for(lambda: "first alpha question" in _get(page)), (tmp_path / "serve.log").read_text()
        assert "livereload" in _get(page)  # the browser reloads itself after a rebuild
        alpha = content / "alpha.yaml"
        alpha.write_text(alpha.read_text().replace("What is the first alpha question?", "What is the edited question?"))
        assert _wait_for(lambda: "edited question" in _get(page)), (tmp_path / "serve.log").read_text()
        alpha.write_text(alpha.read_text().replace("difficulty: basic", "difficulty: trivial", 1))
        assert _wait_for(lambda: "still serving the last good site" in (tmp_path / "serve.log").read_text())
        assert "difficulty 'trivial' is not one of" in (tmp_path / "serve.log").read_text()
        assert "edited question" in _get(page)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
