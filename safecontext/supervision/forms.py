"""Forms for the supervision pages. They check shape only; the rules (one-to-one only with one's own supervisee, a
case the supervisee works on, an owner and due date for each action) are in supervision/actions.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any, cast

from django import forms

from safecontext.accounts.models import User
from safecontext.cases.models import Case
from safecontext.people.forms import GovukDateField
from safecontext.supervision.actions import MAX_CADENCE_DAYS, MAX_TEXT, AgreedAction
from safecontext.supervision.models import SupervisionSession

ACTION_ROWS = 3


def _long_text(label: str, *, required: bool = False, help_text: str = "", rows: int = 4) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=MAX_TEXT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": f"Enter {label.lower()}", "max_length": f"{label} is too long"},
    )


def _user_choices(users: Sequence[User], blank: str) -> list[tuple[str, str]]:
    return [("", blank)] + [(str(user.pk), f"{user.display_name} ({user.role_label})") for user in users]


class SessionForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of session",
        choices=SupervisionSession.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the kind of session"},
    )
    held_on = GovukDateField(label="Date of the session", help_text="For example, 27 3 2026")
    supervisee = forms.ChoiceField(label="Who was supervised", required=False, help_text="One-to-one and peer sessions")
    attendees = forms.MultipleChoiceField(
        label="Who attended", required=False, widget=forms.CheckboxSelectMultiple, help_text="Group sessions"
    )
    themes = _long_text(
        "Themes",
        help_text="Group sessions only: the themes talked about. Do not name young people or families: a group "
        "session records no case detail",
    )

    def __init__(self, *args: Any, supervisees: Sequence[User], colleagues: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.people = {user.pk: user for user in [*supervisees, *colleagues]}
        cast(forms.ChoiceField, self.fields["supervisee"]).choices = _user_choices(
            list(self.people.values()), "Select a person"
        )
        cast(forms.ChoiceField, self.fields["attendees"]).choices = [
            (str(user.pk), f"{user.display_name} ({user.role_label})") for user in colleagues
        ]

    def supervisee_user(self) -> User | None:
        value = self.cleaned_data.get("supervisee")
        return self.people.get(int(value)) if value else None

    def attendee_users(self) -> list[User]:
        return [self.people[int(value)] for value in self.cleaned_data.get("attendees", [])]


class DiscussionForm(forms.Form):
    case = forms.ChoiceField(label="Case discussed", error_messages={"required": "Select the case discussed"})
    practice_discussion = _long_text("Practice discussion", help_text="Seen only by the two of you")
    feelings_and_impact = _long_text("Feelings and impact on the worker", help_text="Seen only by the two of you")
    hypotheses = _long_text("Hypotheses", help_text="Seen only by the two of you")
    parallel_processes = _long_text("Parallel processes noticed", help_text="Seen only by the two of you")
    decisions = _long_text(
        "Decisions",
        required=True,
        help_text="Management oversight: this goes on the case file, for everyone who works with the case",
    )

    def __init__(self, *args: Any, cases: Sequence[Case], owners: Sequence[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cases = {case.pk: case for case in cases}
        self.owners = {user.pk: user for user in owners}
        cast(forms.ChoiceField, self.fields["case"]).choices = [("", "Select a case")] + [
            (str(case.pk), f"Case {case.pk}: {case.subject.display_name}") for case in cases
        ]
        for index in range(ACTION_ROWS):
            number = index + 1
            self.fields[f"action_{index}_description"] = forms.CharField(
                label=f"Action {number}: what needs to be done", required=False, max_length=MAX_TEXT
            )
            self.fields[f"action_{index}_owner"] = forms.ChoiceField(
                label=f"Action {number}: who will do it",
                required=False,
                choices=_user_choices(owners, "Select a person"),
            )
            self.fields[f"action_{index}_due_on"] = GovukDateField(label=f"Action {number}: due date", required=False)

    def case_obj(self) -> Case | None:
        value = self.cleaned_data.get("case")
        return self.cases.get(int(value)) if value else None

    def action_rows(self) -> list[tuple[forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [
            (self[f"action_{index}_description"], self[f"action_{index}_owner"], self[f"action_{index}_due_on"])
            for index in range(ACTION_ROWS)
        ]

    def agreed_actions(self) -> list[AgreedAction]:
        """The rows with anything filled in, in order; an empty row is ignored. Errors keep their row's number."""
        agreed: list[AgreedAction] = []
        for index in range(ACTION_ROWS):
            description = self.cleaned_data.get(f"action_{index}_description", "")
            owner_value = self.cleaned_data.get(f"action_{index}_owner", "")
            due_on: dt.date | None = self.cleaned_data.get(f"action_{index}_due_on")
            if not (description.strip() or owner_value or due_on):
                continue
            owner = self.owners.get(int(owner_value)) if owner_value else None
            agreed.append(AgreedAction(description, owner, due_on, row=index))
        return agreed


class CadenceForm(forms.Form):
    cadence_days = forms.IntegerField(
        label="Days between supervision sessions",
        min_value=1,
        max_value=MAX_CADENCE_DAYS,
        help_text="28 days (every 4 weeks) unless agreed otherwise",
        error_messages={
            "required": "Enter the number of days between sessions",
            "invalid": "Enter a whole number of days, like 28",
            "min_value": f"Enter a number of days between 1 and {MAX_CADENCE_DAYS}",
            "max_value": f"Enter a number of days between 1 and {MAX_CADENCE_DAYS}",
        },
    )
