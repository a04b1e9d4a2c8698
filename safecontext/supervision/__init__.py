"""Reflective supervision (issue 6): sessions (one-to-one, peer, group), case discussions whose reflective content
only the supervisor and supervisee see while the decisions go on the case file as management oversight, actions on
their owners' lists, the supervision chain's cadence and dashboard, and prompts gathered from the casework. The pure
rules are in `rules/` (docs/adr/0016-supervision-and-sharing-rules.md); the records in
docs/adr/0025-supervision-records.md."""
