"""Loading framework files: the shipped ones load, old versions stay loadable, and bad files are refused clearly.

A framework file is edited by a person, so every refusal must name the file, the line and the field. The malformed
files below are written to a temporary folder; each test finds the expected line in its own text rather than
hard-coding a number, so the tests say what they mean ("the line of the duplicate id").
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from safecontext.thresholds.loader import (
    DEFAULT_FRAMEWORK_SLUG,
    FRAMEWORKS_DIR,
    FrameworkError,
    FrameworkRef,
    UnknownFramework,
    available_frameworks,
    get_framework,
    latest_framework,
    load_framework,
)

VALID = """\
# A small framework for tests.
slug = "test-framework"
version = "1"
name = "Test framework"

[[levels]]
number = 1
name = "Universal"
description = "Needs met by universal services."
assessment = "No formal assessment"
action = "Use universal services."

[[levels]]
number = 2
name = "Targeted"
description = "Additional needs."
assessment = "Early help assessment"
action = "Contact the front door."

[[domains]]
id = "child"
name = "Child"

[[domains]]
id = "family"
name = "Family"

[[indicators]]
id = "child-1-01"
level = 1
domain = "child"
text = "Attends school"

[[indicators]]
id = "child-2-01"
level = 2
domain = "child"
text = "Often absent"

