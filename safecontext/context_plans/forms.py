"""Forms for the context_plans pages. They check shape (numbers, dates, choices from the lists); the rules (weights
add up to 100, goals as positive statements, actions with owners and dates) are in actions.py via contexts/rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from safecontext.accounts.models import User
from safecontext.context_plans.cleaning import EntryInput
from safecontext.context_plans.models import Partner, PlanGoal, WeightingEntry
from safecontext.contexts.models import Context
from safecontext.people.forms import GovukDateField

MIN_ROWS = 4
MAX_ROWS = 12


def _textarea(label: str, help_text: str = "", rows: int = 3, required: bool = False) -> forms.CharField:
    return forms.CharField(
        label=label, help_text=help_text, required=required, widget=forms.Textarea(attrs={"rows": rows})
    )


class WeightingForm(forms.Form):
    """Boxes as rows: name, linked context (optional) and weight. Blank rows are ignored; "Add another box" posts
    the form back with one more row, so it works without JavaScript."""

    recorded_on = GovukDateField(label="Date of the weighting", help_text="For example, 27 3 2026", required=False)
    rationale = _textarea(
        "Why are the contexts weighted this way?",
        "What makes the heaviest context the one that must change first for the young person to be safer",
        rows=4,
    )

    def __init__(self, *args: Any, contexts: Sequence[Context], rows: int = MIN_ROWS, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contexts = {context.pk: context for context in contexts}
        choices = [("", "Not linked to a context record"), *((str(c.pk), c.name) for c in contexts)]
        self.row_count = max(MIN_ROWS, min(rows, MAX_ROWS))
        for row in range(self.row_count):
            self.fields[f"label_{row}"] = forms.CharField(label="Name in the box", required=False, max_length=200)
            self.fields[f"context_{row}"] = forms.ChoiceField(label="Linked context", choices=choices, required=False)
            self.fields[f"weight_{row}"] = forms.IntegerField(
                label="Weight (out of 100)",
                required=False,
                error_messages={"invalid": "Weight must be a whole number from 1 to 100"},
            )

    def rows(self) -> list[dict[str, forms.BoundField]]:
        return [
            {"number": row + 1, "label": self[f"label_{row}"], "context": self[f"context_{row}"],  # type: ignore[dict-item]
             "weight": self[f"weight_{row}"]}
            for row in range(self.row_count)
        ]  # fmt: skip

    def entries(self) -> tuple[list[EntryInput], list[int]]:
        """The filled rows as entries, and for each the row it came from (to put problems on the right row)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        entries: list[EntryInput] = []
        rows: list[int] = []
        for row in range(self.row_count):
            label = (data.get(f"label_{row}") or "").strip()
            context_id = data.get(f"context_{row}") or ""
            weight = data.get(f"weight_{row}")
            context = self.contexts.get(int(context_id)) if context_id.isdigit() else None
            if not label and context is not None:
                label = context.name  # a box linked to a context is named after it unless renamed
            if not label and context is None and weight is None:
                continue
            entries.append(EntryInput(label, context, weight if isinstance(weight, int) else 0))
            rows.append(row)
        return entries, rows

    def add_entry_error(self, rows: list[int], field: str, message: str) -> None:
        """An action's "entries[i]" problem onto the row's weight or name field; "entries" at the top."""
        if field.startswith("entries[") and field.endswith("]") and field[8:-1].isdigit():
            index = int(field[8:-1])
            row = rows[index] if index < len(rows) else 0
            target = f"weight_{row}" if message.startswith("Weight") else f"label_{row}"
            self.add_error(target, message)
        elif field in self.fields:
            self.add_error(field, message)
        else:
            self.add_error(None, message)


def worker_label(user: User) -> str:
    """A worker's name, with their team when they are partner agency staff (their agency, for the chair to see)."""
    name = user.get_full_name() or user.username
    return f"{name} ({user.team.name})" if user.role == "partner_agency" and user.team else name


