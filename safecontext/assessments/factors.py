"""The DfE assessment factor codes, read from the versioned data files in `assessments/data/` (STYLE.md: reference
data as versioned files, after the CIN validator's per-year rule folders). Pure: no Django."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CURRENT_VERSION = "2024-25"
# "No factors identified" cannot sit beside a factor that was identified (CIN census validation does the same).
NO_FACTORS = "21"


@dataclass(frozen=True)
class Factor:
    code: str
    label: str
    group: str
    extra_familial: bool


@dataclass(frozen=True)
class FactorList:
    version: str
    title: str
    factors: tuple[Factor, ...]

    def by_code(self) -> dict[str, Factor]:
        return {factor.code: factor for factor in self.factors}

    def groups(self) -> list[tuple[str, list[Factor]]]:
        """The factors in file order, grouped for the form (groups in order of first appearance)."""
        grouped: dict[str, list[Factor]] = {}
        for factor in self.factors:
            grouped.setdefault(factor.group, []).append(factor)
        return list(grouped.items())


class UnknownFactorList(LookupError):
    pass


def available_versions() -> list[str]:
    return sorted(
        path.stem.removeprefix("dfe-assessment-factors-") for path in DATA.glob("dfe-assessment-factors-*.toml")
    )


@functools.cache
def factor_list(version: str = CURRENT_VERSION) -> FactorList:
    path = DATA / f"dfe-assessment-factors-{version}.toml"
    if version not in available_versions():
        raise UnknownFactorList(f"No assessment factor list for {version}")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    factors = tuple(
        Factor(
            code=str(row["code"]),
            label=str(row["label"]),
            group=str(row.get("group", "Other")),
            extra_familial=bool(row.get("extra_familial", False)),
        )
        for row in data["factor"]
    )
    return FactorList(version=str(data["version"]), title=str(data["title"]), factors=factors)


def check_codes(codes: list[str], version: str = CURRENT_VERSION) -> list[str]:
    """Problems with a set of chosen codes, as sentences (empty when they are fine)."""
    known = factor_list(version).by_code()
    problems = [f"{code} is not a factor code in the {version} list" for code in codes if code not in known]
    if NO_FACTORS in codes and len(set(codes)) > 1:
        problems.append("'No factors identified' cannot be chosen with other factors")
    return problems
