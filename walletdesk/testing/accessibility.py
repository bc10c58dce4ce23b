"""Accessibility checks for browser tests: axe-core run inside the page under test.

axe-core 4.14.1 is vendored beside this file (vendor/axe.min.js, MPL-2.0, see vendor/README.md)
and evaluated through the browser's debugging protocol, so the site's Content-Security-Policy
stays as strict as it is for users and nothing is fetched from elsewhere.
"""

from functools import cache
from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
_AXE = Path(__file__).parent / "vendor" / "axe.min.js"

# What fails a page: impacts axe rates serious or critical. Minor and moderate findings are
# reported in the message of a failure but do not fail on their own.
FAILING_IMPACTS = frozenset({"serious", "critical"})
# The rule sets run: WCAG 2.0 and 2.1, levels A and AA, and axe's best practices.
_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")


@cache
def _axe_source() -> str:
    return _AXE.read_text(encoding="utf-8")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every axe violation on the page as it is now (WCAG 2.x A and AA and best practice)."""
    # A page still loading has no settled document for axe to read.
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_source())
    violations: list[dict[str, Any]] = page.evaluate(
        """async (TAGS) => {
            const result = await window.axe.run(document, {
                runOnly: {type: "tag", values: TAGS},
                resultTypes: ["violations"],
            });
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        list(_TAGS),
    )
    return violations


def describe(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']}] {v['id']}: {v['help']}")
        lines.extend(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:5])
    return "\n".join(lines)


def expect_accessible(page: Page) -> None:
    """Fail when axe finds a serious or critical violation on the page."""
    found = axe_violations(page)
    failing = [v for v in found if v["impact"] in FAILING_IMPACTS]
    assert not failing, f"{page.url}\n{describe(failing)}"
