"""Writes at the front door, one module per step: intake.py (recording a referral and what it mentions),
screening.py (the screening decision and its route), proposals.py (complex strategy meeting proposals)."""
