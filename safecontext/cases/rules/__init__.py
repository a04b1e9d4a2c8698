"""Pure casework rules (issue 5): relationship stages, continuity of the allocated worker and statutory visit
cadence. Plain functions on plain data: no ORM, no Django, so each rule is tested without a database
(docs/adr/0014-casework-rules.md)."""
