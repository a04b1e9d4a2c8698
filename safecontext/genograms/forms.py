"""Forms for the genogram pages (shape only; the rules are in genograms/actions.py)."""

from __future__ import annotations

from typing import Any

from django import forms

from safecontext.cases.models import Case
from safecontext.genograms.actions import MAX_UPLOAD_BYTES
from safecontext.genograms.models import Aspect, GenogramMember, GenogramRelation
from safecontext.people.models import Person

YEAR_ERRORS = {"invalid": "Enter a year, like 1984"}


class MemberForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    person = forms.ModelChoiceField(
        label="Person on the case",
        queryset=Person.objects.none(),
        required=False,
        empty_label="Not on the case: recorded on the genogram only",
        help_text="Choose them if they are on the case; their name is filled in if you leave it blank",
    )
    name = forms.CharField(label="Name", required=False, max_length=200)
    sex = forms.ChoiceField(
        label="Sex", choices=GenogramMember.Sex.choices, widget=forms.RadioSelect, initial=GenogramMember.Sex.UNKNOWN
    )
    birth_year = forms.IntegerField(label="Year of birth", required=False, error_messages=YEAR_ERRORS)
    deceased = forms.BooleanField(label="Has died", required=False)
    death_year = forms.IntegerField(label="Year of death", required=False, error_messages=YEAR_ERRORS)
    is_subject = forms.BooleanField(label="This is the child or young person the work is about", required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["person"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Person.objects.filter(involvements__case=case).prefetch_related("names")
        field.label_from_instance = lambda person: person.display_name
        for aspect in Aspect:
            self.fields[f"aspect_{aspect.value}"] = forms.CharField(
                label=str(aspect.label), required=False, max_length=1000
            )

    def aspect_fields(self) -> list[forms.BoundField]:
        return [self[f"aspect_{aspect.value}"] for aspect in Aspect]

    def values(self) -> dict[str, Any]:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class RelationForm(forms.Form):
    from_member = forms.TypedChoiceField(
        label="First person", coerce=int, error_messages={"required": "Choose the first person"}
    )
    kind = forms.ChoiceField(
        label="Relationship",
        choices=[("", "Choose a relationship"), *GenogramRelation.Kind.choices],
        error_messages={"required": "Choose how they are related"},
    )
    to_member = forms.TypedChoiceField(
        label="Second person", coerce=int, error_messages={"required": "Choose the second person"}
    )

    def __init__(self, *args: Any, members: list[GenogramMember], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a person"), *((member.pk, member.name) for member in members)]
        for name in ("from_member", "to_member"):
            field = self.fields[name]
            assert isinstance(field, forms.TypedChoiceField)
            field.choices = choices


class UploadForm(forms.Form):
    file = forms.FileField(
        label="The family's genogram",
        help_text=f"A PDF, PNG or JPEG, smaller than {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
        error_messages={"required": "Choose a file to upload", "empty": "The file is empty"},
    )
    note = forms.CharField(label="Note (optional)", required=False, max_length=1000)
