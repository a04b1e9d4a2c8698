"""Forms for the front door's intake page. They check shape only (a real date and time, a choice from the list,
lengths); the rules — a subject, a received time not in the future, which records a mention may match — are in
front_door/actions/intake.py, so the page and the API share them.

The page is one main form plus two formsets: the children (one block to start, "add a sibling" for more) and the
mentions (three rows to start, "add another row" for more). A row's `match` is the practitioner's answer to the
duplicate candidates shown for it: a person's id, "new", or blank while unanswered.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from safecontext.contexts.models import Context
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Mention, Referral
from safecontext.network.models import Link, ObjectOfInterest
from safecontext.people.forms import GovukDateField

MAX_CHILDREN = 6
MAX_MENTIONS = 30
START_MENTIONS = 3
NEW_RECORD = "new"


def _text(label: str, *, max_length: int, required: bool = False, help_text: str = "", **extra: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:]}",
            "max_length": f"{label} must be {max_length:,} characters or fewer",
        },
        **extra,
    )


_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def parse_time(text: str) -> dt.time | None:
    """A time as people type it: "09:30", "9.30", "0930", "14:05", "2pm", "2:30 pm". None if it is not one."""
    found = _TIME.match(text.strip())
    if not found:
        return None
    hour, minute, meridiem = int(found[1]), int(found[2] or 0), (found[3] or "").lower().replace(".", "")
    if meridiem:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    elif found[2] is None:
        return None  # "14" alone could be a typo for "14:45": ask for the minutes
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


# What a mention is: its role and, for a context or an object, its kind — one choice, grouped.
PERSON_CHOICES = [
    (Mention.Role.PEER.value, "Peer (another young person)"),
    (Mention.Role.ADULT_OF_CONCERN.value, "Adult of concern"),
]
CONTEXT_CHOICES = [(f"context:{kind.value}", kind.label) for kind in Context.Kind]
OBJECT_CHOICES = [(f"object:{kind.value}", kind.label) for kind in ObjectOfInterest.Kind]
WHAT_GROUPS = [
    ("People", PERSON_CHOICES),
    ("Contexts", CONTEXT_CHOICES),
    ("Vehicles, phones and online handles", OBJECT_CHOICES),
]
WHAT_CHOICES: list[tuple[str, Any]] = [("", "Choose what was mentioned"), *WHAT_GROUPS]


def split_what(value: str) -> tuple[str, str]:
    """A `what` choice → (Mention.Role, kind): "peer" → ("peer", ""), "context:place" → ("context", "place")."""
    role, _, kind = value.partition(":")
    return role, kind


class ReferralForm(forms.Form):
    received_date = GovukDateField(label="Date received", help_text="For example, 27 3 2026")
    received_time = _text(
        "Time received", max_length=10, required=True, help_text="Use the 24-hour clock, for example 09:30 or 14:05"
    )
    source = forms.ChoiceField(
        label="Source of referral",
        help_text="As the Children in Need census records it",
        choices=[("", "Choose a source"), *ReferralSource.choices],
        error_messages={
            "required": "Choose the source of the referral",
            "invalid_choice": "Choose a source from the list",
        },
    )
    referrer_name = _text("Referrer's name", max_length=200, required=True)
    referrer_agency = _text("Referrer's organisation (optional)", max_length=200)
    referrer_contact = _text(
        "How to contact the referrer (optional)", max_length=200, help_text="A phone number or email address"
    )
    about = forms.ChoiceField(
        label="Who or what is the referral about?",
        choices=Referral.About.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the referral is about children or a context",
            "invalid_choice": "Choose whether the referral is about children or a context",
        },
    )
    subject_context = forms.ChoiceField(label="An existing context", required=False)
    new_context_name = _text(
        "Or name a new context", max_length=200, help_text="For example, Bus route 7 or Queens Park"
    )
    new_context_kind = forms.ChoiceField(
        label="What kind of context is the new one?",
        choices=[("", "Choose a kind"), *Context.Kind.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a kind of context from the list"},
    )
    concerns = _text(
        "Concerns, in the referrer's words", max_length=20_000, required=True, widget=forms.Textarea(attrs={"rows": 8})
    )
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for recording and sharing this information",
        choices=LawfulBasis.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the lawful basis for recording this referral",
            "invalid_choice": "Choose the lawful basis for recording this referral",
        },
    )
    consent_notes = _text(
        "Consent (optional)",
        max_length=5_000,
        help_text="Whether consent was sought from the family or young person, and if not, why not",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    restricted = forms.BooleanField(
        label="This referral holds restricted police information",
        help_text="Only people allowed to read restricted information will see the concerns and what was mentioned",
        required=False,
    )
    submission_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args: Any, contexts: list[Context] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["subject_context"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a context")] + [
            (str(context.pk), f"{context.name} ({context.get_kind_display().lower()})") for context in contexts or []
        ]
        field.error_messages["invalid_choice"] = "Choose a context from the list"

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        received_time = cleaned.get("received_time")
        if received_time:
            parsed = parse_time(received_time)
            if parsed is None:
                self.add_error("received_time", "Enter the time received using the 24-hour clock, like 09:30 or 14:05")
            elif cleaned.get("received_date"):
                cleaned["received_at"] = timezone.make_aware(dt.datetime.combine(cleaned["received_date"], parsed))
        if cleaned.get("about") == Referral.About.CONTEXT:
            chosen, name, kind = (
                cleaned.get("subject_context"),
                cleaned.get("new_context_name"),
                cleaned.get("new_context_kind"),
            )
            if chosen and (name or kind):
                self.add_error("new_context_name", "Choose an existing context or name a new one, not both")
            elif name and not kind:
                self.add_error("new_context_kind", "Choose what kind of context the new one is")
            elif kind and not name:
                self.add_error("new_context_name", "Enter the new context's name")
        return cleaned


def _match_field() -> forms.CharField:
    return forms.CharField(
        required=False,
        max_length=20,
        validators=[],
        error_messages={"max_length": "Choose one of the records listed, or a new record"},
    )


def clean_match(value: str) -> str:
    value = (value or "").strip()
    if value and value != NEW_RECORD and not (value.isascii() and value.isdigit() and 0 < int(value) < 2**63):
        raise ValidationError("Choose one of the records listed, or a new record")
    return value


class ChildForm(forms.Form):
    given_name = _text("Given name", max_length=100)
    family_name = _text("Family name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth (optional)", help_text="For example, 27 3 2012", required=False)
    postcode = _text("Postcode (optional)", max_length=10, help_text="Helps to find an existing record")
    match = _match_field()

    def clean_match(self) -> str:
        return clean_match(self.cleaned_data.get("match", ""))

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not any(data.get(name) for name in ("given_name", "family_name", "date_of_birth", "match"))


class MentionForm(forms.Form):
    what = forms.ChoiceField(
        label="What was mentioned",
        choices=WHAT_CHOICES,
        required=False,
        error_messages={"invalid_choice": "Choose what was mentioned from the list"},
    )
    as_written = _text(
        "What the referrer wrote", max_length=200, help_text="A name, nickname, place, registration, number or handle"
    )
    link_type = forms.ChoiceField(
        label="How they are linked (optional)",
        choices=[("", "The usual link for what it is"), *Link.Type.choices],
        required=False,
        error_messages={"invalid_choice": "Choose how they are linked from the list"},
    )
    nature = forms.ChoiceField(
        label="Is the link protective or harmful?",
        choices=[
            (Link.Nature.UNKNOWN.value, "Not known"),
            (Link.Nature.HARMFUL.value, "Harmful"),
            (Link.Nature.PROTECTIVE.value, "Protective"),
        ],
        initial=Link.Nature.UNKNOWN,
        required=False,
        error_messages={"invalid_choice": "Choose whether the link is protective, harmful or not known"},
    )
    match = _match_field()

    def clean_match(self) -> str:
        return clean_match(self.cleaned_data.get("match", ""))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        what, written = cleaned.get("what"), cleaned.get("as_written")
        if written and not what:
            self.add_error("what", "Choose what was mentioned")
        elif what and not written and "as_written" not in self.errors:
            self.add_error("as_written", "Enter what the referrer wrote")
        cleaned["nature"] = cleaned.get("nature") or Link.Nature.UNKNOWN
        return cleaned

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("what") and not data.get("as_written")

    @property
    def is_person(self) -> bool:
        value = self["what"].value() or ""
        return split_what(str(value))[0] in {Mention.Role.PEER, Mention.Role.ADULT_OF_CONCERN}


ChildFormSet = forms.formset_factory(
    ChildForm, extra=1, max_num=MAX_CHILDREN, absolute_max=MAX_CHILDREN, validate_max=True
)
MentionFormSet = forms.formset_factory(
    MentionForm, extra=START_MENTIONS, max_num=MAX_MENTIONS, absolute_max=MAX_MENTIONS, validate_max=True
)
