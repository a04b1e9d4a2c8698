"""Supervision prompts (issue 6, capability 3): gathered from plain case data, judged by the casework rules, in a
stable order, in plain English that names no one."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from safecontext.cases.rules.relationship_stages import Stage
from safecontext.cases.rules.visit_cadence import CaseLevel, VisitRules
from safecontext.supervision.rules.prompts import CaseForSupervision, Prompt, PromptKind, supervision_prompts

TODAY = date(2026, 3, 17)  # a Tuesday
LAST_SESSION = date(2026, 2, 24)
RECENT_VISIT = date(2026, 3, 16)


def quiet_case(case_id: int, **changes: object) -> CaseForSupervision:
    base = CaseForSupervision(case_id=case_id, level=CaseLevel.CHILD_IN_NEED, last_visit_date=RECENT_VISIT)
    return replace(base, **changes)  # type: ignore[arg-type]


def kinds(prompts: list[Prompt]) -> list[tuple[int, PromptKind]]:
    return [(prompt.case_id, prompt.kind) for prompt in prompts]


def test_a_quiet_case_gives_no_prompts() -> None:
    assert supervision_prompts([quiet_case(1)], last_session_date=LAST_SESSION, today=TODAY) == []


def test_relationship_stuck_at_building() -> None:
    stuck = quiet_case(1, relationship_history=[(Stage.BUILDING, date(2026, 1, 5))])
    moving = quiet_case(
        2, relationship_history=[(Stage.BUILDING, date(2026, 1, 5)), (Stage.MAINTAINING, date(2026, 2, 1))]
    )
    recent = quiet_case(3, relationship_history=[(Stage.BUILDING, date(2026, 3, 1))])
    [prompt] = supervision_prompts([stuck, moving, recent], last_session_date=LAST_SESSION, today=TODAY)
    assert prompt == Prompt(
        PromptKind.STUCK_AT_BUILDING,
        1,
        "The relationship has been at stage 1, building relationships, for more than 6 weeks. Talk about what is "
        "making it hard to build and what might help.",
    )


def test_the_stuck_threshold_is_passed_through() -> None:
    case = quiet_case(1, relationship_history=[(Stage.BUILDING, date(2026, 3, 1))])
    [prompt] = supervision_prompts(
        [case], last_session_date=LAST_SESSION, today=TODAY, stuck_threshold=timedelta(days=10)
    )
    assert "for more than 10 days" in prompt.text


def test_worker_change_since_the_last_session_only() -> None:
    before = quiet_case(1, worker_changed_on=[date(2026, 2, 10)])
    on_the_day = quiet_case(2, worker_changed_on=[LAST_SESSION])
    after = quiet_case(3, worker_changed_on=[date(2026, 3, 2)])
    twice = quiet_case(4, worker_changed_on=[date(2026, 3, 9), date(2026, 3, 2)])
    prompts = supervision_prompts([before, on_the_day, after, twice], last_session_date=LAST_SESSION, today=TODAY)
    assert kinds(prompts) == [(3, PromptKind.WORKER_CHANGED), (4, PromptKind.WORKER_CHANGED)]
    assert prompts[0].text.startswith("The lead worker changed on 2 March 2026. Talk about how the handover went")
    assert prompts[1].text.startswith("The lead worker changed on 9 March 2026 (2 changes since the last supervision).")


def test_with_no_session_yet_everything_so_far_counts() -> None:
    case = quiet_case(1, worker_changed_on=[date(2025, 6, 1)], harmful_links_added_on=[date(2025, 6, 2)])
    prompts = supervision_prompts([case], last_session_date=None, today=TODAY)
    assert kinds(prompts) == [(1, PromptKind.WORKER_CHANGED), (1, PromptKind.NEW_HARMFUL_LINKS)]
    assert prompts[1].text.startswith("1 new harmful link has been recorded so far.")


def test_visit_overdue_uses_the_casework_visit_cadence() -> None:
    # Child protection: 10 working days. Last visit Monday 2 March 2026, due by Monday 16 March, overdue on the 17th.
    overdue = quiet_case(1, level=CaseLevel.CHILD_PROTECTION, last_visit_date=date(2026, 3, 2))
    due_today = quiet_case(2, level=CaseLevel.CHILD_PROTECTION, last_visit_date=date(2026, 3, 3))
    no_cadence = quiet_case(3, level=CaseLevel.EARLY_HELP, last_visit_date=date(2025, 1, 6))
    [prompt] = supervision_prompts([overdue, due_today, no_cadence], last_session_date=LAST_SESSION, today=TODAY)
    assert prompt.kind is PromptKind.VISIT_OVERDUE and prompt.case_id == 1
    assert prompt.text.startswith(
        "A visit is overdue: the last was on 2 March 2026 and the next was due by 16 March 2026."
    )


def test_visit_rules_are_passed_through() -> None:
    case = quiet_case(1, level=CaseLevel.CHILD_IN_NEED, last_visit_date=date(2026, 3, 2))
    assert supervision_prompts([case], last_session_date=LAST_SESSION, today=TODAY) == []
    strict = VisitRules({**VisitRules().every_working_days, CaseLevel.CHILD_IN_NEED: 5})
    assert kinds(supervision_prompts([case], last_session_date=LAST_SESSION, today=TODAY, visit_rules=strict)) == [
        (1, PromptKind.VISIT_OVERDUE)
    ]


def test_new_harmful_links_are_counted_since_the_last_session() -> None:
    case = quiet_case(
        1, harmful_links_added_on=[date(2026, 2, 1), date(2026, 3, 1), date(2026, 3, 10), date(2026, 3, 30)]
    )
    [prompt] = supervision_prompts([case], last_session_date=LAST_SESSION, today=TODAY)
    # The link dated after today is not counted (a date typed wrongly is not treated as news).
    assert prompt.text.startswith("2 new harmful links have been recorded since the last supervision.")


def test_plans_past_review_from_the_day_after_the_review_date() -> None:
    on_the_day = quiet_case(1, plan_review_dates=[TODAY])
    past = quiet_case(2, plan_review_dates=[date(2026, 3, 10), date(2026, 2, 1), date(2026, 4, 1)])
    [prompt] = supervision_prompts([on_the_day, past], last_session_date=LAST_SESSION, today=TODAY)
    assert prompt == Prompt(
        PromptKind.PLAN_PAST_REVIEW,
        2,
        "A plan was due for review on 1 February 2026 (and 1 more past review). Agree when it will be reviewed.",
    )


def test_prompts_come_case_by_case_in_a_stable_order() -> None:
    busy = quiet_case(
        7,
        plan_review_dates=[date(2026, 3, 1)],
        harmful_links_added_on=[date(2026, 3, 1)],
        level=CaseLevel.CHILD_PROTECTION,
        last_visit_date=date(2026, 2, 2),
        worker_changed_on=[date(2026, 3, 1)],
        relationship_history=[(Stage.BUILDING, date(2025, 12, 1))],
    )
    other = quiet_case(3, plan_review_dates=[date(2026, 3, 1)])
    expected = [
        (3, PromptKind.PLAN_PAST_REVIEW),
        (7, PromptKind.STUCK_AT_BUILDING),
        (7, PromptKind.WORKER_CHANGED),
        (7, PromptKind.VISIT_OVERDUE),
        (7, PromptKind.NEW_HARMFUL_LINKS),
        (7, PromptKind.PLAN_PAST_REVIEW),
    ]
    assert kinds(supervision_prompts([busy, other], last_session_date=LAST_SESSION, today=TODAY)) == expected
    assert kinds(supervision_prompts([other, busy], last_session_date=LAST_SESSION, today=TODAY)) == expected


def test_a_last_session_after_today_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot be after today"):
        supervision_prompts([], last_session_date=TODAY + timedelta(days=1), today=TODAY)
