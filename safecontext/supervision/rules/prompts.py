"""Supervision prompts: what the supervisor and worker should look at in the next session, gathered from the
worker's cases so nothing that needs reflection is missed.

Issue 6, capability 3: "relationships stuck at 'building', cases with a worker change, overdue visits, new high-risk
links, plans past review". Seed 001: "If it has been difficult to develop the relationship, reflect on this
yourself and with your manager so that you are not 'stuck' at this stage."

Rules (docs/adr/0016-supervision-and-sharing-rules.md):
- "Since the last session" means after the date of the worker's last supervision and up to `today`; with no session
  yet, everything up to `today` counts.
- The stuck-at-building and overdue-visit judgements are the casework rules themselves
  (`safecontext.cases.rules`), so supervision and the caseload never disagree.
- A plan is past review from the day after its review date.
- Prompts come case by case (lowest case id first) and, within a case, in the order of `PromptKind`, so the same
  inputs always give the same agenda.
- Prompt text names no one: it goes on a supervision agenda that may be printed, and the case is identified by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from safecontext.cases.rules.relationship_stages import DEFAULT_STUCK_THRESHOLD, Stage, stuck_at_building
from safecontext.cases.rules.visit_cadence import DEFAULT_RULES, VisitRules, is_visit_overdue, next_visit_due
from safecontext.front_door.timescales import BankHolidays


class PromptKind(StrEnum):
    # Declaration order is the order within a case.
    STUCK_AT_BUILDING = "stuck_at_building"
    WORKER_CHANGED = "worker_changed"
    VISIT_OVERDUE = "visit_overdue"
    NEW_HARMFUL_LINKS = "new_harmful_links"
    PLAN_PAST_REVIEW = "plan_past_review"


_KIND_ORDER = {kind: index for index, kind in enumerate(PromptKind)}


@dataclass(frozen=True)
class CaseForSupervision:
    """What the prompts need to know about one case, read from the case file by the caller."""

    case_id: int
    level: str  # a `visit_cadence.CaseLevel` value
    # The last visit, or the day the case started at its level if there has been no visit yet (as visit_cadence).
    last_visit_date: date
    relationship_history: Sequence[tuple[Stage, date]] = ()
    worker_changed_on: Sequence[date] = ()  # days the lead worker changed
    harmful_links_added_on: Sequence[date] = ()  # days a link marked harmful (high risk) was recorded
    plan_review_dates: Sequence[date] = ()


@dataclass(frozen=True)
class Prompt:
    kind: PromptKind
    case_id: int
    text: str


def supervision_prompts(
    cases: Iterable[CaseForSupervision],
    *,
    last_session_date: date | None,
    today: date,
    stuck_threshold: timedelta = DEFAULT_STUCK_THRESHOLD,
    visit_rules: VisitRules = DEFAULT_RULES,
    bank_holidays: BankHolidays | None = None,
) -> list[Prompt]:
    """The prompts for the worker's next supervision, in a stable order (see the module docstring)."""
    if last_session_date is not None and last_session_date > today:
        raise ValueError(f"The last supervision ({last_session_date}) cannot be after today ({today})")
    prompts: list[Prompt] = []
    for case in cases:
        prompts.extend(
            _for_case(
                case,
                last_session_date=last_session_date,
                today=today,
                stuck_threshold=stuck_threshold,
                visit_rules=visit_rules,
                bank_holidays=bank_holidays,
            )
        )
    # sorted() is stable: a case listed twice keeps its prompts in the order given.
    return sorted(prompts, key=lambda prompt: (prompt.case_id, _KIND_ORDER[prompt.kind]))


def _for_case(
    case: CaseForSupervision,
    *,
    last_session_date: date | None,
    today: date,
    stuck_threshold: timedelta,
    visit_rules: VisitRules,
    bank_holidays: BankHolidays | None,
) -> list[Prompt]:
    prompts: list[Prompt] = []
    since = "since the last supervision" if last_session_date is not None else "so far"

    def new(days: Sequence[date]) -> list[date]:
        return sorted(day for day in days if day <= today and (last_session_date is None or day > last_session_date))

    if stuck_at_building(case.relationship_history, today=today, threshold=stuck_threshold):
        weeks = stuck_threshold.days // 7
        span = f"{weeks} weeks" if stuck_threshold.days % 7 == 0 else f"{stuck_threshold.days} days"
        prompts.append(
            Prompt(
                PromptKind.STUCK_AT_BUILDING,
                case.case_id,
                f"The relationship has been at stage 1, building relationships, for more than {span}. Talk about "
                "what is making it hard to build and what might help.",
            )
        )
    changes = new(case.worker_changed_on)
    if changes:
        times = f" ({len(changes)} changes {since})" if len(changes) > 1 else ""
        prompts.append(
            Prompt(
                PromptKind.WORKER_CHANGED,
                case.case_id,
                f"The lead worker changed on {_long(changes[-1])}{times}. Talk about how "
                "the handover went and how the young person is taking it.",
            )
        )
    if is_visit_overdue(case.last_visit_date, case.level, today=today, rules=visit_rules, bank_holidays=bank_holidays):
        due = next_visit_due(case.last_visit_date, case.level, rules=visit_rules, bank_holidays=bank_holidays)
        assert due is not None  # is_visit_overdue is only True when the level has a cadence
        prompts.append(
            Prompt(
                PromptKind.VISIT_OVERDUE,
                case.case_id,
                f"A visit is overdue: the last was on {_long(case.last_visit_date)} and the next was due by "
                f"{_long(due)}. Talk about what is getting in the way and when the visit will happen.",
            )
        )
    links = new(case.harmful_links_added_on)
    if links:
        count = "1 new harmful link has" if len(links) == 1 else f"{len(links)} new harmful links have"
        prompts.append(
            Prompt(
                PromptKind.NEW_HARMFUL_LINKS,
                case.case_id,
                f"{count} been recorded {since}. Talk about what they mean for the young person's safety and the plan.",
            )
        )
    past = sorted(day for day in case.plan_review_dates if day < today)
    if past:
        others = f" (and {len(past) - 1} more past review)" if len(past) > 1 else ""
        prompts.append(
            Prompt(
                PromptKind.PLAN_PAST_REVIEW,
                case.case_id,
                f"A plan was due for review on {_long(past[0])}{others}. Agree when it will be reviewed.",
            )
        )
    return prompts


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
