"""Sharing pages: a person's sharing records, recording a share (or a decision not to share), one record, the young
person's "who knows what about me" page and copy, and the manager's dashboard.

Thin: forms check shape, sharing/actions.py decides and audits, sharing/queries.py reads in scope. Every page that
shows a young person's information records an AccessEvent before it is rendered.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user, people_visible_to
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.people.models import Person
from safecontext.sharing import actions, queries, rules
from safecontext.sharing.forms import DownloadForm, SharingRecordForm, ToldForm
from safecontext.sharing.models import CONSENT_LABELS, DECISION_LABELS, PURPOSE_LABELS
from safecontext.sharing.outbound import SharingRecordRequired, authorise_outbound, eligible_sharing_records
from safecontext.sharing.pdf import render_pdf


def _seen(request: HttpRequest, person_ids: list[int]) -> None:
    record_access(by=signed_in_user(request), person_ids=person_ids, kind=AccessEvent.Kind.PAGE, path=request.path)


def _given_name(person: Person) -> str:
    legal = person.legal_name
    return legal.given_name if legal and legal.given_name else "you"


@require_GET
def for_person(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id)
    _seen(request, [person.pk])
    records = queries.records_about(person)
    subject_ids = {record.pk: set(queries.subject_ids_of(record)) for record in records}
    everyone = set().union(*subject_ids.values()) if subject_ids else set()
    visible = set(people_visible_to(user).filter(pk__in=everyone).values_list("pk", flat=True))
    rows = [
        {
            "record": record,
            "openable": subject_ids[record.pk] <= visible,
            "about_others": len(subject_ids[record.pk]) - 1,
        }
        for record in records
    ]
    return render(
        request,
        "sharing/for_person.html",
        {
            "person": person,
            "rows": rows,
            "purposes": {key.value: label for key, label in PURPOSE_LABELS.items()},
            "can_record": has_permission(user, Permission.RECORD_SHARING),
            "not_yet_told": queries.not_yet_told(person),
        },
    )


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return ""


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_SHARING)
    person = get_person_for_user(user, person_id)
    _seen(request, [person.pk])
    next_url = _safe_next(request)
    if request.method == "POST":
        form = SharingRecordForm(request.POST)
        if form.is_valid():
            try:
                record = actions.record_sharing(by=user, subjects=[person], values=form.sharing_values())
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, "The sharing record has been saved")
                return redirect(next_url or reverse("sharing:detail", kwargs={"share_id": record.pk}))
        else:
            try:  # the form's own errors stop the action: show the rules' problems with the other fields too
                actions.clean_sharing_values(form.sharing_values(), subject_ids=[person.pk])
            except ValidationError as error:
                for field, field_errors in error.message_dict.items():
                    if field not in form.errors:
                        form.add_error(field if field in form.fields else None, field_errors)
    else:
        item = request.GET.get("item", "")
        initial: dict[str, object] = {"decision": rules.Decision.SHARED.value, "decided_on": timezone.localdate()}
        if item in rules.ItemKind:
            initial["items"] = [item]
        if item == rules.ItemKind.WHO_KNOWS:  # the young person's own copy (ADR 0024)
            initial |= {"agency": "The young person (their own copy)", "purpose": rules.Purpose.PLAN_SUPPORT.value}
        form = SharingRecordForm(initial=initial)
    return render(
        request,
        "sharing/new.html",
        {"person": person, "form": form, "next": next_url},
        status=400 if form.errors else 200,
    )


@require_GET
def detail(request: HttpRequest, share_id: int) -> HttpResponse:
    user = signed_in_user(request)
    record = queries.get_sharing_record_for_user(user, share_id)
    subject_ids = queries.subject_ids_of(record)
    _seen(request, subject_ids)
    return render(
        request,
        "sharing/detail.html",
        {
            "record": record,
            "subjects": Person.objects.filter(pk__in=subject_ids).prefetch_related("names"),
            "decision": DECISION_LABELS[rules.Decision(record.decision)],
            "purpose": PURPOSE_LABELS[rules.Purpose(record.purpose)],
            "consent": CONSENT_LABELS[rules.ConsentStatus(record.consent)],
            "basis": rules.LawfulBasis(record.lawful_basis).label,
            "outbound": record.outbound_documents.select_related("created_by", "person"),
            "can_record": has_permission(user, Permission.RECORD_SHARING),
        },
    )


@require_POST
def told(request: HttpRequest, share_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_SHARING)
    record = queries.get_sharing_record_for_user(user, share_id)
    form = ToldForm(request.POST)
    if form.is_valid():
        updated = actions.record_told(
            by=user,
            record=record,
            young_person_told=form.cleaned_data["young_person_told"],
            family_told=form.cleaned_data["family_told"],
        )
        if (updated.young_person_told, updated.family_told) != (record.young_person_told, record.family_told):
            messages.success(request, "Recorded who has now been told")
    return redirect("sharing:detail", share_id=record.pk)


@require_GET
def who_knows(request: HttpRequest, person_id: int) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for_user(user, person_id)
    _seen(request, [person.pk])
    return render(
        request,
        "sharing/who_knows.html",
        {
            "person": person,
            "given_name": _given_name(person),
            "lines": queries.who_knows_lines(person),
            "not_yet_told": queries.not_yet_told(person),
            "can_download": has_permission(user, Permission.RECORD_SHARING),
        },
    )


@require_http_methods(["GET", "POST"])
def who_knows_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    """The young person's own printable copy. It leaves SafeContext, so it needs a sharing record (ADR 0024)."""
    user = signed_in_user(request)
    require_permission(user, Permission.RECORD_SHARING)
    person = get_person_for_user(user, person_id)
    _seen(request, [person.pk])
    form = DownloadForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                authorise_outbound(
                    by=user,
                    person=person,
                    sharing_record_id=form.cleaned_data["sharing_record"],
                    kind="who_knows_pdf",
                    description="The young person's own 'who knows what about me' copy",
                    item=rules.ItemKind.WHO_KNOWS,
                    path=request.path,
                )
                pdf = render_pdf(
                    "sharing/pdf/who_knows.html",
                    {
                        "given_name": _given_name(person),
                        "lines": queries.who_knows_lines(person),
                        "printed_on": timezone.localdate(),
                    },
                )
        except SharingRecordRequired as refused:
            form.add_error("sharing_record", refused.user_message)
        else:
            response = HttpResponse(pdf, content_type="application/pdf")
            response["Content-Disposition"] = 'attachment; filename="who-knows-what-about-me.pdf"'
            return response
    this_page = reverse("sharing:who_knows_pdf", kwargs={"person_id": person.pk})
    return render(
        request,
        "sharing/who_knows_pdf.html",
        {
            "person": person,
            "form": form,
            "shares": eligible_sharing_records(person, item=rules.ItemKind.WHO_KNOWS),
            "record_share_url": reverse("sharing:new", kwargs={"person_id": person.pk})
            + f"?item={rules.ItemKind.WHO_KNOWS.value}&next={this_page}",
        },
        status=400 if form.errors else 200,
    )


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_OVERSIGHT_DASHBOARDS)
    rows = queries.dashboard(user)
    bases = list(rules.LawfulBasis.choices)
    return render(
        request,
        "sharing/dashboard.html",
        {
            "rows": [{"row": row, "by_basis": [row.by_basis.get(key, 0) for key, _ in bases]} for row in rows],
            "bases": bases,
        },
    )
