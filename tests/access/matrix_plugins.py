"""Each area's own records for the generated matrices (pages, API and audit coverage).

The matrices request every URL as every persona. A URL naming a record of its own (`<int:case_id>`, `<int:note_id>` …)
needs a real record to name and an expected answer per persona. Each area supplies both in `tests/<area>/matrix.py`:

    def record_ids(world: World) -> dict[str, int]
        converter name → id, for records the area creates about Test Child (`world.child`, Pod A's case) or,
        for records that are not about one child (a context case, a supervision session), held by Pod A.
    def expected_status(name: str, persona: str, world: World) -> set[int] | None
        the statuses a GET of URL `name` may answer for `persona`; None to leave it to the matrix's general rule
        (404 without the permission; for RECORD policies, 200 exactly when the persona can see Test Child).

Areas live in their own files so that several people can add URLs at once without touching the matrix tests.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import World

TESTS = Path(__file__).resolve().parent.parent


def _plugins() -> list[ModuleType]:
    return [importlib.import_module(f"tests.{path.parent.name}.matrix") for path in sorted(TESTS.glob("*/matrix.py"))]


PLUGINS = _plugins()


def plugin_record_ids(world: World) -> dict[str, int]:
    ids: dict[str, int] = {}
    for plugin in PLUGINS:
        ids |= plugin.record_ids(world)
    return ids


def plugin_expected_status(name: str, persona: str, world: World) -> set[int] | None:
    for plugin in PLUGINS:
        expected: Callable[[str, str, World], set[int] | None] = plugin.expected_status
        answer = expected(name, persona, world)
        if answer is not None:
            return answer
    return None
