"""A context case's location: a point (both coordinates or neither) and an area of at least three corners."""

from __future__ import annotations

from decimal import Decimal

import pytest

from safecontext.contexts.rules.location import LocationError, format_area, parse_area, parse_point


def test_a_point_is_rounded_to_five_places() -> None:
    assert parse_point(" 50.846125 ", "-0.139774") == (Decimal("50.84613"), Decimal("-0.13977"))
    assert parse_point("", " ") is None


@pytest.mark.parametrize(
    ("latitude", "longitude", "message"),
    [
        ("50.8", "", "both the latitude and the longitude"),
        ("91", "0", "latitude must be between -90 and 90"),
        ("50", "-181", "longitude must be between -180 and 180"),
        ("north", "0", "latitude as a number"),
        ("NaN", "0", "latitude must be between"),
    ],
)
def test_bad_points_are_refused_with_a_reason(latitude: str, longitude: str, message: str) -> None:
    with pytest.raises(LocationError, match=message):
        parse_point(latitude, longitude)


def test_an_area_is_read_line_by_line_and_written_back_the_same_way() -> None:
    corners = parse_area("50.1, -0.1\n\n50.2; -0.2\n 50.3 , -0.15 ")
    assert corners == [
        (Decimal("50.10000"), Decimal("-0.10000")),
        (Decimal("50.20000"), Decimal("-0.20000")),
        (Decimal("50.30000"), Decimal("-0.15000")),
    ]
    assert format_area(corners) == "50.10000, -0.10000\n50.20000, -0.20000\n50.30000, -0.15000"
    assert parse_area("  \n") == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("50.1, -0.1\n50.2, -0.2", "at least three corners"),
        ("50.1, -0.1\n50.2\n50.3, -0.3", "Line 2 of the area must be"),
        ("50.1, -0.1\n50.2, -0.2\n95, 0", "Line 3 of the area: The latitude must be"),
        ("50, 0\n" * 101, "at most 100 corners"),
    ],
)
def test_bad_areas_name_the_line(text: str, message: str) -> None:
    with pytest.raises(LocationError, match=message):
        parse_area(text)