[[indicators]]
id = "family-2-01"
level = 2
domain = "family"
text = "Housing at risk"
"""


def write(tmp_path: Path, text: str, name: str = "v1.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    """1-based line number of the nth line containing fragment."""
    matches = [number for number, line in enumerate(text.splitlines(), start=1) if fragment in line]
    return matches[occurrence - 1]


def refuse(path: Path) -> FrameworkError:
    with pytest.raises(FrameworkError) as caught:
        load_framework(path)
    return caught.value


def assert_names(error: FrameworkError, path: Path, line: int | None, field: str) -> None:
    """The error names the file, the line and the field, in its message and its structured problems."""
    message = str(error)
    assert str(path) in message
    assert field in message
    assert any(problem.line == line and problem.field == field for problem in error.problems), error.problems
    if line is not None:
        assert f"line {line}" in message


# --- the shipped frameworks -------------------------------------------------------------------------------------


def test_shipped_frameworks_are_available():
    assert available_frameworks() == [
        FrameworkRef("brighton-hove-continuum-of-need", "1", "Brighton & Hove Continuum of Need"),
        FrameworkRef("family-help-three-level", "1", "Family Help (three levels)"),
    ]


def test_default_framework_is_the_continuum_of_need():
    framework = latest_framework()
    assert framework.slug == DEFAULT_FRAMEWORK_SLUG
    assert framework.version == "1"
    assert len(framework.levels) == 4


def test_the_three_level_framework_loads():
    framework = get_framework("family-help-three-level", "1")
    assert [level.name for level in framework.levels] == ["Universal", "Family Help", "Specialist"]
    assert [domain.name for domain in framework.domains] == [
        "Child developmental needs",
        "Family & Environment",
        "Parents & Carers",
    ]
    for level in framework.levels:
        for domain in framework.domains:
            assert framework.indicators_in(level.number, domain.id), (level.name, domain.name)
    assert all(level.assessment and level.action for level in framework.levels)


def test_loading_is_cached():
    assert get_framework(DEFAULT_FRAMEWORK_SLUG, "1") is get_framework(DEFAULT_FRAMEWORK_SLUG, "1")


def test_framework_lookups():
    framework = get_framework(DEFAULT_FRAMEWORK_SLUG, "1")
    assert framework.indicator("pc-4-06").text == "Private fostering"
    assert framework.domain("fe").name == "Family & Environment"
    assert framework.level(3).label == "level 3 Early Help Partnership Plus"
    assert framework.intro(1, "cdn") is None
    with pytest.raises(LookupError, match="no level 5"):
        framework.level(5)
    with pytest.raises(LookupError, match="no indicator 'nope'"):
        framework.indicator("nope")
    with pytest.raises(LookupError, match="no domain 'health'"):
        framework.domain("health")
    assert str(framework) == "Brighton & Hove Continuum of Need (version 1)"


def test_indicator_ids_are_unique_across_every_shipped_framework_version():
    for ref in available_frameworks():
        framework = get_framework(ref.slug, ref.version)
        ids = [indicator.id for indicator in framework.indicators]
        assert len(ids) == len(set(ids))


# --- versions ---------------------------------------------------------------------------------------------------


def test_old_version_stays_loadable_after_a_new_version_ships(tmp_path: Path):
    folder = tmp_path / DEFAULT_FRAMEWORK_SLUG
    folder.mkdir()
    v1 = FRAMEWORKS_DIR / DEFAULT_FRAMEWORK_SLUG / "v1.toml"
    shutil.copy(v1, folder / "v1.toml")
    v2_text = v1.read_text(encoding="utf-8").replace('version = "1"', 'version = "2"', 1)
    v2_text = v2_text.replace('text = "Private fostering"', 'text = "Private fostering arrangement"')
    (folder / "v2.toml").write_text(v2_text, encoding="utf-8")

    assert [(ref.slug, ref.version) for ref in available_frameworks(tmp_path)] == [
        (DEFAULT_FRAMEWORK_SLUG, "1"),
        (DEFAULT_FRAMEWORK_SLUG, "2"),
    ]
    assert latest_framework(DEFAULT_FRAMEWORK_SLUG, tmp_path).version == "2"
    # A decision recorded on v1 still reads the wording it was made with.
    assert get_framework(DEFAULT_FRAMEWORK_SLUG, "1", tmp_path).indicator("pc-4-06").text == "Private fostering"
    assert get_framework(DEFAULT_FRAMEWORK_SLUG, "2", tmp_path).indicator("pc-4-06").text == (
        "Private fostering arrangement"
    )


def test_versions_order_as_numbers_not_text(tmp_path: Path):
    folder = tmp_path / "test-framework"
    folder.mkdir()
    for version in ("2", "10"):
        write(folder, VALID.replace('version = "1"', f'version = "{version}"'), f"v{version}.toml")
    assert latest_framework("test-framework", tmp_path).version == "10"


def test_unknown_version_names_the_versions_there_are():
    with pytest.raises(UnknownFramework, match="its versions are 1"):
        get_framework(DEFAULT_FRAMEWORK_SLUG, "7")
    with pytest.raises(UnknownFramework, match="no framework of that name"):
        get_framework("no-such-framework", "1")
    with pytest.raises(UnknownFramework, match="no threshold framework 'no-such-framework'"):
        latest_framework("no-such-framework")


@pytest.mark.parametrize(("slug", "version"), [("../thresholds", "1"), (DEFAULT_FRAMEWORK_SLUG, "../v1"), ("", "1")])
def test_slug_and_version_cannot_reach_outside_the_frameworks_folder(slug: str, version: str):
    with pytest.raises(UnknownFramework, match="not a framework name and version"):
        get_framework(slug, version)


def test_slug_must_match_its_folder(tmp_path: Path):
    folder = tmp_path / "another-name"
    folder.mkdir()
    path = write(folder, VALID)
    with pytest.raises(FrameworkError) as caught:
        get_framework("another-name", "1", tmp_path)
    assert_names(caught.value, path, line_of(VALID, "slug ="), "slug")
    assert "'test-framework' but the file is in the folder 'another-name'" in str(caught.value)


def test_version_must_match_its_file_name(tmp_path: Path):
    folder = tmp_path / "test-framework"
    folder.mkdir()
    path = write(folder, VALID, "v3.toml")
    with pytest.raises(FrameworkError) as caught:
        available_frameworks(tmp_path)
    assert_names(caught.value, path, line_of(VALID, "version ="), "version")
    assert "named v3.toml" in str(caught.value)


def test_framework_file_names_are_checked(tmp_path: Path):
    folder = tmp_path / "test-framework"
    folder.mkdir()
    path = write(folder, VALID, "v1-draft.toml")
    with pytest.raises(FrameworkError, match=re.escape("named v<version>.toml")) as caught:
        available_frameworks(tmp_path)
    assert caught.value.path == path


# --- malformed files --------------------------------------------------------------------------------------------


def test_a_valid_file_loads(tmp_path: Path):
    framework = load_framework(write(tmp_path, VALID))
    assert framework.slug == "test-framework"
    assert [i.id for i in framework.indicators_in(2, "child")] == ["child-2-01"]
    assert framework.source == ""
    assert framework.intros == ()


def test_toml_syntax_error_names_line_and_column(tmp_path: Path):
    text = VALID.replace('text = "Often absent"', 'text = "Often absent')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, '"Often absent'), "TOML syntax")
    (problem,) = error.problems
    assert problem.column is not None
    assert f"line {problem.line}, column {problem.column}" in str(error)


def test_syntax_error_at_end_of_document_points_at_the_last_line(tmp_path: Path):
    text = VALID + "notes = [1,"
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, len(text.splitlines()), "TOML syntax")
    assert "(at end of document)" not in str(error)


def test_missing_indicator_text_points_at_its_table(tmp_path: Path):
    text = VALID.replace('text = "Often absent"\n', "")
    path = write(tmp_path, text)
    # The key is missing, so the nearest line is the [[indicators]] header of that entry (the second indicator).
    assert_names(refuse(path), path, line_of(text, "[[indicators]]", occurrence=2), "indicators[1].text")


def test_missing_top_level_name(tmp_path: Path):
    text = VALID.replace('name = "Test framework"\n', "")
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, None, "name")
    assert "is missing" in str(error)


def test_missing_level_action(tmp_path: Path):
    text = VALID.replace('action = "Contact the front door."\n', "")
    path = write(tmp_path, text)
    assert_names(refuse(path), path, line_of(text, "[[levels]]", occurrence=2), "levels[1].action")


def test_missing_indicators_altogether(tmp_path: Path):
    text = VALID[: VALID.index("[[indicators]]")]
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, None, "indicators")


def test_empty_text(tmp_path: Path):
    text = VALID.replace('text = "Housing at risk"', 'text = "   "')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'text = "   "'), "indicators[2].text")
    assert "must not be empty" in str(error)


def test_duplicate_indicator_id(tmp_path: Path):
    text = VALID.replace('id = "family-2-01"', 'id = "child-2-01"')
    path = write(tmp_path, text)
    error = refuse(path)
    first, second = line_of(text, 'id = "child-2-01"', 1), line_of(text, 'id = "child-2-01"', 2)
    assert_names(error, path, second, "indicators[2].id")
    assert f"duplicate id 'child-2-01', first used on line {first}" in str(error)


def test_duplicate_text_in_one_level_and_domain(tmp_path: Path):
    text = VALID.replace('domain = "family"\ntext = "Housing at risk"', 'domain = "child"\ntext = "often  absent"')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'text = "often  absent"'), "indicators[2].text")


def test_unknown_level(tmp_path: Path):
    text = VALID.replace('id = "family-2-01"\nlevel = 2', 'id = "family-2-01"\nlevel = 5')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "level = 5"), "indicators[2].level")
    assert "unknown level 5; the levels are numbered 1 to 2" in str(error)


def test_unknown_domain(tmp_path: Path):
    text = VALID.replace('domain = "family"\n', 'domain = "health"\n')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'domain = "health"'), "indicators[2].domain")
    assert "unknown domain 'health'; the domains are child, family" in str(error)


def test_levels_not_numbered_from_one(tmp_path: Path):
    text = VALID.replace("number = 1", "number = 0")
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "number = 0"), "levels[0].number")
    assert "numbered 1, 2, 3… in order" in str(error)


def test_levels_with_a_gap(tmp_path: Path):
    text = VALID.replace("number = 2", "number = 3")
    path = write(tmp_path, text)
    assert_names(refuse(path), path, line_of(text, "number = 3"), "levels[1].number")


def test_levels_out_of_order(tmp_path: Path):
    text = (
        VALID.replace("number = 1", "number = X")
        .replace("number = 2", "number = 1")
        .replace("number = X", "number = 2")
    )
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "number = 2"), "levels[0].number")
    assert_names(error, path, line_of(text, "number = 1"), "levels[1].number")


def test_level_number_in_quotes(tmp_path: Path):
    text = VALID.replace("number = 2", 'number = "2"')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'number = "2"'), "levels[1].number")
    assert "whole number without quotes" in str(error)


@pytest.mark.parametrize("bad", ['"1.0"', '"v1"', '"0"', '"latest"', '"01"'])
def test_bad_version_string(tmp_path: Path, bad: str):
    text = VALID.replace('version = "1"', f"version = {bad}")
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "version ="), "version")
    assert "is not a version" in str(error)


def test_version_must_be_in_quotes(tmp_path: Path):
    text = VALID.replace('version = "1"', "version = 1")
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "version ="), "version")
    assert "must be text in quotes" in str(error)


def test_bad_indicator_id(tmp_path: Path):
    text = VALID.replace('id = "child-1-01"', 'id = "Child 1/01"')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'id = "Child 1/01"'), "indicators[0].id")
    assert "lower-case letters and digits joined by hyphens" in str(error)


def test_misspelt_key_is_refused_not_ignored(tmp_path: Path):
    text = VALID.replace('text = "Often absent"', 'txt = "Often absent"')
    path = write(tmp_path, text)
    error = refuse(path)
    # Both the unknown key and the missing one are reported, each at its own line.
    assert_names(error, path, line_of(text, "txt ="), "indicators[1].txt")
    assert_names(error, path, line_of(text, "[[indicators]]", occurrence=2), "indicators[1].text")


def test_duplicate_domain(tmp_path: Path):
    text = VALID.replace('id = "family"\nname = "Family"', 'id = "child"\nname = "Child"')
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, 'id = "child"', occurrence=2), "domains[1].id")
    assert_names(error, path, line_of(text, 'name = "Child"', occurrence=2), "domains[1].name")


def test_intro_with_unknown_domain_and_a_second_intro_for_one_cell(tmp_path: Path):
    text = (
        VALID
        + '\n[[intros]]\nlevel = 2\ndomain = "child"\ntext = "Despite help:"\n'
        + '\n[[intros]]\nlevel = 2\ndomain = "child"\ntext = "Again:"\n'
        + '\n[[intros]]\nlevel = 1\ndomain = "school"\ntext = "In school:"\n'
    )
    path = write(tmp_path, text)
    error = refuse(path)
    assert_names(error, path, line_of(text, "[[intros]]", occurrence=2), "intros[1]")
    assert_names(error, path, line_of(text, 'domain = "school"'), "intros[2].domain")


def test_every_problem_is_reported_at_once(tmp_path: Path):
    text = VALID.replace("level = 1", "level = 9").replace('domain = "family"', 'domain = "home"')
    path = write(tmp_path, text)
    error = refuse(path)
    assert len(error.problems) == 2
    assert "2 problems" in str(error)
    assert str(error).count(str(path)) == 3


def test_not_utf8(tmp_path: Path):
    path = tmp_path / "v1.toml"
    path.write_bytes(VALID.encode("utf-8").replace(b"Often absent", b"Often \xe9absent"))
    error = refuse(path)
    assert_names(error, path, line_of(VALID, "Often absent"), "file")


def test_missing_file(tmp_path: Path):
    path = tmp_path / "v1.toml"
    error = refuse(path)
    assert_names(error, path, None, "file")


def test_whitespace_in_text_is_normalised(tmp_path: Path):
    text = VALID.replace('text = "Often absent"', 'text = """Often\n   absent\u00a0"""')
    framework = load_framework(write(tmp_path, text))
    assert framework.indicator("child-2-01").text == "Often absent"


def test_frameworkerror_is_a_valueerror(tmp_path: Path):
    with pytest.raises(ValueError):
        load_framework(write(tmp_path, "slug = \n"))