def weighting_initial(entries: Sequence[WeightingEntry]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for row, entry in enumerate(entries):
        initial |= {
            f"label_{row}": entry.label,
            f"context_{row}": str(entry.context_id or ""),
            f"weight_{row}": entry.weight,
        }
    return initial


class PlanForm(forms.Form):
    title = forms.CharField(label="Plan title", max_length=200, required=False)
    targets_first = forms.ChoiceField(
        label="Which context does the plan target first?",
        help_text="The weighting's heaviest context is chosen for you: it is the one that must change first",
        required=False,
        widget=forms.RadioSelect,
    )
    targets_first_label = forms.CharField(
        label="Context the plan targets first",
        help_text="Name the place, group, school or online space",
        required=False,
        max_length=200,
    )
    review_on = GovukDateField(
        label="Review date", help_text="When the plan will be reviewed, for example 27 3 2026", required=False
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, boxes: Sequence[WeightingEntry] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.boxes = {str(entry.pk): entry for entry in boxes}
        field = self.fields["targets_first"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(str(entry.pk), f"{entry.label} ({entry.weight})") for entry in boxes]
        if not boxes:
            del self.fields["targets_first"]
        else:
            del self.fields["targets_first_label"]


class GoalForm(forms.Form):
    statement = _textarea(
        "Goal",
        "Write what safety looks like, for example “Young people say they feel safe walking through the park after "
        "school”",
    )
    what_will_show_it = _textarea("What will show it", "What we will see or hear when the goal is reached")
    how_we_will_know = _textarea("How we will know", "Who will check, and how: a walkabout, asking young people")
    measured_by = forms.MultipleChoiceField(
        label="Assessment questions that measure this goal",
        help_text="The review shows each question's baseline against the latest assessment",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    keep_wording = forms.BooleanField(label="Keep my wording", required=False)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: Sequence[tuple[str, str]] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["measured_by"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = list(questions)
        if not questions:
            del self.fields["measured_by"]


class PlanActionForm(forms.Form):
    description = _textarea("What will be done")
    owner = forms.ChoiceField(
        label="Who will do it",
        help_text="A worker, or a guardian or partner from the partners register",
        required=False,
    )
    due_on = GovukDateField(label="Done by", help_text="For example, 27 3 2026", required=False)
    goal = forms.ChoiceField(label="Goal it works towards", required=False)

    def __init__(
        self,
        *args: Any,
        workers: Sequence[User],
        partners: Sequence[Partner],
        goals: Sequence[PlanGoal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {f"user:{user.pk}": user for user in workers}
        self.partners = {f"partner:{partner.pk}": partner for partner in partners}
        self.goals = {str(goal.pk): goal for goal in goals}
        owner = self.fields["owner"]
        assert isinstance(owner, forms.ChoiceField)
        owner.choices = [
            ("", "Choose who"),
            ("Workers", [(key, worker_label(user)) for key, user in self.workers.items()]),
            ("Guardians and partners", [(key, str(partner)) for key, partner in self.partners.items()]),
        ]
        goal = self.fields["goal"]
        assert isinstance(goal, forms.ChoiceField)
        goal.choices = [("", "Not linked to one goal"), *((key, str(g)) for key, g in self.goals.items())]

    def owner_values(self) -> dict[str, Any]:
        key = self.cleaned_data.get("owner") or ""
        return {"owner_user": self.workers.get(key), "owner_partner": self.partners.get(key)}


class ConferenceForm(forms.Form):
    held_on = GovukDateField(label="Date held", help_text="For example, 27 3 2026", required=False)
    chair = forms.ChoiceField(label="Chair", required=False)
    attendee_users = forms.MultipleChoiceField(
        label="Workers who attended", required=False, widget=forms.CheckboxSelectMultiple
    )
    attendee_partners = forms.MultipleChoiceField(
        label="Guardians and partners who attended", required=False, widget=forms.CheckboxSelectMultiple
    )
    decisions = _textarea("What was decided", rows=5)

    def __init__(self, *args: Any, workers: Sequence[User], partners: Sequence[Partner], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.workers = {str(user.pk): user for user in workers}
        self.partners = {str(partner.pk): partner for partner in partners}
        names = [(key, worker_label(user)) for key, user in self.workers.items()]
        for name, choices in (
            ("chair", [("", "Choose who chaired"), *names]),
            ("attendee_users", names),
            ("attendee_partners", [(key, str(partner)) for key, partner in self.partners.items()]),
        ):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def action_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "held_on": data.get("held_on"),
            "chair": self.workers.get(data.get("chair") or ""),
            "attendee_users": [self.workers[key] for key in data.get("attendee_users", []) if key in self.workers],
            "attendee_partners": [
                self.partners[key] for key in data.get("attendee_partners", []) if key in self.partners
            ],
            "decisions": data.get("decisions", ""),
        }


class ReviewForm(forms.Form):
    summary = _textarea(
        "What changed in the context",
        "Change, not effort: what young people, residents and guardians now say and what you saw",
        rows=5,
    )
    next_review_on = GovukDateField(label="Next review date", help_text="For example, 27 3 2026", required=False)


class PartnerForm(forms.Form):
    kind = forms.ChoiceField(label="Guardian or partner", choices=Partner.Kind.choices, required=False,
                             widget=forms.RadioSelect)  # fmt: skip
    name = forms.CharField(label="Name", max_length=200, required=False)
    role = forms.CharField(
        label="Role", help_text="For example, shop owner, park warden, bus station security", max_length=200,
        required=False,
    )  # fmt: skip
    organisation = forms.CharField(label="Organisation (optional)", max_length=200, required=False)
    contact = forms.CharField(
        label="Contact details (optional)", help_text="Only if they agree to be contacted", max_length=300,
        required=False,
    )  # fmt: skip
    consents_to_contact = forms.BooleanField(label="They agree to be contacted by the service", required=False)
    contexts = forms.MultipleChoiceField(
        label="Contexts they have reach into", required=False, widget=forms.CheckboxSelectMultiple
    )
    active = forms.BooleanField(label="On the register", required=False, initial=True)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, contexts: Sequence[Context], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.context_records = {str(context.pk): context for context in contexts}
        field = self.fields["contexts"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(key, context.name) for key, context in self.context_records.items()]

    def values(self) -> dict[str, object]:
        return {key: self.cleaned_data.get(key) for key in
                ("kind", "name", "role", "organisation", "contact", "consents_to_contact", "active")}  # fmt: skip

    def chosen_contexts(self) -> list[Context]:
        return [
            self.context_records[key] for key in self.cleaned_data.get("contexts", []) if key in self.context_records
        ]
