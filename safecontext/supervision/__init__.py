"""Reflective supervision (issue 6). For now only the pure rules in `rules/`: the supervision chain and its cadence,
and the prompts gathered for the next session. Not a Django app yet: the models, actions and pages come later
(docs/adr/0016-supervision-and-sharing-rules.md)."""
