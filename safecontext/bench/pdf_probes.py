"""The safety plan PDF's figure for `make bench` (issue 5: the family PDF in ≤ 1 s).

Renders the family copy of a long synthetic safety plan (every section filled, 8 contingencies, 8 contacts) through
the real template and `sharing.pdf.render_pdf` (WeasyPrint, no network), as the download does after
`authorise_outbound`. The plan is built in memory: rendering does not read the database, so the figure does not
depend on the size of the city. Hook for measure.py: `measurements(...)`; on its own:
`python -m safecontext.bench.pdf_probes` prints the timings in ms.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from safecontext.accounts.models import User
    from safecontext.bench.measure import Figure
    from safecontext.safety_plans.models import SafetyPlan

RENDERS = 20
PARAGRAPH = (
    "Everyone agreed this together at the kitchen table. It is written in the family's words so that it still makes "
    "sense in a year's time, when the service has stopped working with them. "
)


def long_plan() -> SafetyPlan:
    from safecontext.safety_plans.models import TEXT_FIELDS, SafetyPlan

    plan = SafetyPlan(version=7, review_on=dt.date(2027, 1, 15))
    for field in TEXT_FIELDS:
        setattr(plan, field, PARAGRAPH * 4)
    plan.contingencies = [
        {"if": f"situation {n} happens late in the evening", "then": f"step {n}: ring the next person on the list"}
        for n in range(1, 9)
    ]
    plan.contacts = [{"name": f"Contact {n}", "role": "Family friend", "phone": f"01632 960 {n:03d}"} for n in range(8)]
    return plan


def render_family_pdf(plan: SafetyPlan) -> int:
    from safecontext.safety_plans.views import family_pdf_context
    from safecontext.sharing.pdf import render_pdf

    return len(render_pdf("safety_plans/pdf/family.html", family_pdf_context(plan, given_name="Sam")))


def timings_ms(renders: int = RENDERS) -> list[float]:
    from safecontext.bench.measure import _timed

    plan = long_plan()
    render_family_pdf(plan)  # warm-up: fonts and the template are loaded once per process
    return [_timed(functools.partial(render_family_pdf, plan))[0] for _ in range(renders)]


def measure_safety_plan_pdf(*, people: int) -> list[Figure]:
    from safecontext.bench.measure import Figure, database_label

    figure = Figure("Safety plan family PDF", people, database_label(), target_p95_ms=1000)
    figure.timings_ms = timings_ms()
    figure.notes = [
        f"measured: safety_plans family template + sharing.pdf.render_pdf (WeasyPrint), {RENDERS} renders of a plan "
        "with every section filled, 8 contingencies and 8 contacts, after one untimed warm-up render"
    ]
    return [figure]


def measurements(*, user: User, people: int, seed: int) -> list[Callable[[], list[Figure]]]:
    return [functools.partial(measure_safety_plan_pdf, people=people)]


def main() -> None:
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safecontext.settings")
    django.setup()
    times = sorted(timings_ms())
    print(
        f"Safety plan family PDF: p50 {times[len(times) // 2]:.0f} ms, max {times[-1]:.0f} ms, n={len(times)} "
        "(target ≤ 1000 ms)"
    )


if __name__ == "__main__":
    main()
