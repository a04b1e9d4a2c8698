"""Reads at the front door, always scoped through access/scope.py: intake.py (duplicate candidates, matching
mentions), queue.py (the work queue and overdue list), linked.py (linked young people)."""
