"""The case page, and opening, allocating, re-levelling and closing a case. Thin: forms check shape, cases/actions.py
decides and audits, cases/queries.py reads in scope. Every page that shows a child's case records an AccessEvent for
the people it names before rendering; a case the user may not see answers 404."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q, Subquery
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.access.scope import get_person_for_user
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.cases import actions, closure_reasons, queries
from safecontext.cases.forms import AllocateForm, CloseForm, LevelForm, OpenCaseForm
from safecontext.cases.models import Case
from safecontext.cases.rules.relationship_stages import Stage, stuck_at_building
from safecontext.cases.sections import section_links
from safecontext.cases.visits import visit_status
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user
from safecontext.network.models import Link, Node

LINKS_SHOWN = 100


def record_case_view(request: HttpRequest, case: Case, *, kind: str = AccessEvent.Kind.PAGE) -> None:
    """The case page shows the young person and the family named on it: each is a read of their record."""
    people = [case.subject_id, *case.involvements.values_list("person_id", flat=True)]
    record_access(by=signed_in_user(request), person_ids=people, kind=kind, path=request.get_full_path())


LINK_COLUMNS = (
    "type",
    "nature",
    "source_kind",
    "valid_from",
    "a__person_id",
    "b__person_id",
    "a__kind",
    "b__kind",
    "a__context__name",
    "b__context__name",
    "a__object_of_interest__value",
    "b__object_of_interest__value",
)
# Plain strings once, rather than a lazy label forced for every row of every page.
TYPE_LABELS = {value: str(label) for value, label in Link.Type.choices}
NATURE_LABELS = {value: str(label) for value, label in Link.Nature.choices}
SOURCE_LABELS = {value: str(label) for value, label in Link.SourceKind.choices}
NODE_LABELS = {value: str(label) for value, label in Node.Kind.choices}


def _network_links(case: Case) -> tuple[list[dict[str, Any]], bool]:
    """The young person's current links, most recent first, as plain rows about the other end (one query, no model
    instances: 100 links would otherwise build 700 of them)."""
    # The child's node as a scalar subquery: `a_id = n OR b_id = n` uses the (a, b) and (b, a) indexes, where a
    # join through both ends would scan every link (0.7 s at 100,000 people).
    child = Subquery(Node.objects.filter(person_id=case.subject_id).values("pk")[:1])
    rows = list(
        Link.objects.filter(Q(a_id=child) | Q(b_id=child), valid_to__isnull=True)
        .order_by("-valid_from", "-id")
        .values(*LINK_COLUMNS)[: LINKS_SHOWN + 1]
    )
    links = []
    for row in rows[:LINKS_SHOWN]:
        end = "b" if row["a__person_id"] == case.subject_id else "a"
        links.append(
            {
                "person_id": row[f"{end}__person_id"],
                "label": row[f"{end}__context__name"] or row[f"{end}__object_of_interest__value"] or "",
                # Formatted here: 100 rows through the template's date and lower filters cost more than the query.
                "kind": NODE_LABELS.get(row[f"{end}__kind"], "").lower(),
                "type": TYPE_LABELS.get(row["type"], row["type"]),
                "nature": NATURE_LABELS.get(row["nature"], row["nature"]).lower(),
                "source": SOURCE_LABELS.get(row["source_kind"], row["source_kind"]),
                "since": f"{row['valid_from'].day} {row['valid_from']:%b %Y}",
            }
        )
    return links, len(rows) > LINKS_SHOWN


@require_GET
def detail(request: HttpRequest, case_id: int) -> HttpResponse:
    """The case page. Its queries do not grow with the number of notes or links: a page of notes (and their
    suggestions), the links (capped), and every person's name in one query (bench: case_probes.py)."""
    user = signed_in_user(request)
    case = queries.get_case_for_user(user, case_id, with_names=False)
    today = timezone.localdate()
    try:
        page = min(max(int(request.GET.get("page", "1")), 1), 1_000_000)  # the OFFSET must fit the database
    except ValueError:
        page = 1
    notes, older = queries.notes_page(case, page=page)
    relationships = queries.relationships_of(case)
    links, more_links = _network_links(case)
    person_ids = {case.subject_id} | {relationship.person_id for relationship in relationships}
    person_ids |= {link["person_id"] for link in links if link["person_id"] is not None}
    names, named = queries.purpose_limited_names(user, person_ids, today=today)
    # Everyone named on the page, recorded before it is rendered (no event, no data). A suggestion shows only the
    # words the note's writer typed, and only for people the writer may open (cases/suggestions.py).
    suggested = {s.person_id for note in notes for s in note.suggestions.all() if s.person_id is not None}
    record_access(
        by=user,
        person_ids=sorted((person_ids & named) | {case.subject_id} | suggested),
        kind=AccessEvent.Kind.PAGE,
        path=request.get_full_path(),
    )
    threshold = actions.stuck_threshold()
    relationship_rows = [
        {
            "relationship": relationship,
            "person_name": names[relationship.person_id],
            "stage_label": Stage(relationship.stage).label,
            "stuck": relationship.ended_on is None
            and stuck_at_building(queries.current_spell(relationship), today=today, threshold=threshold),
        }
        for relationship in relationships
    ]
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "subject_name": names[case.subject_id],
            "notes": notes,
            "page": page,
            "previous_page": page - 1 if page > 1 else None,
            "next_page": page + 1 if older else None,
            "relationships": relationship_rows,
            "allocations": queries.allocations_of(case),
            "visits": visit_status(case, case.last_visit, today=today),  # type: ignore[attr-defined]
            "links": [link | {"other": names.get(link["person_id"], link["label"])} for link in links],
            "more_links": more_links,
            "sections": section_links(case, user=user),
            "can_see_restricted": queries.can_see_restricted(user, case),
            "can_record": queries.can_record(user, case),
            "can_manage": has_permission(user, Permission.MANAGE_CASES) and case.status == Case.Status.OPEN,
            "closure_label": closure_reasons.label(case.closure_reason) if case.closure_reason else "",
        },
    )


