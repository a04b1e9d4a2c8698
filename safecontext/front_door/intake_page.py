"""The referral intake page's forms, and their translation into `actions.record_referral`'s inputs: the child blocks
and mention rows with their duplicate candidates (`Row`), the page's forms together (`IntakeForms`), and recording the
referral from a complete page, with the action's errors put back on the fields they are about (`record_from_page`).

views/intake.py draws the page and calls these; front_door/actions/intake.py decides and audits. Every candidate shown
is recorded (AccessEvent, kind "search") as it is looked up, before any response is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpRequest, QueryDict

from safecontext.accounts.models import Service, User
from safecontext.audit.actions import record_access
from safecontext.audit.models import AccessEvent
from safecontext.contexts.queries import get_context_for_user
from safecontext.core.http import signed_in_user
from safecontext.front_door.actions import intake as actions
from safecontext.front_door.forms import (
    NEW_RECORD,
    ChildForm,
    ChildFormSet,
    MentionForm,
    MentionFormSet,
    ReferralForm,
    split_what,
)
from safecontext.front_door.models import Mention, Referral
from safecontext.front_door.queries import intake as queries
from safecontext.people import matching
from safecontext.people.queries import PersonMatch

STRENGTH_TAGS = {
    "Strong match": "govuk-tag--green",
    "Good match": "govuk-tag--blue",
    "Possible match": "govuk-tag--grey",
}
UNANSWERED_CHILD = "Choose whether this child is one of the existing records listed, or create a new record"
UNANSWERED_PERSON = "Choose whether this is one of the existing people listed, or create a new record"


# --- rows of the form, with their duplicate candidates ----------------------------------------------------------


@dataclass
class Row:
    """A child block or a mention row, as the templates draw it."""

    form: ChildForm | MentionForm
    number: int
    candidates: list[dict[str, Any]] = field(default_factory=list)
    searched: bool = False

    @property
    def prefix(self) -> str:
        return str(self.form.prefix)

    @property
    def is_child(self) -> bool:
        return isinstance(self.form, ChildForm)

    @property
    def match(self) -> str:
        return str(self.form["match"].value() or "")

    @property
    def match_id(self) -> str:
        return str(self.form["match"].auto_id)


def _candidate_rows(matches: list[PersonMatch], row: Row) -> list[dict[str, Any]]:
    rows = []
    chosen = row.match
    for index, match in enumerate(matches):
        strength = matching.match_strength(match.score)
        rows.append(
            {
                # The first radio carries the field's own id, so the error summary's link lands on it.
                "radio_id": row.match_id if index == 0 else f"{row.match_id}-{index + 1}",
                "reasons_id": f"{row.match_id}-{index + 1}-reasons",
                "person": match.person,
                "aliases": [name.full_name for name in match.person.aliases],
                "reasons": match.reasons,
                "strength": strength,
                "strength_class": STRENGTH_TAGS.get(strength, ""),
                "checked": chosen == str(match.person.pk),
            }
        )
    return rows


def _search_row(user: User, row: Row) -> list[PersonMatch]:
    """The duplicate candidates for one row, from what is typed in it now (typed values, valid or not yet)."""
    form = row.form
    if isinstance(form, ChildForm):
        given, family = str(form["given_name"].value() or ""), str(form["family_name"].value() or "")
        try:
            date_of_birth = form.fields["date_of_birth"].clean(form["date_of_birth"].value())
        except ValidationError:
            date_of_birth = None  # an unfinished date: search by the name alone until it is a real date
        row.searched = bool(given.strip() or family.strip())
        return queries.duplicate_candidates(
            user=user,
            given_name=given[:100],
            family_name=family[:100],
            date_of_birth=date_of_birth,
            postcode=str(form["postcode"].value() or "")[:10],
        )
    if not form.is_person:
        return []
    written = str(form["as_written"].value() or "")[:200]
    row.searched = bool(written.strip())
    return queries.mention_candidates(user=user, as_written=written)


def fill_candidates(request: HttpRequest, rows: list[Row]) -> None:
    """Look up and attach every row's candidates, and record that the user saw them."""
    user = signed_in_user(request)
    shown: list[int] = []
    for row in rows:
        found = _search_row(user, row)
        row.candidates = _candidate_rows(found, row)
        shown += [match.person.pk for match in found]
    record_access(by=user, person_ids=shown, kind=AccessEvent.Kind.SEARCH, path=request.get_full_path())


