"""The bench hook for the family PDF renders the long synthetic plan through the real template."""

from __future__ import annotations

from safecontext.bench import pdf_probes


def test_the_probe_renders_the_long_plan_and_times_it() -> None:
    assert pdf_probes.render_family_pdf(pdf_probes.long_plan()) > 10_000  # bytes of a multi-page PDF
    timings = pdf_probes.timings_ms(renders=2)
    assert len(timings) == 2
    assert all(ms > 0 for ms in timings)


def test_the_probe_offers_one_measurement_to_make_bench() -> None:
    hooks = pdf_probes.measurements(user=None, people=0, seed=1)  # type: ignore[arg-type]
    assert len(hooks) == 1
