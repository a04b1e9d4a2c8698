"""Writes for genograms: every change goes through an @action here and is audited.

Bad input raises ValidationError with field → messages. A member's edit names the version it started from; a stale
edit raises MemberEditConflict with the differences. The family's uploaded copy is checked by its content (the first
bytes), not by its name or the browser's say-so, and by size.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from safecontext.audit.actions import record_change
from safecontext.cases.models import Case
from safecontext.core.actions_base import action
from safecontext.core.validation import ValidationErrors
from safecontext.genograms.drawing.family import COUPLE_KINDS, DESCENT_KINDS, RelationKind
from safecontext.genograms.models import (
    Aspect,
    FamilyCopy,
    Genogram,
    GenogramMember,
    GenogramRelation,
    IdentityAnnotation,
)
from safecontext.people.actions import FieldDifference
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import User

MEMBER_LABELS: dict[str, str] = {
    "person": "Person on the case",
    "name": "Name",
    "sex": "Sex",
    "birth_year": "Year of birth",
    "deceased": "Has died",
    "death_year": "Year of death",
    "is_subject": "The child or young person this work is about",
}
EARLIEST_YEAR = 1850
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
NAME_MAX = 100
ANNOTATION_MAX = 500
# The first bytes of each file type we accept (the family's copy is a photo, a scan or a PDF).
SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", FamilyCopy.ContentType.PDF),
    (b"\x89PNG\r\n\x1a\n", FamilyCopy.ContentType.PNG),
    (b"\xff\xd8\xff", FamilyCopy.ContentType.JPEG),
)


class MemberEditConflict(Exception):
    def __init__(self, *, current_version: int, differences: list[FieldDifference]) -> None:
        super().__init__(f"the member has changed since it was loaded (now version {current_version})")
        self.current_version = current_version
        self.differences = differences


def sniff_content_type(data: bytes) -> str | None:
    for signature, content_type in SIGNATURES:
        if data.startswith(signature):
            return str(content_type)
    return None


def _year(value: object, *, field: str, errors: ValidationErrors) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add(field, f"{MEMBER_LABELS[field]} must be a year, like 1984")
        return None
    if not EARLIEST_YEAR <= value <= timezone.localdate().year:
        errors.add(field, f"{MEMBER_LABELS[field]} must be between {EARLIEST_YEAR} and this year")
        return None
    return value


def clean_member(values: Mapping[str, Any], *, case: Case) -> tuple[dict[str, Any], dict[str, str]]:
    """The member's fields and annotations (aspect → text), checked together."""
    errors = ValidationErrors()
    cleaned: dict[str, Any] = {}
    person = values.get("person")
    if person is not None and (
        not isinstance(person, Person) or not case.involvements.filter(person_id=person.pk).exists()
    ):
        errors.add("person", "Choose a person on this case")
        person = None
    cleaned["person"] = person
    name = " ".join(str(values.get("name") or "").split())
    if not name and person is not None:
        name = person.display_name
    if not name:
        errors.add("name", "Enter the name")
    elif len(name) > NAME_MAX:
        errors.add("name", f"Name must be {NAME_MAX} characters or fewer")
    cleaned["name"] = name
    sex = values.get("sex") or GenogramMember.Sex.UNKNOWN
    if sex not in GenogramMember.Sex.values:
        errors.add("sex", "Choose male, female or not known")
        sex = GenogramMember.Sex.UNKNOWN
    cleaned["sex"] = sex
    cleaned["birth_year"] = _year(values.get("birth_year"), field="birth_year", errors=errors)
    cleaned["deceased"] = bool(values.get("deceased"))
    cleaned["death_year"] = _year(values.get("death_year"), field="death_year", errors=errors)
    if cleaned["death_year"] is not None and not cleaned["deceased"]:
        errors.add("death_year", "Tick 'Has died' to record a year of death")
    if cleaned["birth_year"] and cleaned["death_year"] and cleaned["death_year"] < cleaned["birth_year"]:
        errors.add("death_year", "Year of death must be the same as or after the year of birth")
    # The case's own young person is the one the work is about, whether or not the box was ticked.
    cleaned["is_subject"] = bool(values.get("is_subject")) or (person is not None and person.pk == case.subject_id)
    annotations: dict[str, str] = {}
    for aspect in Aspect:
        text = " ".join(str(values.get(f"aspect_{aspect.value}") or "").split())
        if len(text) > ANNOTATION_MAX:
            errors.add(f"aspect_{aspect.value}", f"{aspect.label} must be {ANNOTATION_MAX} characters or fewer")
        elif text:
            annotations[aspect.value] = text
    errors.raise_if_any()
    return cleaned, annotations


