from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from safecontext.access.actions import open_break_glass, review_break_glass
from safecontext.access.models import BreakGlassGrant
from safecontext.access.scope import people_visible_to
from safecontext.audit.models import AccessEvent, AuditEvent
from tests.conftest import World

REASON = "Police called at 2am: this child is missing and was last seen near the station"


def test_out_of_scope_record_is_404_until_break_glass(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("other_team_worker")
    detail = f"/people/{world.child.pk}/"
    assert client.get(detail).status_code == 404

    response = client.post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON})

    assert response.status_code == 302
    assert response["Location"] == detail
    assert client.get(detail).status_code == 200
    grant = BreakGlassGrant.objects.get()
    assert grant.user == world.users["other_team_worker"]
    assert grant.expires_at - grant.granted_at == dt.timedelta(hours=4)
    assert AuditEvent.objects.filter(action="break_glass.granted", target_id=str(grant.pk), reason=REASON).exists()
    view = AccessEvent.objects.filter(person_id=world.child.pk, actor_username="other_team_worker", kind="page").get()
    assert view.via_break_glass


def test_break_glass_needs_a_real_reason_and_saves_nothing_without_one(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("other_team_worker").post(
        "/access/break-glass/", {"identifier": str(world.child.pk), "reason": "urgent"}
    )
    assert response.status_code == 400
    assert "at least 20 characters" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    assert not AuditEvent.objects.filter(action="break_glass.granted").exists()


def test_unknown_identifier_is_a_clear_error(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("other_team_worker").post("/access/break-glass/", {"identifier": "NOPE123", "reason": REASON})
    assert response.status_code == 400
    assert "No record in your service has that identifier" in response.content.decode()


def test_record_already_in_scope_needs_no_break_glass(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        "/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON}
    )
    assert response.status_code == 302
    assert not BreakGlassGrant.objects.exists()


def test_access_expires_after_four_hours(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    user = world.users["other_team_worker"]
    open_break_glass(person=world.child, reason=REASON, by=user)
    assert people_visible_to(user).filter(pk=world.child.pk).exists()
    later = timezone.now() + dt.timedelta(hours=4, minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert not people_visible_to(user).filter(pk=world.child.pk).exists()


@pytest.mark.parametrize("persona", ["partner_agency", "no_role", "administrator", "youth_worker", "data_officer"])
def test_roles_without_break_glass_cannot_use_it(persona: str, world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        open_break_glass(person=world.child, reason=REASON, by=world.users[persona])
    response = client_for(persona).post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON})
    assert response.status_code == 404
    assert not BreakGlassGrant.objects.exists()


def test_manager_reviews_the_alert(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    grant = open_break_glass(person=world.child, reason=REASON, by=world.users["other_team_worker"])
    hos = client_for("head_of_service")
    assert "1 emergency access is awaiting your review" in " ".join(hos.get("/").content.decode().split())
    assert REASON in hos.get("/access/break-glass/reviews/").content.decode()

    missing_note = hos.post(f"/access/break-glass/reviews/{grant.pk}/", {"outcome": "inappropriate", "note": ""})
    assert missing_note.status_code == 400
    grant.refresh_from_db()
    assert grant.outcome == BreakGlassGrant.Outcome.PENDING

    response = hos.post(f"/access/break-glass/reviews/{grant.pk}/", {"outcome": "appropriate", "note": "Checked"})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert grant.outcome == BreakGlassGrant.Outcome.APPROPRIATE
    assert grant.reviewed_by == world.users["head_of_service"]
    assert AuditEvent.objects.filter(action="break_glass.reviewed", target_id=str(grant.pk)).exists()


def test_nobody_reviews_their_own_break_glass(world: World) -> None:
    manager = world.users["manager"]
    grant = open_break_glass(person=world.other_child, reason=REASON, by=manager)
    with pytest.raises(PermissionDenied):
        review_break_glass(grant=grant, outcome="appropriate", note="", by=manager)


def test_a_review_cannot_be_rewritten(world: World) -> None:
    grant = open_break_glass(person=world.child, reason=REASON, by=world.users["other_team_worker"])
    hos = world.users["head_of_service"]
    review_break_glass(grant=grant, outcome="appropriate", note="", by=hos)
    with pytest.raises(ValidationError):
        review_break_glass(grant=grant, outcome="inappropriate", note="changed my mind", by=hos)


def test_break_glass_opens_a_record_for_reading_only(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("other_team_worker")
    client.post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON})
    assert client.get(f"/people/{world.child.pk}/").status_code == 200
    assert client.get(f"/people/{world.child.pk}/edit/").status_code == 404


def test_an_identifier_matching_two_people_is_refused(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    # Another child's LA child ID happens to equal Test Child's SafeContext number.
    from tests.factories import make_person

    make_person("Clash", "Child", la_child_id=str(world.child.pk))
    client = client_for("other_team_worker")
    response = client.post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": REASON})
    assert response.status_code == 400
    assert "More than one record has that identifier" in response.content.decode()
    assert not BreakGlassGrant.objects.exists()
    ok = client.post("/access/break-glass/", {"identifier": f"SC{world.child.pk}", "reason": REASON})
    assert ok.status_code == 302
    assert BreakGlassGrant.objects.get().person == world.child


def test_a_short_reason_does_not_reveal_whether_the_identifier_exists(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client = client_for("other_team_worker")
    real = client.post("/access/break-glass/", {"identifier": str(world.child.pk), "reason": "urgent"})
    made_up = client.post("/access/break-glass/", {"identifier": "NOPE999", "reason": "urgent"})
    assert real.status_code == made_up.status_code == 400
    assert "No record in your service" not in made_up.content.decode()


def test_failed_lookups_leave_an_audit_trail(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    client_for("other_team_worker").post("/access/break-glass/", {"identifier": "9990001112", "reason": REASON})
    event = AuditEvent.objects.get(action="break_glass.no_match")
    assert event.actor_username == "other_team_worker"
    assert event.after == {"identifier": "9990001112"}


def test_an_inappropriate_review_ends_the_access(world: World) -> None:
    user = world.users["other_team_worker"]
    grant = open_break_glass(person=world.child, reason=REASON, by=user)
    review_break_glass(
        grant=grant, outcome="inappropriate", note="No child protection reason", by=world.users["head_of_service"]
    )
    assert not people_visible_to(user).filter(pk=world.child.pk).exists()


def test_losing_the_role_ends_emergency_access(world: World) -> None:
    user = world.users["other_team_worker"]
    open_break_glass(person=world.child, reason=REASON, by=user)
    user.role = "partner_agency"
    assert not people_visible_to(user).filter(pk=world.child.pk).exists()


def test_unicode_digits_are_not_a_server_error(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("other_team_worker").post("/access/break-glass/", {"identifier": "²", "reason": REASON})
    assert response.status_code == 400
