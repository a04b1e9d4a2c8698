"""The shared browser fixtures (Debian's chromium, the live server, fail-on-console-error pages)."""

from tests.browser.conftest import (  # noqa: F401  (pytest finds fixtures by name in this module)
    browser,
    browser_context_args,
    browser_type,
    browser_type_launch_args,
    page,
    playwright,
    sign_in,
    url,
)
