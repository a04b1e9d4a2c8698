"""The contexts area's records for the generated matrices (tests/access/matrix_plugins.py): a context case held
by Pod A, led by allocated_worker, with Test Child as a member, a baseline and a review, and a referral about it."""

from __future__ import annotations

from tests.conftest import World
from tests.contexts.records import EXPECTED_CAN_SEE_CONTEXT_CASE, make_context_records

CASE_URLS = {"context_case_id", "context_member_id", "context_assessment_id"}


def record_ids(world: World) -> dict[str, int]:
    records = make_context_records(world)
    return {
        "context_case_id": records.case.pk,
        "context_member_id": records.member.pk,
        "context_assessment_id": records.review.pk,
        "context_referral_id": records.referral.pk,
    }


def expected_status(name: str, persona: str, world: World) -> set[int] | None:
    if name == "contexts:open_from_referral":
        # The referral is about a context, not a child: of those who may open context cases, only a role that
        # sees the service's referrals (the manager) reaches it.
        return {200} if persona == "manager" else {404}
    if name in {"api:context_case_detail", "api:context_case_comparison"} or (
        name.startswith("contexts:") and name not in {"contexts:case_list", "contexts:open_case"}
    ):
        return {200} if EXPECTED_CAN_SEE_CONTEXT_CASE[persona] else {404}
    return None
