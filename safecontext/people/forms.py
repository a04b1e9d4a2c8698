"""Forms for the people pages. They check shape only (a real date, a choice from the list, lengths); the rules —
check digits, dates not in the future, one legal name — are in people/actions.py, so pages and API share them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from safecontext.people.codes import Ethnicity, Sex
from safecontext.people.models import PersonName


class DateInputWidget(forms.MultiWidget):
    """The GOV.UK date input: day, month and year boxes (names `<field>_day`, `_month`, `_year`)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            widgets={"day": forms.TextInput(), "month": forms.TextInput(), "year": forms.TextInput()}, attrs=attrs
        )

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]

    def id_for_label(self, id_: str) -> str:
        # Labels and the error summary point at the day box, as the GOV.UK pattern asks.
        return f"{id_}_day" if id_ else ""


class GovukDateField(forms.Field):
    """A date typed as day, month and year, with the GOV.UK pattern's error messages."""

    widget = DateInputWidget

    def __init__(self, *, label: str, **kwargs: Any) -> None:
        self.noun = label
        kwargs.setdefault("error_messages", {"required": f"Enter {label.lower()}"})
        super().__init__(label=label, **kwargs)

    def to_python(self, value: Any) -> dt.date | None:
        if value is None or isinstance(value, dt.date):
            return value
        day, month, year = (str(part if part is not None else "").strip() for part in value)
        if not (day or month or year):
            return None
        missing = [name for name, part in (("day", day), ("month", month), ("year", year)) if not part]
        if missing:
            raise ValidationError(f"{self.noun} must include a {' and a '.join(missing)}")
        if not all(part.isascii() and part.isdigit() and len(part) <= 2 for part in (day, month)):
            raise ValidationError(f"{self.noun} must be a real date")
        if not (year.isascii() and year.isdigit() and len(year) == 4):
            raise ValidationError("Year must include 4 numbers")
        try:
            return dt.date(int(year), int(month), int(day))
        except (ValueError, OverflowError):
            raise ValidationError(f"{self.noun} must be a real date") from None


class SearchForm(forms.Form):
    name = forms.CharField(
        label="Name, alias or identifier",
        help_text="At least 2 letters of a name, or an NHS number, unique pupil number or LA child ID",
        max_length=200,
        required=False,
    )
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2010", required=False)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        cleaned["name"] = " ".join((cleaned.get("name") or "").split())
        return cleaned


def _text(label: str, *, max_length: int, required: bool = False, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        error_messages={
            "required": f"Enter {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


class PersonForm(forms.Form):
    """The person's own details: used to create a person and to edit one (with the version the edit started from)."""

    given_name = _text("Given name", max_length=100)
    family_name = _text("Family name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2010", required=False)
    date_of_birth_estimated = forms.BooleanField(label="The date of birth is estimated", required=False)
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        initial=Sex.NOT_KNOWN,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's sex", "invalid_choice": "Select the person's sex"},
    )
    ethnicity = forms.ChoiceField(
        label="Ethnicity",
        choices=Ethnicity.choices,
        initial=Ethnicity.NOBT,
        help_text="DfE ethnicity categories",
        error_messages={"required": "Select the person's ethnicity", "invalid_choice": "Select the person's ethnicity"},
    )
    la_child_id = _text("LA child ID", max_length=20)
    nhs_number = _text("NHS number", max_length=20, help_text="10 digits, for example 943 476 5919")
    upn = _text("Unique pupil number", max_length=20, help_text="13 characters, for example B801200005001")
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    FIELDS = (
        "given_name",
        "family_name",
        "date_of_birth",
        "date_of_birth_estimated",
        "sex",
        "ethnicity",
        "la_child_id",
        "nhs_number",
        "upn",
    )

    def person_values(self) -> dict[str, Any]:
        """The cleaned values, keyed as people/actions.py expects them."""
        return {field: self.cleaned_data[field] for field in self.FIELDS}


class NameForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of name is it?",
        choices=[(kind.value, kind.label) for kind in PersonName.Kind if kind != PersonName.Kind.LEGAL],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what kind of name this is",
            "invalid_choice": "Select what kind of name this is",
        },
    )
    given_name = _text("Given name", max_length=100)
    family_name = _text("Family name", max_length=100)


class AddressForm(forms.Form):
    line_1 = _text("Address line 1", max_length=200, required=True)
    line_2 = _text("Address line 2 (optional)", max_length=200)
    town = _text("Town or city", max_length=100)
    postcode = _text("Postcode", max_length=10)
    restricted = forms.BooleanField(
        label="This address is restricted",
        help_text="Only people allowed to see restricted addresses will see it, for example a refuge",
        required=False,
    )
    start_date = GovukDateField(label="Date they moved in", help_text="Optional. For example, 1 9 2025", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["line_1"].error_messages["required"] = "Enter address line 1, typically the building and street"
