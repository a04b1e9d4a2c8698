"""Pure supervision rules (issue 6): the supervision chain and cadence (`cadence.py`) and the prompts gathered for the
next session (`prompts.py`). Plain functions on plain data: no ORM, so each rule is tested without a database
(docs/adr/0016-supervision-and-sharing-rules.md)."""
