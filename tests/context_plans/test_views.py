"""context_plans pages: forms that show every problem and save nothing on bad input, conflicts, access events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse
from django.utils import timezone

from safecontext.audit.models import AccessEvent
from safecontext.context_plans.models import ContextConference, ContextPlan, ContextWeighting, Partner, PlanAction
from tests.conftest import World
from tests.context_plans.records import make_plan_records


def _date(prefix: str, value: dt.date) -> dict[str, str]:
    return {f"{prefix}_day": str(value.day), f"{prefix}_month": str(value.month), f"{prefix}_year": str(value.year)}


def _weighting_post(
    rows: list[tuple[str, str, str]], rationale: str = "The park is where it happens"
) -> dict[str, Any]:
    data: dict[str, Any] = {"rows": str(max(len(rows), 4)), "rationale": rationale}
    data |= _date("recorded_on", timezone.localdate())
    for row, (label, context, weight) in enumerate(rows):
        data |= {f"label_{row}": label, f"context_{row}": context, f"weight_{row}": weight}
    return data


def test_the_childs_overview_draws_the_latest_weighting_and_records_the_view(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    response = client_for("same_team_colleague").get(reverse("context_plans:for_person", args=[world.child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<title>The park: 50 of 100</title>" in html
    assert "Down 20" in html and "Added" in html  # the change since the earlier weighting
    assert records.plan.title in html
    assert AccessEvent.objects.filter(person_id=world.child.pk, actor_username="same_team_colleague").exists()


def test_a_new_weighting_starts_from_the_latest_boxes(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    make_plan_records(world)
    response = client_for("allocated_worker").get(reverse("context_plans:person_weighting_new", args=[world.child.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="label_0" type="text" value="The park"' in html
    assert 'name="weight_2" type="text" value="30"' in html
    assert 'name="label_4"' in html  # two empty rows to add boxes


def test_a_weighting_that_does_not_add_up_shows_the_form_again_and_saves_nothing(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("context_plans:person_weighting_new", args=[world.child.pk])
    response = client_for("allocated_worker").post(url, _weighting_post([("Park", "", "60"), ("School", "", "30")]))
    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and "The weights add up to 90, not 100: add 10." in html
    assert not ContextWeighting.objects.exists()


def test_a_weight_that_is_not_a_number_is_shown_on_its_row(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("context_plans:person_weighting_new", args=[world.child.pk])
    response = client_for("allocated_worker").post(url, _weighting_post([("Park", "", "lots"), ("School", "", "30")]))
    assert response.status_code == 400
    assert 'href="#id_weight_0">Weight must be a whole number from 1 to 100' in response.content.decode()


def test_a_weighting_is_saved_with_a_linked_context(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    url = reverse("context_plans:person_weighting_new", args=[world.child.pk])
    response = client_for("allocated_worker").post(
        url, _weighting_post([("", str(records.park.pk), "80"), ("Bus 7", "", "20")])
    )
    assert response.status_code == 302
    latest = ContextWeighting.objects.filter(person=world.child).order_by("-id").first()
    assert latest is not None and response["Location"] == reverse("context_plans:weighting_detail", args=[latest.pk])
    # a box linked to a context and left unnamed takes the context's name
    assert [(e.label, e.context_id, e.weight) for e in latest.entries.all()] == [
        ("Matrix Park", records.park.pk, 80),
        ("Bus 7", None, 20),
    ]


def test_add_another_box_works_without_javascript(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("context_plans:person_weighting_new", args=[world.child.pk])
    data = _weighting_post([("Park", "", "60")]) | {"add_box": "1"}
    response = client_for("allocated_worker").post(url, data)
    assert response.status_code == 200
    assert 'name="label_4"' in response.content.decode()
    assert not ContextWeighting.objects.exists()


def test_the_preview_draws_the_boxes_being_typed(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    response = client_for("allocated_worker").post(
        reverse("context_plans:weighting_preview"),
        _weighting_post([("Park", "", "75"), ("School", "", "25")]),
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Park: 75 of 100</title>" in html and "<title>School: 25 of 100</title>" in html
    assert "<html" not in html


def test_a_plan_targets_the_heaviest_box_unless_another_is_chosen(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("allocated_worker")
    url = reverse("context_plans:person_plan_new", args=[world.child.pk])
    page = client.get(url).content.decode()
    park = records.weighting.entries.get(label="The park")
    assert f'value="{park.pk}" checked' in page
    bus = records.weighting.entries.get(label="Bus 7")
    data = {"title": "Safer journeys", "targets_first": str(bus.pk)} | _date(
        "review_on", timezone.localdate() + dt.timedelta(days=30)
    )
    response = client.post(url, data)
    assert response.status_code == 302
    assert ContextPlan.objects.get(title="Safer journeys").targets_first_label == "Bus 7"


def test_a_negative_goal_is_shown_again_with_the_option_to_keep_it(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("allocated_worker")
    url = reverse("context_plans:goal_new", args=[records.plan.pk])
    data = {"statement": "No young people are approached", "what_will_show_it": "x", "how_we_will_know": "y"}
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Keep my wording" in response.content.decode()
    assert client.post(url, data | {"keep_wording": "yes"}).status_code == 302
    assert records.plan.goals.count() == 2


def test_an_action_can_be_given_to_a_guardian(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("allocated_worker")
    url = reverse("context_plans:plan_action_new", args=[records.plan.pk])
    form = client.get(url).content.decode()
    assert "Pat Warden (Park warden)" in form
    assert (
        ">Partner_agency Tester (Police)</option>" in form
    )  # partner agency staff, whose accounts sit in their agency's service
    assert ">Other_team_worker Tester</option>" in form  # everyone with a role in the service
    data = {"description": "Open the gate early", "owner": f"partner:{records.guardian.pk}", "goal": ""}
    data |= _date("due_on", timezone.localdate() + dt.timedelta(days=7))
    assert client.post(url, data).status_code == 302
    assert PlanAction.objects.get(description="Open the gate early").owner_partner == records.guardian
    missing = client.post(url, {"description": "", "owner": ""})
    assert missing.status_code == 400
    assert "Choose who will do this" in missing.content.decode()


def test_a_stale_plan_edit_shows_the_differences(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    url = reverse("context_plans:plan_edit", args=[records.plan.pk])
    review = _date("review_on", timezone.localdate() + dt.timedelta(days=20))
    first = client_for("allocated_worker").post(
        url, {"title": "Mine", "targets_first_label": "The park", "version": "1"} | review
    )
    assert first.status_code == 302
    second = client_for("manager").post(
        url, {"title": "Theirs", "targets_first_label": "The park", "version": "1"} | review
    )
    assert second.status_code == 409
    html = second.content.decode()
    assert "Someone else changed this plan" in html and "Mine" in html and "Theirs" in html
    assert ContextPlan.objects.get(pk=records.plan.pk).title == "Mine"


def test_a_conference_is_recorded_with_a_guardian(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("manager")
    url = reverse("context_plans:conference_new", args=[records.plan.pk])
    data = {
        "chair": str(world.users["manager"].pk),
        "attendee_users": [str(world.users["allocated_worker"].pk)],
        "attendee_partners": [str(records.guardian.pk)],
        "decisions": "Light the path by the skate ramps",
    } | _date("held_on", timezone.localdate())
    response = client.post(url, data)
    assert response.status_code == 302
    conference = ContextConference.objects.get(decisions="Light the path by the skate ramps")
    page = client.get(response["Location"]).content.decode()
    assert "Pat Warden (Park warden)" in page
    assert client.post(url, {"decisions": ""}).status_code == 400
    assert ContextConference.objects.count() == 2 and conference.plan == records.plan


def test_the_review_page_and_recording_a_review(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("allocated_worker")
    url = reverse("context_plans:plan_review", args=[records.plan.pk])
    assert "Goal 1: Young people say they feel safe" in client.get(url).content.decode()
    bad = client.post(url, {"summary": ""})
    assert bad.status_code == 400
    data = {"summary": "The warden walks the path; young people use it"} | _date(
        "next_review_on", timezone.localdate() + dt.timedelta(days=60)
    )
    assert client.post(url, data).status_code == 302
    assert records.plan.reviews.count() == 1


def test_a_context_case_overview_and_its_plan_review(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("manager")
    overview = client.get(reverse("context_plans:for_context_case", args=[records.case_plan.context_case_id]))
    assert overview.status_code == 200 and "A group that looks out for each other" in overview.content.decode()
    goal_url = reverse("context_plans:goal_new", args=[records.case_plan.pk])
    assert "Members look out for each other" in client.get(goal_url).content.decode()  # the questionnaire's question
    data = {
        "statement": "The group looks out for each other",
        "what_will_show_it": "They walk home together",
        "how_we_will_know": "The youth worker asks",
        "measured_by": ["pg.fn.look_out"],
    }
    assert client.post(goal_url, data).status_code == 302
    review = client.get(reverse("context_plans:plan_review", args=[records.case_plan.pk])).content.decode()
    assert "1 of 1 measure improved" in review
    assert "Slightly true" in review and "Mostly true" in review  # baseline 2, latest 4


def test_partners_register_add_and_refuse_contact_without_consent(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    client = client_for("manager")
    url = reverse("context_plans:partner_new")
    data = {"kind": "guardian", "name": "Sam Shop", "role": "Shop owner", "contact": "07700 900002"}
    refused = client.post(url, data)
    assert refused.status_code == 400 and not Partner.objects.filter(name="Sam Shop").exists()
    saved = client.post(url, data | {"consents_to_contact": "yes", "contexts": [str(records.park.pk)]})
    assert saved.status_code == 302
    assert list(Partner.objects.get(name="Sam Shop").contexts.all()) == [records.park]
    register = client.get(reverse("context_plans:partners")).content.decode()
    assert "Sam Shop" in register and "Pat Warden" in register


def test_a_stale_partner_edit_conflicts(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    url = reverse("context_plans:partner_edit", args=[records.guardian.pk])
    data = {"kind": "guardian", "name": "Pat Warden", "role": "Head warden", "active": "yes", "version": "1"}
    assert client_for("manager").post(url, data).status_code == 302
    stale = client_for("allocated_worker").post(url, data | {"role": "Warden"})
    assert stale.status_code == 409
    assert Partner.objects.get(pk=records.guardian.pk).role == "Head warden"


def test_the_api_reads_a_childs_weightings_and_a_plan_recording_the_child_as_seen(world: World) -> None:
    from django.test import Client

    from safecontext.accounts.tokens import issue_api_token

    records = make_plan_records(world)
    user = world.users["same_team_colleague"]
    headers = {"Authorization": f"Bearer {issue_api_token(user=user, days=1, by=user)}"}
    weightings = Client().get(f"/api/context-plans/people/{world.child.pk}/weightings", headers=headers)
    assert weightings.status_code == 200
    assert [w["id"] for w in weightings.json()] == [records.weighting.pk, records.earlier.pk]
    plan = Client().get(f"/api/context-plans/plans/{records.plan.pk}", headers=headers).json()
    assert plan["targets_first"] == "The park"
    assert plan["actions"][0]["owner"] == "Pat Warden (Park warden)"
    assert "01632" not in str(plan)  # a guardian's contact details stay on the register
    kinds = set(
        AccessEvent.objects.filter(person_id=world.child.pk, actor_username=user.username).values_list(
            "kind", flat=True
        )
    )
    assert kinds == {"api"}
    outsider = world.users["youth_worker"]
    token = issue_api_token(user=outsider, days=1, by=outsider)
    refused = Client().get(f"/api/context-plans/plans/{records.plan.pk}", headers={"Authorization": f"Bearer {token}"})
    assert refused.status_code == 404 and refused.json() == {"detail": "Not found."}


def test_a_stale_goal_edit_conflicts_and_shows_the_differences(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_plan_records(world)
    url = reverse("context_plans:goal_edit", args=[records.goal.pk])
    manager = client_for("manager")
    page = manager.get(url).content.decode()
    assert "Young people say they feel safe walking through the park after school" in page
    data = {
        "statement": "Young people say they feel safe in the park",
        "what_will_show_it": "They use the main path",
        "how_we_will_know": "The warden asks them",
        "version": "1",
    }
    assert manager.post(url, data).status_code == 302
    stale = client_for("allocated_worker").post(url, data | {"statement": "Young people enjoy the park"})
    assert stale.status_code == 409
    html = stale.content.decode()
    assert "Someone else changed this goal" in html and "Young people enjoy the park" in html
    records.goal.refresh_from_db()
    assert records.goal.statement == "Young people say they feel safe in the park" and records.goal.version == 2


def test_weights_typed_in_any_proportion_are_scaled_to_100_without_saving(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    url = reverse("context_plans:person_weighting_new", args=[world.child.pk])
    data = _weighting_post([("Park", "", "2"), ("School", "", "1")]) | {"scale_to_100": "1"}
    response = client_for("allocated_worker").post(url, data)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="weight_0" type="text" value="67"' in html and 'name="weight_1" type="text" value="33"' in html
    assert not ContextWeighting.objects.exists()
    missing = client_for("same_team_colleague").post(url, data | {"weight_1": ""})
    assert missing.status_code == 400 and "Give every box a weight above 0" in missing.content.decode()


def test_a_child_seen_through_break_glass_is_recorded_as_such_and_cannot_be_written(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from safecontext.access.actions import open_break_glass

    make_plan_records(world)
    outsider = world.users["other_team_worker"]
    open_break_glass(person=world.child, reason="Police called out of hours about this child missing", by=outsider)
    client = client_for("other_team_worker")
    assert client.get(reverse("context_plans:for_person", args=[world.child.pk])).status_code == 200
    event = AccessEvent.objects.filter(person_id=world.child.pk, actor_username="other_team_worker").latest("id")
    assert event.via_break_glass
    assert client.get(reverse("context_plans:person_weighting_new", args=[world.child.pk])).status_code == 404


def test_an_overdue_action_and_review_are_flagged_on_the_plan(world: World, client_for) -> None:  # type: ignore[no-untyped-def]
    from safecontext.core.actions_base import inside_action

    records = make_plan_records(world)
    url = reverse("context_plans:plan_detail", args=[records.plan.pk])
    client = client_for("allocated_worker")
    assert "Overdue" not in client.get(url).content.decode()
    past = timezone.localdate() - dt.timedelta(days=3)
    with inside_action():  # time passes: the dates set when the plan was made are now behind us
        PlanAction.objects.filter(pk=records.plan_action.pk).update(due_on=past)
        ContextPlan.objects.filter(pk=records.plan.pk).update(review_on=past)
    html = client.get(url).content.decode()
    assert "Overdue</strong>" in html and "Review overdue" in html
