"""Forms for the assessment pages. They check shape only; the rules (date order, codes from the list) are in
assessments/actions.py, shared with any other door."""

from __future__ import annotations

from typing import Any

from django import forms

from safecontext.assessments import factors
from safecontext.assessments.models import Outcome, Participation, Section47Outcome
from safecontext.people.forms import GovukDateField

DATE_HINT = "For example, 27 3 2026"


class _CodesField(forms.MultipleChoiceField):
    """Checkboxes whose values the action checks (against the assessment's own list version), so a bad code is
    reported with everything else wrong rather than on its own first."""

    def validate(self, value: Any) -> None:
        pass


class _CodeField(forms.ChoiceField):
    def validate(self, value: Any) -> None:
        pass


class AssessmentForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    started_on = GovukDateField(label="Start date", help_text=DATE_HINT, required=False)
    authorised_on = GovukDateField(
        label="Authorisation date",
        help_text="A team manager records this when they authorise the assessment. Leave it blank until then.",
        required=False,
    )
    factor_codes = _CodesField(label="Factors identified at the end of the assessment", required=False)
    summary = forms.CharField(label="Summary of the assessment", widget=forms.Textarea, required=False)
    outcome = _CodeField(label="Outcome", choices=[("", "Not decided yet"), *Outcome.choices], required=False)
    cin_plan_start = GovukDateField(label="Child in need plan start date", required=False)
    cin_plan_end = GovukDateField(label="Child in need plan end date", required=False)
    s47_started_on = GovukDateField(label="Section 47 enquiry start date", required=False)
    s47_outcome = _CodeField(
        label="Section 47 enquiry outcome",
        choices=[("", "No outcome yet"), *Section47Outcome.choices],
        required=False,
    )
    icpc_on = GovukDateField(label="Initial child protection conference date", required=False)
    cp_plan_start = GovukDateField(label="Child protection plan start date", required=False)
    cp_plan_end = GovukDateField(label="Child protection plan end date", required=False)

    def __init__(self, *args: Any, factor_version: str = factors.CURRENT_VERSION, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factor_list = factors.factor_list(factor_version)
        self.fields["factor_codes"].choices = [(factor.code, factor.label) for factor in self.factor_list.factors]

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}

    def factor_groups(self) -> list[dict[str, Any]]:
        """The checkboxes, grouped as the data file groups them, each marked if chosen."""
        chosen = set(self["factor_codes"].value() or [])
        return [
            {
                "group": group,
                "factors": [{"factor": factor, "checked": factor.code in chosen} for factor in group_factors],
            }
            for group, group_factors in self.factor_list.groups()
        ]


class ParticipationForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which of the 4 I's",
        choices=[
            (Participation.Kind.INFORM, "Inform: they were told what is happening, why, and what it means for them"),
            (Participation.Kind.INVOLVE, "Involve: they took part in the assessment, the plan or a decision"),
            (Participation.Kind.INVEST, "Invest: time or money went into something they care about or are good at"),
            (Participation.Kind.INFLUENCE, "Influence: their views changed what happened"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose inform, involve, invest or influence"},
    )
    occurred_on = GovukDateField(label="Date", help_text=DATE_HINT, required=False)
    what_happened = forms.CharField(
        label="What happened",
        widget=forms.Textarea,
        required=False,
        help_text="How the young person was informed, involved, invested in or influenced the work",
    )
    their_words = forms.CharField(
        label="Their views, in their own words",
        widget=forms.Textarea,
        required=False,
        strip=False,
        help_text="Write what they said as they said it. It will be shown as their words and cannot be edited later.",
    )
