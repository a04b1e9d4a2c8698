"""Forms for the casework pages. They check shape only; the rules are in cases/actions.py."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms

from safecontext.accounts.models import Team, User
from safecontext.accounts.roles import Role
from safecontext.cases import closure_reasons
from safecontext.cases.actions import ACCEPT_TYPES
from safecontext.cases.models import LEVEL_LABELS, CaseNote
from safecontext.front_door.models import Referral
from safecontext.network.models import Link
from safecontext.people.forms import GovukDateField

if TYPE_CHECKING:
    from safecontext.cases.models import Case
    from safecontext.people.models import Person

# Team Around the Relationship (seed 004): a pod's youth workers hold cases as social workers do.
ALLOCATABLE_ROLES = [Role.SOCIAL_WORKER, Role.YOUTH_WORKER, Role.TEAM_MANAGER]
LEVEL_CHOICES = [(level.value, label) for level, label in LEVEL_LABELS.items()]


def _reason(label: str = "Reason", *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, required=required, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}), help_text=help_text
    )


def _choose(what: str) -> dict[str, str]:
    return {"required": f"Choose {what}", "invalid_choice": f"Choose {what} from the list"}


class WorkerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        user: User = obj
        return f"{user.get_full_name() or user.username} ({user.team.name if user.team else 'no team'})"


def _workers(service_id: int) -> Any:
    return (
        User.objects.filter(team__service_id=service_id, is_active=True, role__in=ALLOCATABLE_ROLES)
        .exclude(team__kind__in=[Team.Kind.PARTNER, Team.Kind.FRONT_DOOR])
        .select_related("team")
        .order_by("team__name", "last_name", "first_name", "username")
    )


class OpenCaseForm(forms.Form):
    level = forms.ChoiceField(
        label="Level", choices=LEVEL_CHOICES, widget=forms.RadioSelect, error_messages=_choose("the level")
    )
    team = forms.ModelChoiceField(
        label="Team holding the case",
        queryset=Team.objects.none(),
        widget=forms.RadioSelect,
        error_messages=_choose("the team"),
    )
    worker = WorkerChoiceField(
        label="Allocated worker",
        queryset=User.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        help_text="Leave empty to allocate later",
    )
    referral = forms.ModelChoiceField(
        label="Screened referral",
        queryset=Referral.objects.none(),
        required=False,
        widget=forms.RadioSelect,
        help_text="Leave empty when opening the case directly",
    )
    opened_on = GovukDateField(label="Date opened", help_text="For example, 27 3 2026")
    reason = _reason("Reason for the allocation", required=False)

    def __init__(self, *args: Any, user: User, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        service_id = person.service_id
        teams = Team.objects.filter(service_id=service_id, kind__in=[Team.Kind.POD, Team.Kind.TEAM])
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["worker"].queryset = _workers(service_id)  # type: ignore[attr-defined]
        self.fields["referral"].queryset = Referral.objects.filter(  # type: ignore[attr-defined]
            children=person, status=Referral.Status.SCREENED
        ).order_by("-id")[:20]

    def action_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "team": data["team"],
            "level": data["level"],
            "opened_on": data["opened_on"],
            "worker": data["worker"],
            "referral": data["referral"],
            "reason": data["reason"],
        }


class AllocateForm(forms.Form):
    worker = WorkerChoiceField(
        label="Worker", queryset=User.objects.none(), widget=forms.RadioSelect, error_messages=_choose("the worker")
    )
    on = GovukDateField(label="From", help_text="For example, 27 3 2026")
    reason = _reason("Reason for the change", help_text="Every change of worker keeps its reason")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = _workers(case.team.service_id).exclude(pk=case.allocated_worker_id)  # type: ignore[attr-defined]


class LevelForm(forms.Form):
    level = forms.ChoiceField(
        label="Level", choices=LEVEL_CHOICES, widget=forms.RadioSelect, error_messages=_choose("the level")
    )
    reason = _reason("Reason for the change")
    version = forms.IntegerField(widget=forms.HiddenInput)


class CloseForm(forms.Form):
    reason_code = forms.ChoiceField(
        label="Reason for closure",
        choices=closure_reasons.choices,
        widget=forms.RadioSelect,
        error_messages=_choose("the reason for closure"),
    )
    on = GovukDateField(label="Date closed", help_text="For example, 27 3 2026")
    version = forms.IntegerField(widget=forms.HiddenInput)


class NoteForm(forms.Form):
    kind = forms.ChoiceField(
        label="Kind of contact",
        choices=CaseNote.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of contact", "invalid_choice": "Choose the kind of contact"},
    )
    happened_on = GovukDateField(label="Date", help_text="For example, 27 3 2026")
    who_was_seen = forms.CharField(
        label="Who was seen", max_length=300, required=False, help_text="For example, Asif and his mother"
    )
    child_seen = forms.BooleanField(label="The young person was seen", required=False)
    seen_alone = forms.BooleanField(label="The young person was seen alone", required=False)
    summary = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Enter what happened"},
    )
    own_words = forms.CharField(
        label="The young person's own words",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
        help_text="Write what they said, as they said it. It is kept as theirs, apart from your account",
    )
    restricted = forms.CharField(
        label="Restricted section",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=20000,
        required=False,
        help_text="Only the case's team and allocated worker will see this",
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def note_values(self) -> dict[str, Any]:
        return {
            field: self.cleaned_data[field]
            for field in (
                "kind",
                "happened_on",
                "who_was_seen",
                "child_seen",
                "seen_alone",
                "summary",
                "own_words",
                "restricted",
            )
        }


LINK_TYPE_LABELS = dict(Link.Type.choices)


class AcceptForm(forms.Form):
    link_type = forms.ChoiceField(
        label="How are they linked?",
        choices=[],
        widget=forms.RadioSelect,
        error_messages=_choose("how they are linked"),
    )
    nature = forms.ChoiceField(
        label="Is the link protective or harmful?",
        choices=Link.Nature.choices,
        widget=forms.RadioSelect,
        initial=Link.Nature.UNKNOWN,
    )

    def __init__(self, *args: Any, about_person: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = ACCEPT_TYPES["person" if about_person else "context"]
        self.fields["link_type"].choices = [(value, LINK_TYPE_LABELS[value]) for value in types]  # type: ignore[attr-defined]
        self.fields["link_type"].initial = types[0]


class DeclineForm(forms.Form):
    reason = forms.CharField(label="Why is this not a link? (optional)", max_length=500, required=False)


STAGE_CHOICES = [
    (1, "1: Building relationships"),
    (2, "2: Maintaining and sustaining relationships"),
    (3, "3: Future-proofing and ending"),
]


class StageForm(forms.Form):
    stage = forms.TypedChoiceField(
        label="Stage", choices=STAGE_CHOICES, coerce=int, widget=forms.RadioSelect, error_messages=_choose("the stage")
    )
    on = GovukDateField(label="From", help_text="For example, 27 3 2026")
    reason = _reason(
        "What happened",
        required=False,
        help_text="Needed when going back to stage 1 after a rupture: what happened and the repair",
    )
    planned_end_date = GovukDateField(
        label="Planned end date", required=False, help_text="Needed when moving to stage 3"
    )


class RelationshipForm(forms.Form):
    person = forms.ModelChoiceField(
        label="With", queryset=User.objects.none(), widget=forms.RadioSelect, error_messages=_choose("who with")
    )
    on = GovukDateField(label="From", help_text="For example, 27 3 2026")

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        from safecontext.people.models import Person

        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(involvements__case=case).prefetch_related("names")  # type: ignore[attr-defined]
        self.fields["person"].label_from_instance = lambda person: person.display_name  # type: ignore[attr-defined]


class EndingForm(forms.Form):
    planned_end_date = GovukDateField(label="Planned end date")
    last_review_date = GovukDateField(label="Date of the last review", required=False)
    last_visit_date = GovukDateField(label="Date of the last visit", required=False)
    ending_letter = forms.CharField(
        label="Ending letter",
        widget=forms.Textarea(attrs={"rows": 12}),
        max_length=20000,
        required=False,
        help_text="Written to the young person, in plain words: what you did together, what they achieved, and who "
        "is there for them now",
    )