# --- the intake page --------------------------------------------------------------------------------------------


@dataclass
class IntakeForms:
    main: ReferralForm
    children: Any  # ChildFormSet
    mentions: Any  # MentionFormSet
    child_rows: list[Row]
    mention_rows: list[Row]

    @classmethod
    def build(cls, data: QueryDict | None, *, contexts: list[Any], token: str = "") -> IntakeForms:
        main = ReferralForm(data, contexts=contexts, initial={"submission_token": token})
        children = ChildFormSet(data, prefix="child")
        mentions = MentionFormSet(data, prefix="mention", initial=None)
        return cls(
            main=main,
            children=children,
            mentions=mentions,
            child_rows=[Row(form=form, number=i + 1) for i, form in enumerate(children.forms)],
            mention_rows=[Row(form=form, number=i + 1) for i, form in enumerate(mentions.forms)],
        )

    def is_valid(self) -> bool:
        # Every part is checked, so every error shows at once.
        results = [self.main.is_valid(), self.children.is_valid(), self.mentions.is_valid()]
        return all(results)

    def without_judging(self) -> IntakeForms:
        """Draw what was typed without checking it: "add another" (without JavaScript) sends the form, but it is not
        a submission, and a half-filled form must not come back covered in errors."""
        for form in [self.main, *self.children.forms, *self.mentions.forms]:
            form._errors = ErrorDict()
        for formset in (self.children, self.mentions):
            formset._errors = [ErrorDict() for _ in formset.forms]
            formset._non_form_errors = ErrorList()
        return self

    @property
    def has_errors(self) -> bool:
        return bool(
            self.main.errors
            or self.children.non_form_errors()
            or self.mentions.non_form_errors()
            or any(form.errors for form in self.children.forms)
            or any(form.errors for form in self.mentions.forms)
        )

    @property
    def hidden_errors(self) -> list[str]:
        """Errors on hidden fields (a tampered token): shown at the top, as there is no field to link to."""
        return [str(error) for bound in self.main.hidden_fields() for error in bound.errors]

    @property
    def error_items(self) -> list[dict[str, Any]]:
        """Every visible field's errors in page order, for the error summary, naming the row they are in."""
        items = [{"field": bound, "where": ""} for bound in self.main.visible_fields()]
        for label, rows in (("Child", self.child_rows), ("Mention", self.mention_rows)):
            for row in rows:
                items += [{"field": row.form[name], "where": f"{label} {row.number}: "} for name in row.form.fields]
        return [item for item in items if item["field"].errors]


def with_extra_row(data: QueryDict, prefix: str, maximum: int) -> QueryDict:
    data = data.copy()
    total = total_forms(data, prefix)
    data[f"{prefix}-TOTAL_FORMS"] = str(min(total + 1, maximum))
    return data


