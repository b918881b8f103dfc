"""Shared fixtures: small banks in temporary folders and real builds of them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_BANK = ROOT / "tests" / "fixtures" / "bank"
# The fixture site is built as if deployed: canonical links, sitemap, edit links.
FIXTURE_SITE_URL = "https://guide.example.org/ml/"
FIXTURE_REPO_URL = "https://github.com/example/ml-guide"


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def run_generator(*args: str, content: Path, work: Path, extra_env: dict | None = None) -> Run:
    """Run `python -m generator` against a bank, with caches and outputs under work."""
    env = {
        **os.environ,
        "QUESTION_BANK_CONTENT": str(content),
        "QUESTION_BANK_BUILD": str(work / "build"),
        "QUESTION_BANK_CACHE": str(work / "cache"),
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("GENERATOR_DEBUG", None)
    env.update(extra_env or {})
    result = subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    return Run(result.returncode, result.stdout, result.stderr)


def write_bank(folder: Path, files: dict[str, str]) -> Path:
    """Write YAML files (dedented) into folder/content and return that folder."""
    content = folder / "content"
    content.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        data = textwrap.dedent(text).lstrip("\n")
        (content / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return content


def build_fixture_bank(tmp_path_factory: pytest.TempPathFactory, engine: str) -> Path:
    """The small fixture bank built (site and PDFs) by one engine into a temporary folder; returns the site."""
    if engine == "zensical":
        from generator.engine import zensical_command

        if zensical_command() is None:
            pytest.skip("Zensical is not installed (make creates .venv-zensical)")
    work = tmp_path_factory.mktemp(f"fixture-build-{engine}")
    addresses = {"SITE_URL": FIXTURE_SITE_URL, "REPO_URL": FIXTURE_REPO_URL}
    run = run_generator(
        "build", "--engine", engine, "--site-dir", str(work / "site"), content=FIXTURE_BANK, work=work,
        extra_env=addresses,
    )
    assert run.returncode == 0, run.stderr
    return work / "site"


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture bank built (site and PDFs) by MkDocs; returns the site."""
    return build_fixture_bank(tmp_path_factory, "mkdocs")


@pytest.fixture(scope="session")
def zensical_fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same, built by Zensical."""
    return build_fixture_bank(tmp_path_factory, "zensical")


ENGINES = ("mkdocs", "zensical")


def engine_param(request: pytest.FixtureRequest) -> str:
    """The engine a fixture parametrized over ENGINES builds with; skips Zensical where it is not installed."""
    if request.param == "zensical":
        from generator.engine import zensical_command

        if zensical_command() is None:
            pytest.skip("Zensical is not installed (make creates .venv-zensical)")
    return request.param


@pytest.fixture(scope="session", params=ENGINES)
def engine_build(request: pytest.FixtureRequest) -> Path:
    """The fixture bank's site built by each engine in turn (tests using it run once per engine)."""
    name = "fixture_build" if request.param == "mkdocs" else "zensical_fixture_build"
    return request.getfixturevalue(name)


@pytest.fixture(scope="session")
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped bank built (site and PDFs) into a temporary folder; returns the site."""
    work = tmp_path_factory.mktemp("shipped-build")
    # The cache is keyed by content, so sharing the project's cache is safe and keeps reruns fast.
    run = run_generator(
        "build",
        "--site-dir",
        str(work / "site"),
        content=ROOT / "content",
        work=work,
        extra_env={"QUESTION_BANK_CACHE": str(ROOT / ".cache")},
    )
    assert run.returncode == 0, run.stderr
    return work / "site"


@pytest.fixture(scope="session")
def shipped_zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped bank's site (no PDFs) built by Zensical into a temporary folder."""
    from generator.engine import zensical_command

    if zensical_command() is None:
        pytest.skip("Zensical is not installed (make creates .venv-zensical)")
    work = tmp_path_factory.mktemp("shipped-zensical")
    run = run_generator(
        "build", "--site-only", "--engine", "zensical", "--site-dir", str(work / "site"), content=ROOT / "content",
        work=work, extra_env={"QUESTION_BANK_CACHE": str(ROOT / ".cache")},
    )
    assert run.returncode == 0, run.stderr
    return work / "site"


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (never a downloaded browser)."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