def _genogram_for(case: Case, by: User) -> Genogram:
    genogram = Genogram.objects.filter(case=case).first()
    if genogram is None:
        genogram = Genogram.objects.create(case=case, created_by=by)
        record_change(by=by, action="genograms.start", target=genogram, after={"case": case.pk})
    return genogram


def _snapshot(member: GenogramMember) -> dict[str, Any]:
    values: dict[str, Any] = {field: getattr(member, field) for field in MEMBER_LABELS if field != "person"}
    values["person"] = member.person_id
    values["annotations"] = {row.aspect: row.text for row in member.annotations.all()} if member.pk else {}
    return values


def _only_one_subject(genogram: Genogram, member: GenogramMember) -> None:
    if member.is_subject and genogram.members.filter(is_subject=True).exclude(pk=member.pk).exists():
        errors = ValidationErrors()
        errors.add("is_subject", "Another member is already marked as the child this work is about")
        errors.raise_if_any()


def _write_annotations(member: GenogramMember, annotations: dict[str, str]) -> None:
    member.annotations.all().delete()
    IdentityAnnotation.objects.bulk_create(
        [IdentityAnnotation(member=member, aspect=aspect, text=text) for aspect, text in annotations.items()]
    )


@action
def add_member(*, case: Case, by: User, values: Mapping[str, Any]) -> GenogramMember:
    cleaned, annotations = clean_member(values, case=case)
    genogram = _genogram_for(case, by)
    member = GenogramMember(genogram=genogram, **cleaned)
    _only_one_subject(genogram, member)
    member.save()
    _write_annotations(member, annotations)
    record_change(by=by, action="genograms.add_member", target=member, after=_snapshot(member))
    return member


@action
def update_member(
    *, member: GenogramMember, by: User, values: Mapping[str, Any], expected_version: int
) -> GenogramMember:
    current = GenogramMember.objects.select_for_update().select_related("genogram__case").get(pk=member.pk)
    cleaned, annotations = clean_member(values, case=current.genogram.case)
    before = _snapshot(current)
    if current.version != expected_version:
        mine = {**cleaned, "person": cleaned["person"].pk if cleaned["person"] else None, "annotations": annotations}
        labels = {**MEMBER_LABELS, "annotations": "Cultural and identity notes"}
        differences = [
            FieldDifference(
                field=field, label=labels[field], theirs=_display(before[field]), yours=_display(mine[field])
            )
            for field in labels
            if before[field] != mine[field]
        ]
        raise MemberEditConflict(current_version=current.version, differences=differences)
    for field, value in cleaned.items():
        setattr(current, field, value)
    _only_one_subject(current.genogram, current)
    current.version += 1
    current.save()
    _write_annotations(current, annotations)
    after = _snapshot(current)
    changed = [field for field in after if before[field] != after[field]]
    record_change(
        by=by,
        action="genograms.update_member",
        target=current,
        before={field: before[field] for field in changed},
        after={field: after[field] for field in changed},
    )
    return current


def _display(value: object) -> str:
    if value is None or value == "" or value == {}:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, dict):
        return "\n".join(f"{Aspect(aspect).label}: {text}" for aspect, text in value.items())
    return str(value)


@action
def remove_member(*, member: GenogramMember, by: User) -> None:
    before = _snapshot(member)
    relations = GenogramRelation.objects.filter(from_member=member) | GenogramRelation.objects.filter(to_member=member)
    relations.delete()
    member.annotations.all().delete()
    record_change(by=by, action="genograms.remove_member", target=member, before=before)
    member.delete()


