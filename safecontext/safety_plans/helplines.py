"""Public helplines printed on every family copy, written out in full so the plan works without SafeContext, a
sign-in or the internet. Synthetic demo council numbers are never printed here: these are national services."""

from __future__ import annotations

from typing import NamedTuple


class Helpline(NamedTuple):
    name: str
    number: str
    when: str


HELPLINES: tuple[Helpline, ...] = (
    Helpline("Emergency: police or ambulance", "999", "If someone is in danger right now"),
    Helpline("Childline", "0800 1111", "Free, any time, for anyone under 19"),
    Helpline("Missing People (call or text)", "116 000", "Free, any time, if you have run away or are thinking of it"),
    Helpline("NSPCC helpline for adults", "0808 800 5000", "For parents and carers worried about a child"),
    Helpline("Samaritans", "116 123", "Free, any time, to talk about anything"),
    Helpline("Police, not an emergency", "101", "To report something that has happened"),
)
