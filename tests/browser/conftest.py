"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

See docs/adr/0008-ci-and-browser-tests.md for why the browser is Debian's and how accessibility is checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyotp
import pytest
from playwright.sync_api import Browser, BrowserType, Page, Playwright, expect, sync_playwright

from safecontext.accounts.models import User
from tests import factories
from tests.browser.axe import assert_accessible

CHROMIUM = Path("/usr/bin/chromium")
# --no-sandbox: CI runs as root, where chromium's sandbox refuses to start. The other flags stop chromium reaching
# out to Google's services, which this machine's closed network refuses (noisily) at every start.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Long enough for a first page on a busy two-core CI machine; short enough that a broken page fails quickly.
TIMEOUT_MS = 15_000


@pytest.fixture(scope="session")
def browser_type_launch_args() -> dict[str, Any]:
    """Launch Debian's chromium, never a browser downloaded by `playwright install`."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser tests drive Debian's chromium. "
            "Install it with `apt-get install -y --no-install-recommends chromium fonts-liberation` "
            "(.ci/run does this on a fresh machine).",
            pytrace=False,
        )
    return {"executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


# pytest-playwright keeps Playwright (and so its event loop) running for the whole session. Here it lives only for
# this package, so the tests that run after the browser tests see no running event loop (async_to_sync and
# asyncio.run refuse to work inside one). A conftest elsewhere that imports these fixtures gets the same, for its
# own package.
@pytest.fixture(scope="package")
def playwright() -> Iterator[Playwright]:
    """Playwright, with Django's async-safety guard off for exactly as long as Playwright's event loop runs.

    Playwright's sync API runs an asyncio event loop on the main thread (switching to it through greenlets), so while
    it is started Django sees "a running event loop" and refuses the test's own ORM calls (the factories, the
    transactional database's flush) with SynchronousOnlyOperation. Nothing here is really concurrent: the live
    server answers from its own thread with its own connection, and a test touches the database only between browser
    steps; SafeContext has no async views or async ORM use. The variable is removed again afterwards, because
    `check --deploy` rightly refuses a process that has it (async.E001), and subprocesses inherit it.
    """
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as pw:
            yield pw


@pytest.fixture(scope="package")
def browser_type(playwright: Playwright) -> BrowserType:
    return playwright.chromium


@pytest.fixture(scope="package")
def browser(browser_type: BrowserType, browser_type_launch_args: dict[str, Any]) -> Iterator[Browser]:
    browser = browser_type.launch(**browser_type_launch_args)
    yield browser
    browser.close()


@pytest.fixture(scope="package")
def browser_context_args() -> dict[str, Any]:
    # en-GB, and a desktop-sized window so the header shows the user's name, role and team in full.
    return {"locale": "en-GB", "timezone_id": "Europe/London", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def page(page: Page, live_server: Any) -> Iterator[Page]:
    """A browser tab on the live server, failing fast rather than waiting Playwright's default 30 seconds.

    After the test, it fails if any page broke the Content-Security-Policy (an inline script or style), threw a
    JavaScript error, or asked for a script, stylesheet or image that did not load: a person would see a broken page.
    """
    page.set_default_timeout(TIMEOUT_MS)
    page.set_default_navigation_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    problems: list[str] = []
    page.on(
        "console",
        lambda message: (
            problems.append(f"console: {message.text}")
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"JavaScript error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} for {response.request.resource_type} {response.url}")
            if response.status >= 400 and response.request.resource_type not in {"document", "xhr", "fetch"}
            else None
        ),
    )
    # ERR_ABORTED is the browser cancelling a request itself: a favicon still loading when the test moves to the
    # next page, or htmx dropping a search superseded by the next keystroke. Those are not faults.
    page.on(
        "requestfailed",
        lambda request: (
            problems.append(f"{request.resource_type} {request.url} failed: {request.failure}")
            if "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    yield page
    assert not problems, "The browser reported problems:\n" + "\n".join(problems)


@pytest.fixture
def url(live_server: Any) -> Callable[[str], str]:
    def _url(path: str) -> str:
        return f"{live_server.url}{path}"

    return _url


def fill_sign_in(page: Page, user: User, *, password: str = factories.PASSWORD) -> None:
    page.get_by_label("Username", exact=True).fill(user.username)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_label("Security code", exact=True).fill(pyotp.TOTP(user.totp_secret).now())


@pytest.fixture
def sign_in(page: Page, url: Callable[[str], str]) -> Callable[[User], None]:
    """Sign in through the real form, as a person would, checking the sign-in and home pages' accessibility."""

    def _sign_in(user: User) -> None:
        page.goto(url("/account/sign-in/"))
        assert_accessible(page, "sign-in page")
        fill_sign_in(page, user)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", level=1, name="My work")).to_be_visible()
        assert_accessible(page, f"home page of {user.username}")

    return _sign_in
