"""Forms for the context-case pages. They check shape only; contexts/actions.py holds the rules (dates, scale,
location, leads), so the pages and the API share them."""

from __future__ import annotations

from typing import Any

from django import forms

from safecontext.accounts.models import User
from safecontext.contexts.models import Context, ContextCase, EvidenceSource, WellbeingLevel
from safecontext.contexts.questionnaires import Questionnaire
from safecontext.people.forms import GovukDateField


def _text(label: str, *, max_length: int, required: bool = False, help_text: str = "", rows: int = 0) -> forms.Field:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        help_text=help_text,
        widget=widget,
        strip=True,
        error_messages={
            "required": f"Enter {label[0].lower()}{label[1:]}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _choice(label: str, choices: list[tuple[Any, str]], *, radios: bool = False, required: bool = True) -> forms.Field:
    message = f"Select {label[0].lower()}{label[1:]}"
    return forms.ChoiceField(
        label=label,
        choices=choices,
        required=required,
        widget=forms.RadioSelect if radios else forms.Select,
        error_messages={"required": message, "invalid_choice": message},
    )


class CaseFilterForm(forms.Form):
    status = _choice("Status", [("", "Any status"), *ContextCase.Status.choices], required=False)
    kind = _choice("Kind of context", [("", "Any kind"), *Context.Kind.choices], required=False)


class CaseDetailsForm(forms.Form):
    """Level, summary and location: the parts of a case its lead keeps up to date (with the version it was loaded
    from, so a colleague's save in between is a conflict, not an overwrite)."""

    wellbeing_level = _choice(
        "Context well-being level", [(level.value, level.label) for level in WellbeingLevel], radios=True
    )
    summary = _text("Why this context is a case", max_length=5000, rows=4, help_text="The harm and who it reaches")
    address = _text("Address or place description", max_length=300)
    postcode = _text("Postcode", max_length=10)
    latitude = _text("Latitude", max_length=20, help_text="Decimal degrees, for example 50.84612")
    longitude = _text("Longitude", max_length=20, help_text="Decimal degrees, for example -0.13977")
    area_points = _text(
        "Area (corners)",
        max_length=4000,
        rows=4,
        help_text="One latitude, longitude pair per line, in order round the edge; at least three",
    )
    area_description = _text(
        "Area (in words)",
        max_length=2000,
        rows=2,
        help_text="For example, the estate between Marlowe Road and the railway",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    DETAIL_FIELDS = (
        "wellbeing_level",
        "summary",
        "address",
        "postcode",
        "latitude",
        "longitude",
        "area_points",
        "area_description",
    )

    def details(self) -> dict[str, object]:
        return {field: self.cleaned_data.get(field, "") for field in self.DETAIL_FIELDS}


class OpenCaseForm(CaseDetailsForm):
    context = _choice("Context", [])
    lead_worker = _choice("Lead worker", [])
    opened_on = GovukDateField(label="Date the case opened", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, contexts: list[Context], leads: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        context_field = self.fields["context"]
        assert isinstance(context_field, forms.ChoiceField)
        context_field.choices = [
            ("", "Choose a context"),
            *((c.pk, f"{c.name} ({c.get_kind_display()})") for c in contexts),
        ]
        lead_field = self.fields["lead_worker"]
        assert isinstance(lead_field, forms.ChoiceField)
        lead_field.choices = [("", "Choose a lead"), *((u.pk, _user_label(u)) for u in leads)]


def _user_label(user: User) -> str:
    return f"{user.display_name}, {user.team.name}" if user.team else user.display_name


class AllocateLeadForm(forms.Form):
    lead_worker = _choice("New lead worker", [])
    reason = _text("Why is the lead changing?", max_length=2000, required=True, rows=3)

    def __init__(self, *args: Any, leads: list[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["lead_worker"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose a lead"), *((u.pk, _user_label(u)) for u in leads)]


class MemberSearchForm(forms.Form):
    q = _text("Name of the young person", max_length=200, required=True, help_text="At least 2 letters")


class AddMemberForm(forms.Form):
    person = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={"required": "Choose the young person", "invalid": "Choose the young person"},
    )
    joined_on = GovukDateField(label="Date they joined the group", help_text="For example, 27 3 2026")
    notes = _text("Notes", max_length=300, help_text="Optional: their place in the group, as they describe it")


class EndMemberForm(forms.Form):
    left_on = GovukDateField(label="Date they left the group", help_text="For example, 27 3 2026")


class CloseCaseForm(forms.Form):
    closed_on = GovukDateField(label="Date the case closed", help_text="For example, 27 3 2026")
    reason = _text(
        "Why is the case closing?",
        max_length=2000,
        required=True,
        rows=3,
        help_text="What changed in the context, or why the work ends here",
    )


class WordsForm(forms.Form):
    words = _text("What they said", max_length=2000, required=True, rows=3, help_text="In their words, as they said it")
    attributed_to = _text(
        "Who said it",
        max_length=200,
        required=True,
        help_text="As they agreed to be described, for example 'A girl, 15'",
    )
    section_key = _choice("Which part of the assessment is it about?", [], radios=True, required=False)

    def __init__(self, *args: Any, form: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["section_key"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "The context as a whole"), *((s.key, s.title) for s in form.sections)]


class AssessmentForm(forms.Form):
    """One radio group per question, a note per section, the evidence sources and the date; built from the
    questionnaire. Question fields are named `q:<key>` and notes `note:<section key>`."""

    assessed_on = GovukDateField(label="Date of the assessment", help_text="For example, 27 3 2026")
    evidence_sources = forms.MultipleChoiceField(
        label="Where did the evidence come from?",
        choices=EvidenceSource.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Say where the evidence came from", "invalid_choice": "Choose from the list"},
    )
    evidence_notes = _text("Notes on the evidence", max_length=5000, rows=3)
    words = _text(
        "Young people's own words (optional)",
        max_length=2000,
        rows=3,
        help_text="Kept as theirs and shown in quotation marks. You can add more on the assessment page.",
    )
    attributed_to = _text(
        "Who said it", max_length=200, help_text="As they agreed to be described, for example 'A girl, 15'"
    )

    def __init__(self, *args: Any, questionnaire: Questionnaire, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        # Field names are positional (q1, q2 …, note1 …): question keys hold dots, awkward in ids and links.
        self.question_fields: dict[str, str] = {}
        self.note_fields: dict[str, str] = {}
        number = 0
        for section_number, section in enumerate(questionnaire.sections, start=1):
            for question in section.questions:
                number += 1
                self.question_fields[question.key] = f"q{number}"
                self.fields[f"q{number}"] = forms.TypedChoiceField(
                    label=question.text,
                    choices=questionnaire.choices,
                    coerce=int,
                    empty_value=None,
                    required=False,
                    widget=forms.RadioSelect,
                    help_text=question.hint,
                    error_messages={"invalid_choice": "Choose one of the answers"},
                )
            self.note_fields[section.key] = f"note{section_number}"
            self.fields[f"note{section_number}"] = _text(
                f"Notes on {section.title[0].lower()}{section.title[1:]}", max_length=5000, rows=3
            )

    def sections(self) -> list[dict[str, Any]]:
        return [
            {
                "section": section,
                "questions": [self[self.question_fields[question.key]] for question in section.questions],
                "note": self[self.note_fields[section.key]],
            }
            for section in self.questionnaire.sections
        ]

    def initial_from(self, answers: dict[str, object]) -> None:
        for key, name in self.question_fields.items():
            if answers.get(key) is not None:
                self.initial[name] = answers[key]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if bool(cleaned.get("words")) != bool(cleaned.get("attributed_to")) and not self.errors:
            field = "attributed_to" if cleaned.get("words") else "words"
            self.add_error(field, "Give both the young people's words and who said them, or neither")
        return cleaned

    def answers(self) -> dict[str, object]:
        return {key: self.cleaned_data.get(name) for key, name in self.question_fields.items()}

    def section_notes(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(name) or "" for key, name in self.note_fields.items()}

    def field_key(self, name: str) -> str:
        """The questionnaire key of a question field, for turning an action's errors back into field errors."""
        return next((key for key, field in self.question_fields.items() if field == name), name)

    def field_name(self, key: str) -> str:
        return self.question_fields.get(key, key)
