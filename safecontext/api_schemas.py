"""Schemas shared by every API router: the error bodies and the string types that carry our validation.

They live apart from safecontext/api.py so that routers can import them without importing the API root (which
imports the routers). Every error body has a `detail` sentence a person can read; validation errors add
`errors`, a field → messages mapping, the same shape the pages use for their error summary.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Schema
from pydantic import BeforeValidator

# Strings sent to the API may not hold control characters: NUL above all, which PostgreSQL refuses in text (it would
# surface as a 500). Routers put this pattern on every string field, so the OpenAPI document says so too.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f]*$"


_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def _iso_date_only(value: Any) -> Any:
    # pydantic would also read a number as seconds since 1970 ("date_of_birth=0" → 1 January 1970): a date of birth
    # that nobody typed. Only a real date or YYYY-MM-DD text is let through to be parsed.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value):
        return value
    raise ValueError("Enter a date as YYYY-MM-DD")


# A calendar date, written YYYY-MM-DD (OpenAPI `format: date`), and nothing else.
IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]


class ErrorOut(Schema):
    detail: str


class ValidationErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]]
