"""The plain data a genogram is drawn from."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Sex(StrEnum):
    MALE = "male"
    FEMALE = "female"
    UNKNOWN = "unknown"


class RelationKind(StrEnum):
    PARENT = "parent"  # `a` is the birth parent of `b`
    ADOPTIVE_PARENT = "adoptive_parent"  # `a` adopted `b` (drawn as descent, dashed)
    MARRIED = "married"
    PARTNER = "partner"  # together, not married
    SEPARATED = "separated"
    DIVORCED = "divorced"
    SIBLING = "sibling"  # siblings whose parents are not on the genogram
    CARER = "carer"  # `a` cares for `b` (kinship carer, special guardian)
    FOSTER_CARER = "foster_carer"  # `a` fosters `b`


COUPLE_KINDS = frozenset({RelationKind.MARRIED, RelationKind.PARTNER, RelationKind.SEPARATED, RelationKind.DIVORCED})
DESCENT_KINDS = frozenset({RelationKind.PARENT, RelationKind.ADOPTIVE_PARENT})
CARE_KINDS = frozenset({RelationKind.CARER, RelationKind.FOSTER_CARER})


@dataclass(frozen=True)
class Member:
    id: int
    name: str
    sex: Sex = Sex.UNKNOWN
    birth_year: int | None = None
    death_year: int | None = None
    deceased: bool = False
    is_subject: bool = False  # the child or young person the work is about
    annotations: tuple[tuple[str, str], ...] = field(default=())  # (aspect label, text)

    @property
    def years(self) -> str:
        if self.birth_year and self.death_year:
            return f"{self.birth_year}\N{EN DASH}{self.death_year}"
        if self.birth_year:
            return f"b. {self.birth_year}"
        if self.death_year:
            return f"d. {self.death_year}"
        return ""


@dataclass(frozen=True)
class Relation:
    kind: RelationKind
    a: int
    b: int
