"""Information sharing (issue 6). For now only the pure rules in `rules.py`: what a sharing record (or a decision
not to share) must hold, which exports need one, and the young person's "who knows what about me" lines. Not a
Django app yet (docs/adr/0016-supervision-and-sharing-rules.md)."""
