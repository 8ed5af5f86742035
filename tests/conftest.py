"""End-to-end fixtures: the real `mkdocs build --strict`, served on 127.0.0.1, opened in headless Chromium.

Chromium is Debian's (`/usr/bin/chromium`, installed by `make test`), driven by Playwright; no Playwright
browser download is needed.
"""

from __future__ import annotations

import contextlib
import functools
import shutil
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.site import ENGINES, BuildError, build

REPO = Path(__file__).resolve().parents[1]
LOCAL_HOST = "127.0.0.1"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
DESKTOP = {"width": 1280, "height": 900}


@functools.cache
def _build_once(engine: str, out: Path) -> Path | str:
    try:
        build(out, quiet=True, engine=engine, clean=True)
    except BuildError as error:
        return str(error)
    return out


def site_built_by(engine: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as `make build ENGINE=<engine>` makes it from the work tree (`mkdocs build --strict` or
    `zensical build --strict`, then the search index), built once per session; fails with the build log."""
    built = _build_once(engine, tmp_path_factory.getbasetemp() / f"build-{engine}" / "site")
    if isinstance(built, str):
        pytest.fail(built, pytrace=False)
    return built


@pytest.fixture(scope="session", params=ENGINES)
def built_site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site, once per builder: every site check runs on the MkDocs build and on the Zensical one."""
    return site_built_by(request.param, tmp_path_factory)


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both builds side by side, for the parity checks."""
    return {engine: site_built_by(engine, tmp_path_factory) for engine in ENGINES}


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_directory(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port) inside the block; yields the base URL, ending in '/'."""
    server = ThreadingHTTPServer((LOCAL_HOST, 0), functools.partial(_QuietHandler, directory=str(directory)))
    thread = threading.Thread(target=server.serve_forever, name=f"serve {directory}", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Callable[[Path], contextlib.AbstractContextManager[str]]:
    """`with serve(directory) as base:` serves another directory (pages a test writes) like the site."""
    return serve_directory


@pytest.fixture(scope="session")
def site_server(built_site: Path) -> Iterator[str]:
    """Base URL (ending in '/') of the built site served on 127.0.0.1."""
    with serve_directory(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(executable).is_file():
        pytest.fail("Chromium not found (/usr/bin/chromium): `make test` installs it.", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def is_local(url: str) -> bool:
    """Whether loading `url` stays on this machine's test server (data:, blob: and about: load nothing)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.hostname == LOCAL_HOST


@dataclass
class PageProblems:
    """What went wrong while the pages of one test were open; empty when all is well."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return any((self.console_errors, self.page_errors, self.external_requests, self.failed_responses))


@pytest.fixture
def page_problems() -> PageProblems:
    return PageProblems()


@pytest.fixture
def open_page(browser, site_server: str, page_problems: PageProblems) -> Iterator[Callable[..., object]]:
    """Factory of watched pages: `open_page(viewport=..., **context_options)` → Playwright Page.

    Every request leaving 127.0.0.1 is recorded and aborted (nothing may leave the site), as are console
    errors, uncaught page errors and HTTP errors; the test fails at teardown if there was any.
    """
    contexts = []

    def _open(**context_options: object):
        options = {"viewport": DESKTOP, "locale": "vi-VN", "base_url": site_server, **context_options}
        context = browser.new_context(**options)
        contexts.append(context)
        context.route(lambda url: not is_local(url), lambda route: route.abort())

        def on_request(request) -> None:
            if not is_local(request.url):
                page_problems.external_requests.append(request.url)

        def on_response(response) -> None:
            if response.status >= 400:
                page_problems.failed_responses.append(f"{response.status} {response.url}")

        context.on("request", on_request)
        context.on("response", on_response)
        page = context.new_page()
        page.set_default_timeout(15_000)

        def on_console(message) -> None:
            if message.type == "error":
                page_problems.console_errors.append(f"{page.url}: {message.text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: page_problems.page_errors.append(f"{page.url}: {error}"))
        return page

    yield _open
    for context in contexts:
        context.close()
    if page_problems:
        report = "\n".join(
            f"  {kind.replace('_', ' ')}: {item}" for kind, items in vars(page_problems).items() for item in items
        )
        pytest.fail(f"problems while the pages were open:\n{report}", pytrace=False)


@pytest.fixture
def page(open_page):
    """A watched desktop-size page (1280×900) on the served site; `page.goto('ban-tin/')` is relative."""
    return open_page()
