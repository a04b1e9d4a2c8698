"""The DfE reason-for-closure codes, read from a versioned code list in `cases/data/`.

A closed case keeps the code and the version of the list it was chosen from, so a later census list that renames
or renumbers a code does not silently change what an old closure meant.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).resolve().parent / "data" / "closure_reasons.json"


class CodeList(NamedTuple):
    version: str
    labels: dict[str, str]  # code → label, in the list's order


@cache
def current() -> CodeList:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    return CodeList(version=str(data["version"]), labels={row["code"]: row["label"] for row in data["codes"]})


def choices() -> list[tuple[str, str]]:
    return [(code, f"{code}: {label}") for code, label in current().labels.items()]


def label(code: str) -> str:
    return current().labels.get(code, code)
