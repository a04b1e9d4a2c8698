"""A child's single assessment with DfE factor codes, statutory dates for the census, and participation (the 4 I's)
(issue 5)."""

from __future__ import annotations
