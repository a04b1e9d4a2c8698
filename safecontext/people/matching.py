"""Tolerant person matching: pure functions, no ORM. (Stub — the people work completes it.)"""

from __future__ import annotations

import unicodedata

import jellyfish


def normalise(text: str) -> str:
    """Lower case, accents removed, only letters kept: "O'Brien-Smith" → "obriensmith"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isalpha())


def name_key(name: str) -> str:
    """The phonetic blocking key for one name part (metaphone), so "Jaydon" and "Jaiden" share a key."""
    clean = normalise(name)
    return str(jellyfish.metaphone(clean))[:20] if clean else ""
