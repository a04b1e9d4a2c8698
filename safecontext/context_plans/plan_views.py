"""Context plan pages: a plan with its goals, actions (owned by workers, guardians or partners), conferences and
reviews. Thin: forms check shape, actions.py decides and audits, queries.py reads in scope. Each page about a
child's plan records an AccessEvent for the child before it renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission
from safecontext.access.scope import get_context_case_for_user, get_person_for_user
from safecontext.context_plans import actions, queries
from safecontext.context_plans.cleaning import EditConflict
from safecontext.context_plans.forms import ConferenceForm, GoalForm, PlanActionForm, PlanForm, ReviewForm
from safecontext.context_plans.models import ContextPlan, PlanAction
from safecontext.context_plans.views import Subject, record_child_view, subject_page
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user


def _status(form: Any) -> int:
    return 400 if form.errors else 200


@require_http_methods(["GET", "POST"])
def new_for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    return _new_plan(request, get_person_for_user(user, person_id, write=True))


@require_http_methods(["GET", "POST"])
def new_for_context_case(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CONTEXT_CASES)
    return _new_plan(request, get_context_case_for_user(user, context_case_id, write=True))


def _new_plan(request: HttpRequest, subject: Subject) -> HttpResponse:
    """A context plan built on the subject's latest weighting: it targets the heaviest context first unless the
    team chooses another box."""
    user = signed_in_user(request)
    page = subject_page(subject)
    weighting = queries.latest_weighting_for(subject)
    boxes = list(weighting.entries.all()) if weighting else []
    form = PlanForm(request.POST or None, boxes=boxes)
    if request.method == "POST" and form.is_valid():
        chosen = form.boxes.get(form.cleaned_data.get("targets_first") or "")
        try:
            plan = actions.create_plan(
                subject=subject,
                title=form.cleaned_data["title"],
                weighting=weighting,
                targets_first=chosen,
                targets_first_label=form.cleaned_data.get("targets_first_label", ""),
                review_on=form.cleaned_data["review_on"],
                by=user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The plan has been started: add its goals")
            return redirect("context_plans:plan_detail", plan_id=plan.pk)
    elif not form.is_bound and weighting:
        first = queries.first_box(weighting)
        form.initial = {"targets_first": str(first.pk) if first else ""}
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/plan_new.html",
        {"page": page, "form": form, "weighting": weighting, "action_url": request.path},
        status=_status(form),
    )


@require_GET
def detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    plan = queries.get_plan_for_user(user, plan_id)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/plan_detail.html",
        {
            "plan": plan,
            "page": page,
            "goals": queries.goals_of(plan),
            "plan_actions": queries.actions_of(plan),
            "conferences": queries.conferences_of(plan),
            "reviews": list(plan.reviews.select_related("reviewed_by")),
            "can_manage": queries.can_manage(user),
            "today": timezone.localdate(),
        },
    )


def _plan_initial(plan: ContextPlan) -> dict[str, Any]:
    return {
        "title": plan.title,
        "targets_first_label": plan.targets_first_label,
        "review_on": plan.review_on,
        "version": plan.version,
    }


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = queries.get_plan_for_user(user, plan_id, write=True)
    form = PlanForm(request.POST or None, initial=_plan_initial(plan))
    conflict: EditConflict | None = None
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["version"] is None:
            form.add_error(None, "This form is missing the version of the plan it was loaded from. Reload the page")
        else:
            try:
                actions.update_plan(
                    plan=plan,
                    title=form.cleaned_data["title"],
                    targets_first_label=form.cleaned_data["targets_first_label"],
                    review_on=form.cleaned_data["review_on"],
                    expected_version=form.cleaned_data["version"],
                    by=user,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except EditConflict as error:
                conflict = error
                data = request.POST.copy()
                data["version"] = str(error.current_version)
                form = PlanForm(data)
                form.is_valid()
            else:
                messages.success(request, "The plan has been saved")
                return redirect("context_plans:plan_detail", plan_id=plan.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/plan_edit.html",
        {"plan": plan, "page": page, "form": form, "conflict": conflict},
        status=409 if conflict else _status(form),
    )


@require_http_methods(["GET", "POST"])
def new_goal(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = queries.get_plan_for_user(user, plan_id, write=True)
    form = GoalForm(request.POST or None, questions=queries.question_choices(plan))
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_goal(
                plan=plan,
                statement=form.cleaned_data["statement"],
                what_will_show_it=form.cleaned_data["what_will_show_it"],
                how_we_will_know=form.cleaned_data["how_we_will_know"],
                measured_by=form.cleaned_data.get("measured_by", []),
                keep_wording=form.cleaned_data["keep_wording"],
                by=user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The goal has been added")
            return redirect("context_plans:plan_detail", plan_id=plan.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/goal_new.html",
        {"plan": plan, "page": page, "form": form},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def edit_goal(request: HttpRequest, goal_id: int) -> HttpResponse:
    user = signed_in_user(request)
    goal = queries.get_goal_for_user(user, goal_id, write=True)
    plan = goal.plan
    initial = {
        "statement": goal.statement,
        "what_will_show_it": goal.what_will_show_it,
        "how_we_will_know": goal.how_we_will_know,
        "measured_by": goal.question_keys,
        "version": goal.version,
    }
    questions = queries.question_choices(plan)
    form = GoalForm(request.POST or None, questions=questions, initial=initial)
    conflict: EditConflict | None = None
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_goal(
                goal=goal,
                statement=form.cleaned_data["statement"],
                what_will_show_it=form.cleaned_data["what_will_show_it"],
                how_we_will_know=form.cleaned_data["how_we_will_know"],
                measured_by=form.cleaned_data.get("measured_by", []),
                keep_wording=form.cleaned_data["keep_wording"],
                expected_version=form.cleaned_data["version"] or 0,
                by=user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except EditConflict as error:
            conflict = error
            data = request.POST.copy()
            data["version"] = str(error.current_version)
            form = GoalForm(data, questions=questions)
            form.is_valid()
        else:
            messages.success(request, "The goal has been saved")
            return redirect("context_plans:plan_detail", plan_id=plan.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/goal_edit.html",
        {"plan": plan, "goal": goal, "page": page, "form": form, "conflict": conflict},
        status=409 if conflict else _status(form),
    )


@require_http_methods(["GET", "POST"])
def new_action(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = queries.get_plan_for_user(user, plan_id, write=True)
    conferences = {str(conference.pk): conference for conference in queries.conferences_of(plan)}
    conference = conferences.get(request.GET.get("conference", "") or request.POST.get("conference", ""))
    form = PlanActionForm(
        request.POST or None,
        workers=queries.workers_for(user),
        partners=list(queries.partners_for_user(user, active_only=True)),
        goals=queries.goals_of(plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_plan_action(
                plan=plan,
                description=form.cleaned_data["description"],
                due_on=form.cleaned_data["due_on"],
                goal=form.goals.get(form.cleaned_data.get("goal") or ""),
                conference=conference,
                by=user,
                **form.owner_values(),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The action has been added to the plan")
            if conference is not None:
                return redirect("context_plans:conference_detail", conference_id=conference.pk)
            return redirect("context_plans:plan_detail", plan_id=plan.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/action_new.html",
        {"plan": plan, "page": page, "form": form, "conference": conference},
        status=_status(form),
    )


@require_POST
def action_status(request: HttpRequest, plan_action_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan_action = queries.get_plan_action_for_user(user, plan_action_id, write=True)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    status = request.POST.get("status", "")
    try:
        actions.set_action_status(plan_action=plan_action, status=status, expected_version=version, by=user)
    except ValidationError:
        messages.error(request, "Choose whether the action is open or done")
    except EditConflict:
        messages.error(request, "Someone changed this action since you loaded the page: check it and try again")
    else:
        label = "done" if status == PlanAction.Status.DONE else "open again"
        messages.success(request, f"The action is marked {label}")
    return redirect("context_plans:plan_detail", plan_id=plan_action.plan_id)


@require_http_methods(["GET", "POST"])
def new_conference(request: HttpRequest, plan_id: int) -> HttpResponse:
    user = signed_in_user(request)
    plan = queries.get_plan_for_user(user, plan_id, write=True)
    form = ConferenceForm(
        request.POST or None, workers=queries.workers_for(user), partners=list(queries.partners_for_user(user))
    )
    if request.method == "POST" and form.is_valid():
        try:
            conference = actions.record_conference(plan=plan, by=user, **form.action_values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The conference has been recorded: add the actions it agreed")
            return redirect("context_plans:conference_detail", conference_id=conference.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/conference_new.html",
        {"plan": plan, "page": page, "form": form},
        status=_status(form),
    )


@require_GET
def conference_detail(request: HttpRequest, conference_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    conference = queries.get_conference_for_user(user, conference_id)
    page = subject_page(conference.plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/conference_detail.html",
        {
            "conference": conference,
            "plan": conference.plan,
            "page": page,
            "can_manage": queries.can_manage(user),
        },
    )


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, plan_id: int) -> HttpResponse:
    """Per goal, baseline against latest (change, not effort), then the review itself: what changed and when next."""
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    writing = request.method == "POST"
    plan = queries.get_plan_for_user(user, plan_id, write=writing)
    form = ReviewForm(request.POST or None)
    if writing and form.is_valid():
        try:
            actions.record_review(
                plan=plan, summary=form.cleaned_data["summary"], next_review_on=form.cleaned_data["next_review_on"],
                by=user,
            )  # fmt: skip
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The review has been recorded")
            return redirect("context_plans:plan_detail", plan_id=plan.pk)
    page = subject_page(plan.subject)
    record_child_view(request, page.person)
    return render(
        request,
        "context_plans/review.html",
        {
            "plan": plan,
            "page": page,
            "form": form,
            "review": queries.plan_review(plan),
            "review_assessment_url": reverse("contexts:review", args=[plan.context_case_id])
            if plan.context_case_id
            else "",
            "can_manage": queries.can_manage(user),
        },
        status=_status(form),
    )
