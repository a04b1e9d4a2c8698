"""Load and validate threshold frameworks (docs/adr/0010-threshold-frameworks-as-data.md).

A framework lives in frameworks/<slug>/v<version>.toml. A screening decision records the slug and version it used,
so a published version is never edited in substance and never deleted: `get_framework("…", "1")` must keep working
after v2 ships, or old decisions could no longer say which indicators they ticked or what their level meant.

Files are written by people (a council's policy lead, not a developer), so a bad file is refused with every problem
found at once, each naming the file, the line and the field: "v1.toml, line 212, indicators[40].level: unknown
level 5; the levels are numbered 1 to 4". The checks are in reading.py, the data types in framework.py.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from safecontext.thresholds.framework import (
    ID_PATTERN,
    VERSION_PATTERN,
    Domain,
    Framework,
    FrameworkError,
    FrameworkRef,
    Indicator,
    Intro,
    Level,
    Problem,
    UnknownFramework,
)
from safecontext.thresholds.reading import read_framework

# The data types are re-exported: callers need only this module.
__all__ = [
    "DEFAULT_FRAMEWORK_SLUG",
    "FRAMEWORKS_DIR",
    "Domain",
    "Framework",
    "FrameworkError",
    "FrameworkRef",
    "Indicator",
    "Intro",
    "Level",
    "Problem",
    "UnknownFramework",
    "available_frameworks",
    "get_framework",
    "latest_framework",
    "load_framework",
]

FRAMEWORKS_DIR = Path(__file__).parent / "frameworks"
# Seed 003 (Brighton & Hove's Continuum of Need) is the default until a council chooses its own.
DEFAULT_FRAMEWORK_SLUG = "brighton-hove-continuum-of-need"
FILE_NAME_PATTERN = re.compile(r"v([1-9][0-9]*)\.toml")


def load_framework(path: Path | str) -> Framework:
    """Read and validate one framework file. Raises FrameworkError naming the file, line and field of each problem."""
    return _load(Path(path), expected=None)


def available_frameworks(root: Path = FRAMEWORKS_DIR) -> list[FrameworkRef]:
    """Every framework version shipped under `root`, by slug then version. A broken file raises FrameworkError."""
    return [framework.ref for framework in _all_frameworks(root)]


@functools.cache
def get_framework(slug: str, version: str, root: Path = FRAMEWORKS_DIR) -> Framework:
    """The framework a decision names. Old versions stay loadable: decisions made on them must stay readable."""
    # The pattern checks also keep a slug like "../x" from reading a file outside `root`.
    if not ID_PATTERN.fullmatch(slug) or not VERSION_PATTERN.fullmatch(version):
        raise UnknownFramework(f"{slug!r} version {version!r} is not a framework name and version.")
    path = root / slug / f"v{version}.toml"
    if not path.is_file():
        versions = [ref.version for ref in available_frameworks(root) if ref.slug == slug]
        known = f"its versions are {', '.join(versions)}" if versions else "there is no framework of that name"
        raise UnknownFramework(f"There is no threshold framework {slug!r} version {version!r}: {known}.")
    return _load(path, expected=(slug, version))


def latest_framework(slug: str = DEFAULT_FRAMEWORK_SLUG, root: Path = FRAMEWORKS_DIR) -> Framework:
    """The newest version of a framework: the one new screening decisions use."""
    versions = [ref.version for ref in available_frameworks(root) if ref.slug == slug]
    if not versions:
        raise UnknownFramework(f"There is no threshold framework {slug!r}.")
    return get_framework(slug, max(versions, key=int), root)


@functools.cache
def _all_frameworks(root: Path) -> tuple[Framework, ...]:
    frameworks = []
    for path in sorted(root.glob("*/v*.toml")):
        match = FILE_NAME_PATTERN.fullmatch(path.name)
        if match is None:
            raise FrameworkError(
                path, [Problem(None, "file name", "framework files are named v<version>.toml, for example v2.toml")]
            )
        frameworks.append(get_framework(path.parent.name, match.group(1), root))
    return tuple(sorted(frameworks, key=lambda f: (f.slug, int(f.version))))


def _load(path: Path, *, expected: tuple[str, str] | None) -> Framework:
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise FrameworkError(path, [Problem(None, "file", f"cannot be read: {error.strerror or error}")]) from error
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise FrameworkError(path, [Problem(line, "file", "is not UTF-8 text; save it as UTF-8")]) from error
    return read_framework(path, text, expected=expected)