@require_http_methods(["GET", "POST"])
def open_case(request: HttpRequest, person_id: int) -> HttpResponse:
    """Open a case for a child in scope, directly (a manager) or from a screened referral about them."""
    user = signed_in_user(request)
    require_permission(user, Permission.MANAGE_CASES)
    person = get_person_for_user(user, person_id, write=True)
    form = OpenCaseForm(request.POST or None, user=user, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            case = actions.open_case(subject=person, by=user, **form.action_values())
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "The case has been opened")
            return redirect("cases:detail", case_id=case.pk)
    record_access(by=user, person_ids=[person.pk], kind=AccessEvent.Kind.PAGE, path=request.get_full_path())
    return render(request, "cases/open.html", {"person": person, "form": form}, status=400 if form.errors else 200)


def _manage(request: HttpRequest, case_id: int) -> Case:
    user = signed_in_user(request)
    case = queries.get_case_to_manage(user, case_id)
    if case.status != Case.Status.OPEN and request.method == "POST":
        raise Http404("No open case found")
    return case


def _manage_page(
    request: HttpRequest, case: Case, form: Any, *, write: Callable[[dict[str, Any]], object], done: str, template: str
) -> HttpResponse:
    """The manager's forms on a case (allocate, level, close) share one flow: a valid form runs its action with the
    version read, an error from the action goes back onto the form, success returns to the case."""
    if request.method == "POST" and form.is_valid():
        try:
            write(form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("cases:detail", case_id=case.pk)
    record_case_view(request, case)
    return render(request, template, {"case": case, "form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def allocate(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = _manage(request, case_id)
    form = AllocateForm(request.POST or None, case=case, initial={"version": case.version, "on": timezone.localdate()})
    return _manage_page(
        request,
        case,
        form,
        write=lambda data: actions.allocate_case(
            case=case,
            worker=data["worker"],
            on=data["on"],
            reason=data["reason"],
            expected_version=data["version"],
            by=user,
        ),
        done="The case has been allocated",
        template="cases/allocate.html",
    )


@require_http_methods(["GET", "POST"])
def change_level(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = _manage(request, case_id)
    form = LevelForm(request.POST or None, initial={"version": case.version, "level": case.level})
    return _manage_page(
        request,
        case,
        form,
        write=lambda data: actions.change_level(
            case=case, level=data["level"], reason=data["reason"], expected_version=data["version"], by=user
        ),
        done="The level of the case has been changed",
        template="cases/level.html",
    )


@require_http_methods(["GET", "POST"])
def close(request: HttpRequest, case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    case = _manage(request, case_id)
    form = CloseForm(request.POST or None, initial={"version": case.version, "on": timezone.localdate()})
    return _manage_page(
        request,
        case,
        form,
        write=lambda data: actions.close_case(
            case=case, reason_code=data["reason_code"], on=data["on"], expected_version=data["version"], by=user
        ),
        done="The case has been closed",
        template="cases/close.html",
    )
