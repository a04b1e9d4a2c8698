"""The sharing record form: shape only; sharing/actions.py applies the rules (rules.validate_sharing_record)."""

from __future__ import annotations

from typing import Any

from django import forms

from safecontext.people.forms import GovukDateField
from safecontext.sharing import rules
from safecontext.sharing.models import CONSENT_LABELS, DECISION_LABELS, ITEM_LABELS, PURPOSE_LABELS

YES_NO = [("yes", "Yes"), ("no", "No")]


def _text(label: str, help_text: str = "", *, long: bool = False, max_length: int = 200) -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=False,
        max_length=2000 if long else max_length,
        widget=forms.Textarea(attrs={"rows": 3}) if long else forms.TextInput,
    )


def _radios(label: str, choices: list[tuple[str, str]], help_text: str = "") -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label, help_text=help_text, choices=choices, required=False, widget=forms.RadioSelect
    )


class SharingRecordForm(forms.Form):
    decision = _radios("Was the information shared?", [(k.value, v) for k, v in DECISION_LABELS.items()])
    items = forms.MultipleChoiceField(
        label="What was shared, or asked for",
        choices=[(k.value, v) for k, v in ITEM_LABELS.items()],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    items_detail = _text(
        "Details of what was shared", "Needed for 'Other information'. Never shown to the young person", long=True
    )
    agency = _text("Agency", "The young person sees this name. For example, Brightside Police")
    recipient_person = _text("Person at the agency", "Who it was shared with, or who asked for it")
    purpose = _radios("Why", [(k.value, v) for k, v in PURPOSE_LABELS.items()])
    purpose_detail = _text("Details of the purpose", "Needed for 'Other purpose'", long=True)
    lawful_basis = _radios("Lawful basis", list(rules.LawfulBasis.choices))
    consent = _radios("Consent", [(k.value, v) for k, v in CONSENT_LABELS.items()])
    consent_reason = _text("Why consent was not sought, or why it was shared when consent was refused", long=True)
    young_person_told = _radios("Was the young person told?", YES_NO)
    family_told = _radios("Was the family told?", YES_NO)
    not_told_reason = _text("Why they were not told", "For example, telling them would put someone at risk", long=True)
    decision_maker = _text("Who made the decision", "Name and role")
    decided_on = GovukDateField(label="Date of the decision", help_text="For example, 3 3 2026", required=False)
    reason_not_shared = _text("Why it was not shared", "Only for a decision not to share", long=True)

    def sharing_values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class ToldForm(forms.Form):
    young_person_told = forms.BooleanField(required=False)
    family_told = forms.BooleanField(required=False)


class DownloadForm(forms.Form):
    sharing_record = forms.CharField(label="Which share is this copy for?", required=False)
