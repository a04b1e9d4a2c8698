"""The safety plan form: shape only (lengths, a real date); the rules are in safety_plans/actions.py."""

from __future__ import annotations

from typing import Any

from django import forms

from safecontext.people.forms import GovukDateField
from safecontext.safety_plans.actions import MAX_ROWS
from safecontext.safety_plans.models import SafetyPlan

# Rows shown: what the plan has plus two empty ones, at least three, at most MAX_ROWS (the action's limit).
MIN_ROWS = 3

HELP = {
    "worries": "In words the family uses. For example, 'Asif goes missing overnight and we do not know where he is'",
    "young_person_words": "What the young person said about their safety, kept as they said it",
    "safety_goals": "What safe looks like. For example, 'Asif is home by 9pm on school nights'",
    "family_actions": "Who in the family does what",
    "network_actions": "Friends, relatives, neighbours, coaches",
    "guardian_actions": "People in places the young person goes: a shop keeper, a youth club worker, a school",
    "professional_actions": "Social worker, youth worker, school, police, health",
    "warning_signs": "What everyone will notice first when things start to go wrong",
    "who_took_part": "Everyone who helped write this plan",
}


def _textarea(label: str, name: str) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=5000, help_text=HELP.get(name, ""), widget=forms.Textarea
    )


class SafetyPlanForm(forms.Form):
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    worries = _textarea("What we are worried about", "worries")
    young_person_words = _textarea("In the young person's own words", "young_person_words")
    safety_goals = _textarea("Safety goals", "safety_goals")
    family_actions = _textarea("What the family will do", "family_actions")
    network_actions = _textarea("What friends and the wider network will do", "network_actions")
    guardian_actions = _textarea("What guardians in places will do", "guardian_actions")
    professional_actions = _textarea("What professionals will do", "professional_actions")
    warning_signs = _textarea("Signs that things are going wrong", "warning_signs")
    who_took_part = _textarea("Who made this plan", "who_took_part")
    review_on = GovukDateField(label="Review date", help_text="For example, 27 3 2027", required=False)

    def __init__(self, *args: Any, plan: SafetyPlan | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.contingency_count = self._rows("if_", len(plan.contingencies) if plan else 0)
        self.contact_count = self._rows("name_", len(plan.contacts) if plan else 0)
        for number in range(1, self.contingency_count + 1):
            self.fields[f"if_{number}"] = forms.CharField(label="If", required=False, max_length=500)
            self.fields[f"then_{number}"] = forms.CharField(label="Then", required=False, max_length=500)
        for number in range(1, self.contact_count + 1):
            self.fields[f"name_{number}"] = forms.CharField(label="Name", required=False, max_length=100)
            self.fields[f"role_{number}"] = forms.CharField(label="Who they are", required=False, max_length=100)
            self.fields[f"phone_{number}"] = forms.CharField(label="Phone number", required=False, max_length=30)

    def _rows(self, prefix: str, saved: int) -> int:
        """Enough rows for the saved plan and for every row a posted form sent back."""
        posted = [
            key
            for key in self.data
            if key.startswith(prefix) and key[len(prefix) :].isascii() and key[len(prefix) :].isdigit()
        ]
        sent = max((int(key[len(prefix) :]) for key in posted), default=0)
        return max(MIN_ROWS, min(MAX_ROWS, max(saved + 2, sent)))

    @classmethod
    def initial_for(cls, plan: SafetyPlan | None) -> dict[str, Any]:
        if plan is None:
            return {}
        initial: dict[str, Any] = {field: getattr(plan, field) for field in cls.base_fields if field != "version"}
        initial["version"] = plan.version
        for number, row in enumerate(plan.contingencies[:MAX_ROWS], start=1):
            initial[f"if_{number}"], initial[f"then_{number}"] = row["if"], row["then"]
        for number, row in enumerate(plan.contacts[:MAX_ROWS], start=1):
            initial[f"name_{number}"], initial[f"role_{number}"] = row["name"], row["role"]
            initial[f"phone_{number}"] = row["phone"]
        return initial

    def plan_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {field: data.get(field) for field in self.base_fields if field != "version"}
        values["contingencies"] = [
            {"if": data.get(f"if_{n}", ""), "then": data.get(f"then_{n}", "")}
            for n in range(1, self.contingency_count + 1)
        ]
        values["contacts"] = [
            {"name": data.get(f"name_{n}", ""), "role": data.get(f"role_{n}", ""), "phone": data.get(f"phone_{n}", "")}
            for n in range(1, self.contact_count + 1)
        ]
        return values

    def contingency_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"if_{n}"], self[f"then_{n}"]) for n in range(1, self.contingency_count + 1)]

    def contact_rows(self) -> list[tuple[int, forms.BoundField, forms.BoundField, forms.BoundField]]:
        return [(n, self[f"name_{n}"], self[f"role_{n}"], self[f"phone_{n}"]) for n in range(1, self.contact_count + 1)]

    def text_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in HELP]
