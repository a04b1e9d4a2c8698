"""A decision made on version 1 of a framework stays readable, in version 1's words, after version 2 ships
(docs/adr/0010). Version 2 here rewords an indicator and renames a level, as a council's revision would."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client

from safecontext.front_door.actions.screening import screen_referral
from safecontext.front_door.queries.screening import decision_summary
from safecontext.thresholds import loader
from tests.conftest import World
from tests.front_door.factories_screening import BRIGHTON, make_referral

pytestmark = pytest.mark.django_db

V1_TEXT = "Persistent absence from school"
V2_TEXT = "School attendance below 50% over a term"
V1_LEVEL = "Early Help Partnership Plus"
V2_LEVEL = "Targeted Family Help"

_get_framework = loader.get_framework
_latest_framework = loader.latest_framework
_available_frameworks = loader.available_frameworks


def _use_frameworks(monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
    """Point the loader at `root`, as if these were the files shipped with the deploy."""
    monkeypatch.setattr(loader, "get_framework", lambda slug, version, _root=None: _get_framework(slug, version, root))
    monkeypatch.setattr(loader, "latest_framework", lambda slug=BRIGHTON, _root=None: _latest_framework(slug, root))
    monkeypatch.setattr(loader, "available_frameworks", lambda _root=None: _available_frameworks(root))


@pytest.fixture
def roots(tmp_path: Path) -> tuple[Path, Path]:
    """Two deploys: before (v1 only) and after version 2 shipped (v1 and v2)."""
    shipped = loader.FRAMEWORKS_DIR / BRIGHTON / "v1.toml"
    before, after = tmp_path / "before", tmp_path / "after"
    for root in (before, after):
        (root / BRIGHTON).mkdir(parents=True)
        shutil.copy(shipped, root / BRIGHTON / "v1.toml")
    v1 = shipped.read_text(encoding="utf-8")
    assert v1.count('version = "1"') == 1 and v1.count(f'"{V1_TEXT}"') == 1 and v1.count(f'"{V1_LEVEL}"') == 1
    v2 = v1.replace('version = "1"', 'version = "2"').replace(f'"{V1_TEXT}"', f'"{V2_TEXT}"')
    (after / BRIGHTON / "v2.toml").write_text(v2.replace(f'"{V1_LEVEL}"', f'"{V2_LEVEL}"'), encoding="utf-8")
    return before, after


def test_a_decision_on_version_1_reads_in_version_1s_words_after_version_2_ships(
    world: World,
    roots: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    client_for: Callable[[str], Client],
) -> None:
    before, after = roots
    referral = make_referral(by=world.users["front_door"], children=[world.child])
    _use_frameworks(monkeypatch, before)
    decision = screen_referral(
        referral=referral,
        framework_slug=BRIGHTON,
        framework_version="1",
        indicator_ids=["cdn-3-01"],
        decided_level=3,
        level_rationale="",
        extra_familial_risk="none",
        risk_rationale="No concerns outside the home",
        by=world.users["front_door"],
    )

    _use_frameworks(monkeypatch, after)
    assert loader.latest_framework(BRIGHTON).version == "2"
    summary = decision_summary(decision, user=world.users["front_door"])
    assert summary.framework_label == "Brighton & Hove Continuum of Need (version 1)"
    assert [group.indicators for group in summary.chosen] == [(V1_TEXT,)]
    assert summary.decided_label == f"level 3 {V1_LEVEL}"

    page = client_for("front_door").get(f"/front-door/referrals/{referral.pk}/screen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Brighton &amp; Hove Continuum of Need (version 1)" in html
    assert V1_TEXT in html and V1_LEVEL in html
    assert V2_TEXT not in html and V2_LEVEL not in html


def test_new_screenings_use_the_newest_version_and_a_form_from_before_it_shipped_is_refused(
    world: World,
    roots: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    client_for: Callable[[str], Client],
) -> None:
    _, after = roots
    _use_frameworks(monkeypatch, after)
    referral = make_referral(by=world.users["front_door"], children=[world.child])
    client = client_for("front_door")

    page = client.get(f"/front-door/referrals/{referral.pk}/screen/").content.decode()
    assert f'value="{BRIGHTON}:2" selected' in page
    assert V2_TEXT in page and V1_TEXT not in page

    stale = client.post(
        f"/front-door/referrals/{referral.pk}/screen/",
        {
            "action": "save",
            "framework": f"{BRIGHTON}:1",
            "indicators": ["cdn-3-01"],
            "decided_level": "3",
            "extra_familial_risk": "none",
            "risk_rationale": "No concerns outside the home",
            "version": "1",
        },
    )
    assert stale.status_code == 400
    assert "has replaced version 1. Check the indicators against the new version." in stale.content.decode()
    referral.refresh_from_db()
    assert referral.status == referral.Status.AWAITING_SCREENING
