"""Context questionnaires as versioned data: every shipped file loads, keys are stable, and answers given on v1
stay readable and comparable after a v2 ships (a v2 written here, as a council's change would be)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from safecontext.contexts import actions, queries, questionnaires
from safecontext.contexts.rules.review import Change
from tests.conftest import World
from tests.contexts.records import make_context_records


@pytest.mark.parametrize("kind", questionnaires.KINDS)
def test_each_kind_has_a_v1_with_three_sides_and_unique_keys(kind: str) -> None:
    form = questionnaires.questionnaire(kind, "1")
    assert len(form.sections) == 3  # the assessment triangle's three sides
    assert len(set(form.keys)) == len(form.keys) >= 7
    assert form.choices == [
        (1, "Not at all true"),
        (2, "Slightly true"),
        (3, "Partly true"),
        (4, "Mostly true"),
        (5, "Completely true"),
    ]


def test_the_peer_group_triangle_names_poverty_and_racism() -> None:
    form = questionnaires.questionnaire("peer_group", "1")
    assert [section.key for section in form.sections] == ["group_functioning", "guardianship", "environment_family"]
    assert "poverty and racism" in form.sections[2].title


def test_unknown_kinds_and_versions_are_refused() -> None:
    with pytest.raises(questionnaires.QuestionnaireError, match="versions: 1"):
        questionnaires.questionnaire("school", "9")
    with pytest.raises(questionnaires.QuestionnaireError):
        questionnaires.questionnaire("../school", "1")


def test_a_broken_file_is_refused_with_every_problem() -> None:
    data = {
        "kind": "school",
        "version": "1",
        "scale": {"low": 1, "high": 3, "labels": ["a", "b"]},
        "sections": [
            {
                "key": "s",
                "questions": [{"key": "Bad Key", "text": ""}, {"key": "ok", "text": "x"}, {"key": "ok", "text": "y"}],
            }
        ],
    }
    with pytest.raises(questionnaires.QuestionnaireError) as raised:
        questionnaires.parse(data, name="school-v1.toml", kind="school", version="1")
    message = str(raised.value)
    for problem in ["one label per score", "is not a key", "needs its text", "used twice"]:
        assert problem in message


PEER_GROUP_V2 = """
kind = "peer_group"
version = "2"
title = "Peer group assessment"
intro = "Version 2."

[scale]
low = 1
high = 5
labels = ["Not at all true", "Slightly true", "Partly true", "Mostly true", "Completely true"]

[[sections]]
key = "group_functioning"
title = "Group functioning"

[[sections.questions]]
key = "pg.fn.look_out"
text = "Members look out for each other's safety"

[[sections.questions]]
key = "pg.fn.pressure_v2"
continues = "pg.fn.pressure"
text = "Members feel pressure from others in or around the group to do things they do not want to"
reverse_scored = true

[[sections.questions]]
key = "pg.fn.online"
text = "Members keep each other safe online"

[[sections]]
key = "guardianship"
title = "Guardianship around the group"

[[sections.questions]]
key = "pg.gd.trusted_adult"
text = "The group has trusted adults they go to together"

[[sections]]
key = "environment_family"
title = "Environmental and family factors, including poverty and racism"

[[sections.questions]]
key = "pg.env.safe_places"
text = "The group has safe places to spend time together"
"""


@pytest.fixture
def with_v2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for path in questionnaires.QUESTIONNAIRES_DIR.glob("*.toml"):
        shutil.copy(path, tmp_path / path.name)
    (tmp_path / "peer_group-v2.toml").write_text(PEER_GROUP_V2)
    monkeypatch.setattr(questionnaires, "QUESTIONNAIRES_DIR", tmp_path)
    return tmp_path


def test_v1_answers_stay_readable_and_comparable_after_v2_ships(world: World, with_v2: Path, client_for) -> None:  # type: ignore[no-untyped-def]
    records = make_context_records(world)  # baseline and first review on v1
    assert questionnaires.latest_version("peer_group") == "2"
    review = actions.record_assessment(
        context_case=records.case,
        answers={"pg.fn.look_out": 5, "pg.fn.pressure_v2": 1, "pg.fn.online": 4, "pg.gd.trusted_adult": 2},
        assessed_on=timezone.localdate(),
        evidence_sources=["young_people"],
        review_of=records.baseline,
        by=world.users["allocated_worker"],
    )
    assert (review.questionnaire_version, records.baseline.questionnaire_version) == ("2", "1")
    compared = queries.assessment_comparison(records.case)
    assert compared is not None and compared.latest == review
    changes = {key: (row.baseline, row.latest, row.change) for key, row in compared.by_question.items()}
    assert changes["pg.fn.look_out"] == (2, 5, Change.IMPROVED)
    assert changes["pg.fn.pressure_v2"] == (4, 1, Change.IMPROVED)  # carried over from pg.fn.pressure; lower is better
    assert changes["pg.gd.trusted_adult"] == (2, 2, Change.NO_CHANGE)
    assert changes["pg.fn.online"][2] == Change.NOT_COMPARABLE  # new in version 2
    assert changes["pg.env.safe_places"] == (2, None, Change.NOT_COMPARABLE)  # not answered at the review
    assert compared.summary.headline == "2 of 3 measures improved"

    # The v1 baseline's page still shows its v1 questions and answers.
    client = client_for("manager")
    response = client.get(f"/contexts/assessments/{records.baseline.pk}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "version 1" in page and "a newer version of the questionnaire exists" in page
    assert "Members are pressured by others in or around the group" in page  # v1's wording
    comparison = client.get(f"/contexts/cases/{records.case.pk}/comparison/").content.decode()
    assert "New in version 2" in comparison and "2 of 3 measures improved" in comparison


def test_a_review_on_the_same_version_compares_every_question(world: World) -> None:
    records = make_context_records(world)
    compared = queries.assessment_comparison(records.case)
    assert compared is not None
    assert compared.summary.text == "4 of 4 measures improved; 0 no change, 0 worse; 6 could not be compared"
    assert [section.key for section in compared.sections] == ["group_functioning", "guardianship", "environment_family"]
