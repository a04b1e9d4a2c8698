"""A context case's location: a point and/or an area (a simple polygon), checked without Django.

The area is typed as one "latitude, longitude" pair per line, in order round the edge (at least three corners; the
shape closes itself). Points are WGS84 decimal degrees, rounded to five places (about a metre) like Context's point.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

MAX_CORNERS = 100
PLACES = Decimal("0.00001")


class LocationError(ValueError):
    pass


def parse_coordinate(text: str, *, low: int, high: int, what: str) -> Decimal:
    try:
        value = Decimal(text.strip())
    except InvalidOperation:
        raise LocationError(f"Enter the {what} as a number, like 50.84612") from None
    if not value.is_finite() or not low <= value <= high:
        raise LocationError(f"The {what} must be between {low} and {high}")
    return value.quantize(PLACES, rounding=ROUND_HALF_UP)


def parse_point(latitude: str, longitude: str) -> tuple[Decimal, Decimal] | None:
    """Both or neither: a point needs its latitude and its longitude."""
    if not latitude.strip() and not longitude.strip():
        return None
    if not latitude.strip() or not longitude.strip():
        raise LocationError("Enter both the latitude and the longitude, or neither")
    return (
        parse_coordinate(latitude, low=-90, high=90, what="latitude"),
        parse_coordinate(longitude, low=-180, high=180, what="longitude"),
    )


def parse_area(text: str) -> list[tuple[Decimal, Decimal]]:
    """The area's corners; an empty list when no area is given."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return []
    if len(lines) > MAX_CORNERS:
        raise LocationError(f"An area can have at most {MAX_CORNERS} corners")
    corners = []
    for number, line in enumerate(lines, start=1):
        parts = line.replace(";", ",").split(",")
        if len(parts) != 2:
            raise LocationError(f"Line {number} of the area must be a latitude and a longitude separated by a comma")
        try:
            corners.append(parse_point(parts[0], parts[1]))
        except LocationError as error:
            raise LocationError(f"Line {number} of the area: {error}") from None
    if len(corners) < 3:
        raise LocationError("An area needs at least three corners, one per line")
    return [corner for corner in corners if corner is not None]


def format_area(corners: list[tuple[Decimal, Decimal]]) -> str:
    return "\n".join(f"{latitude}, {longitude}" for latitude, longitude in corners)
