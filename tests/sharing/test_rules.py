"""Sharing records (issue 6, capabilities 4 and 5): what Working Together 2023 and the Information Sharing Advice ask
to be recorded, decisions not to share, which exports need a record, and "who knows what about me" lines that never
carry anyone's name."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from safecontext.sharing.rules import (
    ConsentStatus,
    Decision,
    ExportKind,
    ItemKind,
    LawfulBasis,
    Purpose,
    Severity,
    SharingRecord,
    requires_sharing_record,
    validate_sharing_record,
    who_knows_what_lines,
)

TODAY = date(2026, 3, 17)
ASIF = 101
OTHER_CHILD = 202


def share(**changes: object) -> SharingRecord:
    record = SharingRecord(
        subject_ids=(ASIF,),
        decision=Decision.SHARED,
        items=(ItemKind.SAFETY_PLAN,),
        agency="Brightside Police",
        recipient_person="PC Example",
        purpose=Purpose.KEEP_SAFE,
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        consent=ConsentStatus.GIVEN,
        young_person_told=True,
        family_told=True,
        decision_maker="Team manager",
        decided_on=date(2026, 3, 3),
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def fields(record: SharingRecord) -> list[str]:
    return [problem.field for problem in validate_sharing_record(record, today=TODAY)]


def test_a_complete_share_has_no_problems() -> None:
    assert validate_sharing_record(share(), today=TODAY) == []


def test_a_complete_decision_not_to_share_has_no_problems() -> None:
    refusal = share(decision=Decision.NOT_SHARED, reason_not_shared="Not necessary: the school already has the plan")
    assert validate_sharing_record(refusal, today=TODAY) == []


def test_a_decision_not_to_share_needs_a_reason() -> None:
    refusal = share(decision=Decision.NOT_SHARED, reason_not_shared="  ")
    [problem] = validate_sharing_record(refusal, today=TODAY)
    assert (problem.field, problem.message) == ("reason_not_shared", "A decision not to share needs its reason")


def test_purpose_and_lawful_basis_are_always_required() -> None:
    assert fields(share(purpose=None, lawful_basis=None)) == ["purpose", "lawful_basis"]
    assert fields(share(decision=Decision.NOT_SHARED, reason_not_shared="x", purpose=None, lawful_basis=None)) == [
        "purpose",
        "lawful_basis",
    ]


@pytest.mark.parametrize("consent", [ConsentStatus.REFUSED, ConsentStatus.NOT_SOUGHT, None])
def test_consent_as_the_basis_must_be_recorded_as_given(consent: ConsentStatus | None) -> None:
    problems = validate_sharing_record(share(lawful_basis=LawfulBasis.CONSENT, consent=consent), today=TODAY)
    assert [p.field for p in problems] == ["consent"]
    if consent is not None:
        assert "must be recorded as given" in problems[0].message
    assert validate_sharing_record(share(lawful_basis=LawfulBasis.CONSENT), today=TODAY) == []


def test_consent_not_sought_needs_a_reason() -> None:
    assert fields(share(consent=ConsentStatus.NOT_SOUGHT)) == ["consent_reason"]
    assert fields(share(consent=ConsentStatus.NOT_SOUGHT, consent_reason="Seeking it would increase the risk")) == []


def test_sharing_after_consent_was_refused_needs_a_reason_but_refusing_to_share_does_not() -> None:
    assert fields(share(consent=ConsentStatus.REFUSED, lawful_basis=LawfulBasis.VITAL_INTERESTS)) == ["consent_reason"]
    refusal = share(decision=Decision.NOT_SHARED, reason_not_shared="Consent refused", consent=ConsentStatus.REFUSED)
    assert fields(refusal) == []


def test_not_telling_the_young_person_or_family_needs_a_reason() -> None:
    problems = validate_sharing_record(share(young_person_told=False), today=TODAY)
    assert [(p.field, p.message) for p in problems] == [("not_told_reason", "Say why the young person was not told")]
    problems = validate_sharing_record(share(young_person_told=False, family_told=False), today=TODAY)
    assert problems[0].message == "Say why the young person and family were not told"
    assert fields(share(family_told=False, not_told_reason="Telling the father would put Asif at risk")) == []


def test_whether_they_were_told_must_be_answered() -> None:
    assert fields(share(young_person_told=None, family_told=None)) == ["young_person_told", "family_told"]


def test_what_with_whom_and_who_decided_are_required() -> None:
    record = share(subject_ids=(), items=(), agency=" ", recipient_person="", decision_maker="")
    assert fields(record) == ["subject_ids", "items", "agency", "recipient_person", "decision_maker"]


def test_other_items_and_other_purposes_need_describing() -> None:
    assert fields(share(items=(ItemKind.OTHER,), purpose=Purpose.OTHER)) == ["items_detail", "purpose_detail"]


def test_a_decision_cannot_be_dated_in_the_future() -> None:
    assert fields(share(decided_on=date(2026, 3, 18))) == ["decided_on"]


def test_a_share_with_a_reason_not_to_share_is_only_a_warning() -> None:
    [problem] = validate_sharing_record(share(reason_not_shared="left over"), today=TODAY)
    assert problem.severity is Severity.WARNING


@pytest.mark.parametrize("kind", ["pdf", "csv", "api_export", "print"])
def test_outbound_exports_require_a_sharing_record(kind: str) -> None:
    assert requires_sharing_record(kind) is True


def test_reading_on_screen_does_not_and_an_unknown_kind_is_refused() -> None:
    assert requires_sharing_record(ExportKind.ON_SCREEN) is False
    with pytest.raises(ValueError, match="Unknown export kind 'fax'"):
        requires_sharing_record("fax")


# --- who knows what about me --------------------------------------------------------------------------------------


def test_lines_are_plain_language_and_oldest_first() -> None:
    records = [
        share(
            decided_on=date(2026, 3, 10),
            agency="Brightside Academy",
            items=(ItemKind.PLAN, ItemKind.CONTACT_DETAILS, ItemKind.PLAN),
            purpose=Purpose.EDUCATION,
        ),
        share(),
    ]
    assert who_knows_what_lines(records, subject_id=ASIF) == [
        "On 3 March 2026 we shared your safety plan with Brightside Police so they could help keep you safe.",
        "On 10 March 2026 we shared your plan and your contact details with Brightside Academy so they could support "
        "you at school or college.",
    ]


def test_lines_leave_out_refusals_other_children_and_shares_the_young_person_was_not_told_about() -> None:
    records = [
        share(decision=Decision.NOT_SHARED, reason_not_shared="Not needed"),
        share(subject_ids=(OTHER_CHILD,)),
        share(young_person_told=False, not_told_reason="Risk of harm"),
        share(young_person_told=None),
        share(subject_ids=(OTHER_CHILD, ASIF), agency="Brightside Youth Service"),
    ]
    assert who_knows_what_lines(records, subject_id=ASIF) == [
        "On 3 March 2026 we shared your safety plan with Brightside Youth Service so they could help keep you safe."
    ]


MARKERS = ["ZZMARKER-Jordan-Okafor", "ZZMARKER-12-Elm-Road", "ZZMARKER-Auntie-Bea", "ZZMARKER-Detail"]


def test_who_knows_what_never_carries_names_or_free_text() -> None:
    """Marker-string leak test: other people's names and details planted in every free-text field never appear."""
    planted = {
        "recipient_person": f"{MARKERS[0]} (DC)",
        "decision_maker": MARKERS[2],
        "items_detail": f"Plan naming {MARKERS[0]} of {MARKERS[1]}",
        "purpose_detail": f"Disrupt {MARKERS[2]}'s associates",
        "consent_reason": MARKERS[3],
        "not_told_reason": MARKERS[3],
        "reason_not_shared": MARKERS[3],
    }
    records = [
        share(**planted, items=(item,), purpose=purpose)  # type: ignore[arg-type]
        for item in ItemKind
        for purpose in Purpose
    ]
    records.append(share(**planted, subject_ids=(OTHER_CHILD,), agency=f"Agency of {MARKERS[0]}"))  # type: ignore[arg-type]
    lines = who_knows_what_lines(records, subject_id=ASIF)
    assert len(lines) == len(ItemKind) * len(Purpose)
    text = "\n".join(lines)
    for marker in MARKERS:
        assert marker not in text
    assert "ZZMARKER" not in text