def total_forms(data: QueryDict, prefix: str) -> int:
    value = data.get(f"{prefix}-TOTAL_FORMS", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 4 else 0


def _children_for_action(request: HttpRequest, page: IntakeForms) -> tuple[list[Any], list[Any], list[int]]:
    """(existing children, new children, the form index of each new child) from the child blocks."""
    user = signed_in_user(request)
    existing, new, new_index = [], [], []
    for index, row in enumerate(page.child_rows):
        form = row.form
        if form.is_blank:
            continue
        data = form.cleaned_data
        if data["match"] and data["match"] != NEW_RECORD:
            person = queries.person_for_intake(user=user, person_id=int(data["match"]))
            if person is None:
                form.add_error("match", "The record chosen was not found. Search again")
            else:
                existing.append(person)
            continue
        if not data["match"] and row.candidates:
            form.add_error("match", UNANSWERED_CHILD)
            continue
        new.append(
            actions.NewPerson(
                given_name=data["given_name"], family_name=data["family_name"], date_of_birth=data["date_of_birth"]
            )
        )
        new_index.append(index)
    return existing, new, new_index


def _mentions_for_action(page: IntakeForms) -> tuple[list[actions.MentionInput], list[int]]:
    """The mention rows as the action's inputs, with the form index of each."""
    inputs, indexes = [], []
    for index, row in enumerate(page.mention_rows):
        form = row.form
        if form.is_blank:
            continue
        data = form.cleaned_data
        role, kind = split_what(data["what"])
        existing_person_id = None
        if role in {Mention.Role.PEER, Mention.Role.ADULT_OF_CONCERN}:
            if data["match"] and data["match"] != NEW_RECORD:
                existing_person_id = int(data["match"])
            elif not data["match"] and row.candidates:
                form.add_error("match", UNANSWERED_PERSON)
                continue
        inputs.append(
            actions.MentionInput(
                role=role,
                as_written=data["as_written"],
                link_type=data["link_type"],
                nature=data["nature"],
                existing_person_id=existing_person_id,
                context_kind=kind if role == Mention.Role.CONTEXT else "",
                object_kind=kind if role == Mention.Role.OBJECT else "",
            )
        )
        indexes.append(index)
    return inputs, indexes


MAIN_FIELD_FOR = {
    "received_at": "received_date",
    "new_subject_context.kind": "new_context_kind",
    "new_subject_context.name": "new_context_name",
}
MENTION_FIELD_FOR = {
    "role": "what",
    "context_kind": "what",
    "object_kind": "what",
    "link_type": "link_type",
    "nature": "nature",
    "existing_person_id": "match",
    "existing_context_id": "match",
    "existing_object_id": "match",
}


def _place_errors(page: IntakeForms, error: ValidationError, new_index: list[int], mention_index: list[int]) -> None:
    """Put the action's errors on the fields they are about; anything unplaced goes to the top of the page."""
    if not hasattr(error, "error_dict"):
        page.main.add_error(None, error.messages)
        return
    for key, messages_ in error.message_dict.items():
        parts = key.split(".")
        if parts[0] == "children" and page.child_rows:
            page.child_rows[0].form.add_error("given_name", messages_)
        elif parts[0] == "new_children" and len(parts) == 3 and int(parts[1]) < len(new_index):
            form = page.child_rows[new_index[int(parts[1])]].form
            form.add_error(parts[2] if parts[2] in form.fields else "given_name", messages_)
        elif parts[0] == "mentions" and len(parts) == 3 and int(parts[1]) < len(mention_index):
            form = page.mention_rows[mention_index[int(parts[1])]].form
            form.add_error(MENTION_FIELD_FOR.get(parts[2], "as_written"), messages_)
        else:
            name = MAIN_FIELD_FOR.get(key, key)
            visible = name in page.main.fields and not page.main.fields[name].widget.is_hidden
            page.main.add_error(name if visible else None, messages_)


def record_from_page(request: HttpRequest, page: IntakeForms, service: Service) -> Referral | None:
    """Record the referral if the page is complete and the action accepts it; otherwise put the errors on it."""
    user = signed_in_user(request)
    main = page.main.cleaned_data
    about = main["about"]
    # A referral is about children or a context, never both: details typed in the other part of the page are
    # pointed out rather than silently dropped or saved.
    existing, new, new_index = _children_for_action(request, page) if about == Referral.About.CHILDREN else ([], [], [])
    mentions, mention_index = _mentions_for_action(page)
    subject_context = new_subject_context = None
    if about == Referral.About.CHILDREN:
        for name in ("subject_context", "new_context_name"):
            if main[name]:
                page.main.add_error(name, "This referral is about children: clear the context, or choose a context")
    if about == Referral.About.CONTEXT:
        for row in page.child_rows:
            if not row.form.is_blank:
                row.form.add_error("given_name", "This referral is about a context: clear the child's details")
        if main["subject_context"]:
            subject_context = get_context_for_user(user, int(main["subject_context"]))
            if subject_context is None:
                page.main.add_error("subject_context", "Choose a context from the list")
        elif main["new_context_name"]:
            new_subject_context = actions.NewContext(kind=main["new_context_kind"], name=main["new_context_name"])
    if page.has_errors:
        return None
    try:
        return actions.record_referral(
            service=service,
            received_at=main["received_at"],
            source=main["source"],
            referrer_name=main["referrer_name"],
            referrer_agency=main["referrer_agency"],
            referrer_contact=main["referrer_contact"],
            about=about,
            children=existing,
            new_children=new,
            subject_context=subject_context,
            new_subject_context=new_subject_context,
            concerns=main["concerns"],
            lawful_basis=main["lawful_basis"],
            consent_notes=main["consent_notes"],
            restricted=main["restricted"],
            mentions=mentions,
            submission_token=main["submission_token"],
            by=user,
        )
    except ValidationError as error:
        _place_errors(page, error, new_index, mention_index)
        return None
