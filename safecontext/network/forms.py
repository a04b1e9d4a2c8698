"""Forms for the network pages: shape only (choices, dates, lengths). The rules are in network/actions.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from safecontext.network.actions import PURPOSE_MAX_LENGTH, REASON_MAX_LENGTH
from safecontext.network.models import Link, ObjectOfInterest
from safecontext.network.queries import Filters
from safecontext.people.forms import GovukDateField

MAX_ID = 2**63 - 1


class FilterForm(forms.Form):
    """The map's filters, sent as a GET query so a filtered map has its own address (and works without JavaScript)."""

    depth = forms.TypedChoiceField(
        label="How far to look",
        choices=[("1", "Direct links only"), ("2", "Links of links (two steps)")],
        coerce=int,
        initial="1",
        required=False,
        widget=forms.RadioSelect,
    )
    nature = forms.MultipleChoiceField(
        label="Nature", choices=Link.Nature.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    type = forms.MultipleChoiceField(
        label="Type of link", choices=Link.Type.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    on = GovukDateField(
        label="Links valid on", required=False, help_text="Leave blank to show every link, ended ones too"
    )

    def filters(self) -> Filters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return Filters(
            depth=data.get("depth") or 1,
            natures=frozenset(data.get("nature") or ()),
            types=frozenset(data.get("type") or ()),
            on=data.get("on"),
        )


def filters_from(query: Any) -> tuple[FilterForm, Filters]:
    form = FilterForm(query if query else None)
    return form, form.filters()


class _LinkDetails(forms.Form):
    type = forms.ChoiceField(
        label="Type of link",
        choices=[("", "Choose a type"), *Link.Type.choices],
        error_messages={"required": "Choose the type of link"},
    )
    nature = forms.ChoiceField(
        label="Nature",
        choices=Link.Nature.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the link is protective, harmful or not known"},
    )
    reliability = forms.ChoiceField(
        label="How reliable is the source?",
        choices=Link.Reliability.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how reliable the source is"},
    )
    valid_from = GovukDateField(label="Valid from", help_text="The first day the link held, for example 27 3 2026")
    valid_to = GovukDateField(label="Valid to", required=False, help_text="Leave blank if the link still holds")
    purpose = forms.CharField(
        label="Purpose",
        max_length=PURPOSE_MAX_LENGTH,
        required=False,
        help_text="Why it is recorded, for example: safety planning for this young person",
    )


class AddLinkForm(_LinkDetails):
    other_kind = forms.ChoiceField(
        label="What is at the other end?",
        choices=[
            ("person", "A person"),
            ("context", "A context (place, peer group, school, online space)"),
            ("object", "An object (vehicle, phone number, online handle)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what is at the other end of the link"},
    )
    other_person = forms.IntegerField(
        label="The person's SafeContext number", required=False, min_value=1, max_value=MAX_ID
    )
    other_context = forms.IntegerField(label="The context's number", required=False, min_value=1, max_value=MAX_ID)
    object_kind = forms.ChoiceField(
        label="Kind of object", choices=[("", "Choose"), *ObjectOfInterest.Kind.choices], required=False
    )
    object_value = forms.CharField(label="The object as recorded", max_length=200, required=False)
    direction = forms.ChoiceField(
        label="Direction",
        choices=[("out", "This record → the other end"), ("in", "The other end → this record")],
        widget=forms.RadioSelect,
        initial="out",
        error_messages={"required": "Choose the direction of the link"},
        help_text="For example, for “exploits”, the one who exploits comes first",
    )
    field_order = ["other_kind", "other_person", "other_context", "object_kind", "object_value", "direction"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind = data.get("other_kind")
        if kind == "person" and not data.get("other_person"):
            self.add_error("other_person", "Enter the person's SafeContext number")
        if kind == "context" and not data.get("other_context"):
            self.add_error("other_context", "Enter the context's number")
        if kind == "object" and not data.get("object_kind"):
            self.add_error("object_kind", "Choose whether it is a vehicle, a phone number or an online handle")
        return data


class CorrectLinkForm(_LinkDetails):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    reason = forms.CharField(
        label="Why is it being corrected?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the link is being corrected"},
    )


class EndLinkForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)
    valid_to = GovukDateField(label="Last day the link held")
    reason = forms.CharField(
        label="Why has it ended?",
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the link is being ended"},
    )


class ExportForm(forms.Form):
    sharing_record = forms.IntegerField(
        label="Sharing record number",
        min_value=1,
        max_value=MAX_ID,
        help_text="The record of the decision to share this network: an export is an outbound document",
        error_messages={"required": "Enter the number of the sharing record that allows this export"},
    )
    positions = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500_000)


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()
