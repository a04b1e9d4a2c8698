"""axe-core in the browser tests: every page a test visits must have zero WCAG 2.2 A/AA violations.

axe is evaluated through Playwright (the DevTools protocol), not added as a <script>: SafeContext's
Content-Security-Policy allows only its own scripts with a nonce, and the check must not need that policy loosened.
tests/browser/vendor/axe.min.js is copied from the npm lock file by `npm run build` (frontend/build.mjs).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.0, 2.1 and 2.2 at levels A and AA (the bar). axe tags a 2.2 A criterion "wcag22a" only if it has
# one; listing it does no harm.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]

_RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    helpUrl: violation.helpUrl,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(' '),
      html: node.html,
      summary: node.failureSummary,
    })),
  }));
}"""


@cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise AssertionError(
            f"{AXE_PATH} is missing: run `make assets` (npm ci, then npm run build) to copy axe-core from npm."
        )
    return AXE_PATH.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    page.wait_for_load_state("load")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    violations: list[dict[str, Any]] = page.evaluate(_RUN_AXE, WCAG_TAGS)
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} <{violation['helpUrl']}>")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html']}")
            lines.extend(f"      {line}" for line in (node["summary"] or "").splitlines())
    return "\n".join(lines)


def assert_accessible(page: Page, where: str) -> None:
    """Fail with each violation's rule, impact, help and the offending elements."""
    violations = axe_violations(page)
    assert not violations, f"axe-core found WCAG 2.2 A/AA violations on the {where} ({page.url}):\n" + describe(
        violations
    )
