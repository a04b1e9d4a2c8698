"""Context assessment pages: record an assessment (the first is the baseline), re-run it as a review, read one
(on the questionnaire version it was answered on, so old answers stay readable), add young people's own words, and
compare the baseline with the latest review per question and per side of the triangle (change, not effort)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safecontext.access.permissions import Permission, has_permission
from safecontext.contexts import actions, queries, questionnaires
from safecontext.contexts.forms import AssessmentForm, WordsForm
from safecontext.contexts.models import ContextAssessment, ContextCase, EvidenceSource
from safecontext.core.forms import add_validation_errors
from safecontext.core.http import require_permission, signed_in_user


def _record(
    request: HttpRequest, case: ContextCase, *, review_of: ContextAssessment | None, template: str
) -> HttpResponse:
    user = signed_in_user(request)
    kind = questionnaires.KIND_FOR_CONTEXT[case.context.kind]
    questionnaire = questionnaires.latest_questionnaire(kind)
    form = AssessmentForm(
        request.POST or None, initial={"assessed_on": timezone.localdate()}, questionnaire=questionnaire
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = actions.record_assessment(
                context_case=case,
                answers=form.answers(),
                section_notes=form.section_notes(),
                evidence_sources=form.cleaned_data["evidence_sources"],
                evidence_notes=form.cleaned_data["evidence_notes"],
                assessed_on=form.cleaned_data["assessed_on"],
                review_of=review_of,
                questionnaire_version=questionnaire.version,
                by=user,
            )
            if form.cleaned_data["words"]:
                actions.add_young_peoples_words(
                    assessment=assessment,
                    words=form.cleaned_data["words"],
                    attributed_to=form.cleaned_data["attributed_to"],
                    by=user,
                )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if review_of is not None:
                messages.success(request, "The review has been recorded")
                return redirect("contexts:comparison", context_case_id=case.pk)
            messages.success(request, "The assessment has been recorded")
            return redirect("contexts:assessment_detail", context_assessment_id=assessment.pk)
    return render(
        request,
        template,
        {"case": case, "form": form, "questionnaire": questionnaire, "review_of": review_of},
        status=400 if form.errors else 200,
    )


def _add_errors(form: AssessmentForm, error: ValidationError) -> None:
    """An action's errors name questions by key; the form's fields are positional."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            name = form.field_name(field)
            form.add_error(name if name in form.fields else None, field_errors)
    else:
        add_validation_errors(form, error)


@require_http_methods(["GET", "POST"])
def new_assessment(request: HttpRequest, context_case_id: int) -> HttpResponse:
    case = queries.get_context_case_for_user(signed_in_user(request), context_case_id, write=True)
    return _record(request, case, review_of=None, template="contexts/assessment_form.html")


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, context_case_id: int) -> HttpResponse:
    case = queries.get_context_case_for_user(signed_in_user(request), context_case_id, write=True)
    baseline = queries.baseline_of(case)
    if baseline is None:
        messages.info(request, "Record the baseline assessment first: a review is compared with it")
        return redirect("contexts:new_assessment", context_case_id=case.pk)
    return _record(request, case, review_of=baseline, template="contexts/assessment_form.html")


def _answer_rows(assessment: ContextAssessment) -> tuple[questionnaires.Questionnaire, list[dict[str, Any]]]:
    form = questionnaires.questionnaire(assessment.questionnaire_kind, assessment.questionnaire_version)
    answers = assessment.answers if isinstance(assessment.answers, dict) else {}
    notes = assessment.section_notes if isinstance(assessment.section_notes, dict) else {}
    words = list(assessment.young_peoples_words.all())
    sections = [
        {
            "section": section,
            "rows": [
                {
                    "question": question,
                    "score": answers.get(question.key),
                    "label": form.label(answers.get(question.key)),
                }
                for question in section.questions
            ],
            "note": notes.get(section.key, ""),
            "words": [quote for quote in words if quote.section_key == section.key],
        }
        for section in form.sections
    ]
    return form, sections


@require_GET
def assessment_detail(request: HttpRequest, context_assessment_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    assessment = queries.get_assessment_for_user(user, context_assessment_id)
    form, sections = _answer_rows(assessment)
    sources = dict(EvidenceSource.choices)
    return render(
        request,
        "contexts/assessment_detail.html",
        {
            "assessment": assessment,
            "case": assessment.context_case,
            "questionnaire": form,
            "is_latest_version": form.version == questionnaires.latest_version(form.kind),
            "sections": sections,
            "general_words": [q for q in assessment.young_peoples_words.all() if not q.section_key],
            "evidence": [sources.get(code, code) for code in assessment.evidence_source_codes],
            "can_manage": has_permission(user, Permission.MANAGE_CONTEXT_CASES)
            and assessment.context_case.status == "open",
        },
    )


@require_http_methods(["GET", "POST"])
def add_words(request: HttpRequest, context_assessment_id: int) -> HttpResponse:
    user = signed_in_user(request)
    assessment = queries.get_assessment_for_user(user, context_assessment_id, write=True)
    questionnaire = questionnaires.questionnaire(assessment.questionnaire_kind, assessment.questionnaire_version)
    form = WordsForm(request.POST or None, form=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_young_peoples_words(
                assessment=assessment,
                words=form.cleaned_data["words"],
                attributed_to=form.cleaned_data["attributed_to"],
                section_key=form.cleaned_data["section_key"] or "",
                by=user,
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, "Their words have been added")
            return redirect("contexts:assessment_detail", context_assessment_id=assessment.pk)
    return render(
        request,
        "contexts/add_words.html",
        {"assessment": assessment, "case": assessment.context_case, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def comparison(request: HttpRequest, context_case_id: int) -> HttpResponse:
    user = signed_in_user(request)
    require_permission(user, Permission.VIEW_CONTEXT_CASES)
    case = queries.get_context_case_for_user(user, context_case_id)
    compared = queries.assessment_comparison(case)
    return render(
        request,
        "contexts/comparison.html",
        {
            "case": case,
            "compared": compared,
            "baseline": queries.baseline_of(case),
            "can_manage": has_permission(user, Permission.MANAGE_CONTEXT_CASES) and case.status == "open",
        },
    )