def _ancestors(genogram: Genogram, member_id: int) -> set[int]:
    up: dict[int, list[int]] = {}
    for parent, child in genogram.relations.filter(kind__in=[k.value for k in DESCENT_KINDS]).values_list(
        "from_member_id", "to_member_id"
    ):
        up.setdefault(child, []).append(parent)
    seen: set[int] = set()
    stack = list(up.get(member_id, []))
    while stack:
        current = stack.pop()
        if current not in seen:
            seen.add(current)
            stack.extend(up.get(current, []))
    return seen


@action
def add_relation(
    *, case: Case, by: User, kind: str, from_member_id: int | None, to_member_id: int | None
) -> GenogramRelation:
    errors = ValidationErrors()
    genogram = Genogram.objects.filter(case=case).first()
    members = {member.pk: member for member in genogram.members.all()} if genogram else {}
    first, second = members.get(from_member_id or 0), members.get(to_member_id or 0)
    if first is None:
        errors.add("from_member", "Choose the first person")
    if second is None:
        errors.add("to_member", "Choose the second person")
    if kind not in GenogramRelation.Kind.values:
        errors.add("kind", "Choose how they are related")
    errors.raise_if_any()
    assert genogram is not None and first is not None and second is not None
    relation_kind = RelationKind(kind)
    if first.pk == second.pk:
        errors.add("to_member", "Choose two different people")
    elif relation_kind in DESCENT_KINDS and second.pk in _ancestors(genogram, first.pk):
        errors.add("to_member", f"{second.name} is already recorded as an ancestor of {first.name}")
    elif (
        relation_kind == RelationKind.PARENT
        and genogram.relations.filter(to_member=second, kind=RelationKind.PARENT).count() >= 2
    ):
        errors.add("to_member", f"{second.name} already has two birth parents recorded")
    if relation_kind in COUPLE_KINDS | {RelationKind.SIBLING}:
        pair = GenogramRelation.objects.filter(genogram=genogram, kind=kind)
        if pair.filter(from_member=second, to_member=first).exists():
            errors.add("kind", "This relationship is already recorded")
    if GenogramRelation.objects.filter(from_member=first, to_member=second, kind=kind).exists():
        errors.add("kind", "This relationship is already recorded")
    errors.raise_if_any()
    relation = GenogramRelation.objects.create(genogram=genogram, kind=kind, from_member=first, to_member=second)
    record_change(
        by=by,
        action="genograms.add_relation",
        target=relation,
        after={"kind": kind, "from": first.name, "to": second.name},
    )
    return relation


@action
def remove_relation(*, relation: GenogramRelation, by: User) -> None:
    before = {"kind": relation.kind, "from": relation.from_member.name, "to": relation.to_member.name}
    record_change(by=by, action="genograms.remove_relation", target=relation, before=before)
    relation.delete()


@action
def upload_family_copy(*, case: Case, by: User, filename: str, data: bytes, note: str = "") -> FamilyCopy:
    errors = ValidationErrors()
    content_type = sniff_content_type(data)
    if not data:
        errors.add("file", "Choose a file to upload")
    elif len(data) > MAX_UPLOAD_BYTES:
        errors.add("file", f"The file must be smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB")
    elif content_type is None:
        errors.add("file", "The file must be a PDF, PNG or JPEG")
    note = " ".join(note.split())
    if len(note) > 300:
        errors.add("note", "The note must be 300 characters or fewer")
    errors.raise_if_any()
    assert content_type is not None
    # Only a safe name is kept: the download's name comes from here, never from a path the browser sent.
    # ASCII only: the name goes into a Content-Disposition header.
    base = filename.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    stem = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_ ") else "_" for ch in base)
    extension = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[content_type]
    safe_name = f"{(stem.strip() or 'family-genogram')[:100]}.{extension}"
    genogram = _genogram_for(case, by)
    copy = FamilyCopy.objects.create(
        genogram=genogram,
        filename=safe_name,
        content_type=content_type,
        size=len(data),
        data=data,
        note=note,
        uploaded_by=by,
    )
    record_change(
        by=by,
        action="genograms.upload_family_copy",
        target=copy,
        after={"filename": safe_name, "content_type": content_type, "size": len(data), "note": note},
    )
    return copy
