"""Forms for the meeting pages. They check shape only (lengths, a real date, a choice from the list); the rules —
an owner for every action, a due date on or after the meeting, an outcome for a strategy meeting — are in
meetings/actions.py, so every door into a meeting shares them."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from safecontext.accounts.models import User
from safecontext.meetings.models import AgendaItem, Meeting
from safecontext.people.forms import GovukDateField

SOMEONE_ELSE = "other"


def _text(label: str, *, max_length: int, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        strip=False,  # the action trims, and counts what it keeps
        error_messages={
            "required": f"Enter {label.lower()}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
    )


def _long_text(label: str, *, max_length: int, required: bool = False, help_text: str = "") -> forms.CharField:
    field = _text(label, max_length=max_length, required=required, help_text=help_text)
    field.widget = forms.Textarea(attrs={"rows": 5})
    return field


def _version() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        error_messages={
            "required": "This form is missing the version of the meeting it was loaded from. Reload the page"
        },
    )


class AttendeeForm(forms.Form):
    username = _text(
        "SafeContext username",
        max_length=150,
        help_text="If they use SafeContext: they can then open this meeting and its agenda",
    )
    name = _text("Name", max_length=200, help_text="Leave blank to use the name on their SafeContext account")
    agency = _text("Agency", max_length=200, help_text="For example, Police, Brightside Academy, school nursing")


class ItemDecisionForm(forms.Form):
    decision = _long_text("Decision", max_length=10_000, required=True, help_text="What the meeting decided, and why")
    restricted_information = _long_text(
        "Restricted information (optional)",
        max_length=10_000,
        help_text="Police-sourced information. Only people allowed to see restricted information can read it",
    )
    version = _version()

    def __init__(self, *args: Any, can_record_restricted: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].error_messages["required"] = "Enter what the meeting decided about this item"
        if not can_record_restricted:
            del self.fields["restricted_information"]


class MeetingActionForm(forms.Form):
    description = _long_text("What needs to be done", max_length=2_000, required=True)
    owner = forms.ChoiceField(
        label="Who will do it",
        error_messages={"required": "Choose who will do this", "invalid_choice": "Choose who will do this"},
    )
    owner_name = _text("Their name", max_length=200, help_text="If they are not listed above")
    owner_agency = _text("Their agency", max_length=200, help_text="If they are not listed above")
    due_on = GovukDateField(label="Due date", help_text="For example, 27 11 2026")
    item = forms.ChoiceField(label="Agenda item", required=False)

    def __init__(self, *args: Any, owners: list[User], items: list[tuple[AgendaItem, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owners = {str(user.pk): user for user in owners}
        self.items = {str(item.pk): item for item, _ in items}
        cast(forms.ChoiceField, self.fields["owner"]).choices = [
            ("", "Choose who will do it"),
            *((str(user.pk), user.display_name) for user in owners),
            (SOMEONE_ELSE, "Someone else (give their name and agency below)"),
        ]
        cast(forms.ChoiceField, self.fields["item"]).choices = [
            ("", "The meeting as a whole"),
            *((str(i.pk), label) for i, label in items),
        ]

    def owner_user(self) -> User | None:
        return self.owners.get(self.cleaned_data.get("owner") or "")

    def agenda_item(self) -> AgendaItem | None:
        return self.items.get(self.cleaned_data.get("item") or "")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=Meeting.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the outcome: a section 47 enquiry, no section 47 enquiry, or other",
            "invalid_choice": "Select the outcome: a section 47 enquiry, no section 47 enquiry, or other",
        },
    )
    notes = _long_text("Notes", max_length=10_000, help_text="Required when the outcome is other")
    restricted_minutes = _long_text(
        "Restricted minutes (optional)",
        max_length=10_000,
        help_text="Police-sourced information. Only people allowed to see restricted information can read it",
    )
    chair = forms.ChoiceField(label="Who chaired the meeting", required=False)
    version = _version()

    def __init__(
        self, *args: Any, meeting: Meeting, can_record_restricted: bool, chairs: list[User], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.chairs = {str(user.pk): user for user in chairs}
        cast(forms.ChoiceField, self.fields["chair"]).choices = [
            ("", "Not recorded"),
            *((str(u.pk), u.display_name) for u in chairs),
        ]
        if meeting.kind not in {Meeting.Kind.STRATEGY_DISCUSSION, Meeting.Kind.COMPLEX_STRATEGY}:
            del self.fields["outcome"]
            self.fields["notes"].help_text = "Anything the meeting agreed beyond the decision on each item"
        if not can_record_restricted:
            del self.fields["restricted_minutes"]

    def chair_user(self) -> User | None:
        return self.chairs.get(self.cleaned_data.get("chair") or "")
