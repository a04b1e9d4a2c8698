from django import forms

from safecontext.access.actions import MINIMUM_REASON_LENGTH
from safecontext.access.models import BreakGlassGrant


class BreakGlassForm(forms.Form):
    identifier = forms.CharField(
        label="Record identifier",
        help_text="The SafeContext number (starting SC), LA child ID, NHS number or unique pupil number",
        max_length=20,
        error_messages={"required": "Enter the record identifier"},
    )
    reason = forms.CharField(
        label="Why do you need this record now?",
        help_text=f"At least {MINIMUM_REASON_LENGTH} characters. Your manager will review this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Explain why you need this record now"},
    )

    def clean_reason(self) -> str:
        # Checked here, before any record is looked up, so a short reason cannot be used to test whether an
        # identifier exists.
        reason = str(self.cleaned_data["reason"]).strip()
        if len(reason) < MINIMUM_REASON_LENGTH:
            raise forms.ValidationError(
                f"Explain why you need this record now, in at least {MINIMUM_REASON_LENGTH} characters."
            )
        return reason


class BreakGlassReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label="Was this access appropriate?",
        choices=[
            (BreakGlassGrant.Outcome.APPROPRIATE, "Yes, it was appropriate"),
            (BreakGlassGrant.Outcome.INAPPROPRIATE, "No, it was not appropriate"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the access was appropriate"},
    )
    note = forms.CharField(
        label="Review note",
        help_text="Required if the access was not appropriate",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
