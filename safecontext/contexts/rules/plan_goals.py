"""Context plan goals and actions.

Contextual Safeguarding's context plans write goals as **positive statements** of what safety looks like, each with
"what will show it" and "how we will know", so a review can measure change in the context rather than effort spent
("Young people say they feel safe walking through Westfield Park after school", not "Stop young people being
approached in the park"). A negatively phrased goal is a gentle warning, never a refusal: the practitioner knows the
context and may keep their words. Actions need an owner (a worker, or a guardian or partner from the partners
register: a shop owner, park warden, transport or security staff, youth worker) and a due date. See
docs/adr/0015-context-rules.md.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from safecontext.contexts.rules import Problem, Severity

# Words that make a goal about what must stop rather than what safety looks like. Whole words only, so "notice",
# "northern" and "endorse" are not negatives.
NEGATIVE_WORDS = frozenset(
    {
        "no",
        "not",
        "never",
        "none",
        "nobody",
        "nothing",
        "without",
        "stop",
        "stops",
        "stopped",
        "stopping",
        "reduce",
        "reduces",
        "reduced",
        "reducing",
        "prevent",
        "prevents",
        "prevented",
        "preventing",
        "avoid",
        "avoids",
        "avoiding",
        "end",
        "ending",
        "eliminate",
        "eliminating",
        "less",
        "fewer",
        "ban",
        "disrupt",
        "disrupting",
    }
)
# A statement with at least this many negative words, making up at least this share of its words, reads as a list
# of things to stop even when it does not start with one ("Young people are not groomed and not exploited").
DOMINATED_MIN_COUNT = 2
DOMINATED_SHARE = 0.15

REPHRASE_SUGGESTION = (
    "Goals work best written as what safety looks like, so a review can see it: for example “Young people say they "
    "feel safe walking through the park after school” rather than “Stop young people being approached in the park”."
)

_APOSTROPHES = "'\u2019"  # typed and typographic ("don't", "don\u2019t")
_WORD = re.compile(rf"[a-z]+(?:[{_APOSTROPHES}][a-z]+)*")


def _is_negative(word: str) -> bool:
    return word in NEGATIVE_WORDS or word.endswith(tuple(f"n{mark}t" for mark in _APOSTROPHES))


def negative_words(statement: str) -> list[str]:
    """The negative words in a statement, in order (lower case)."""
    return [word for word in _WORD.findall(statement.lower()) if _is_negative(word)]


def validate_goal(statement: str, what_will_show_it: str, how_we_will_know: str) -> list[Problem]:
    """Problems with a plan goal: a missing field is an error; negative phrasing is a warning with a suggestion."""
    problems: list[Problem] = []
    if not statement.strip():
        problems.append(Problem("statement", "Write the goal as what safety will look like in this context."))
    if not what_will_show_it.strip():
        problems.append(Problem("what_will_show_it", "Say what will show the goal has been reached."))
    if not how_we_will_know.strip():
        problems.append(Problem("how_we_will_know", "Say how we will know: who will check, and how."))

    words = _WORD.findall(statement.lower())
    if words:
        negatives = [word for word in words if _is_negative(word)]
        if _is_negative(words[0]):
            reason = f"This goal starts with “{words[0]}”."
        elif len(negatives) >= DOMINATED_MIN_COUNT and len(negatives) / len(words) >= DOMINATED_SHARE:
            listed = ", ".join(f"“{word}”" for word in negatives)
            reason = f"This goal is mostly about what should stop ({listed})."
        else:
            reason = ""
        if reason:
            problems.append(Problem("statement", f"{reason} {REPHRASE_SUGGESTION}", Severity.WARNING))
    return problems


class OwnerKind(StrEnum):
    WORKER = "worker"  # a practitioner with an account
    GUARDIAN = "guardian"  # someone with reach into the context: shop owner, park warden, security staff
    PARTNER = "partner"  # a partner agency or service from the partners register: police, transport, youth service


@dataclass(frozen=True)
class ActionOwner:
    kind: OwnerKind
    id: int  # the user id for a worker, the partners-register id for a guardian or partner
    name: str


def validate_action(
    *,
    description: str,
    owner: ActionOwner | None,
    due_on: date | None,
    today: date,
    creating: bool = True,
) -> list[Problem]:
    """Problems with a plan action. A due date in the past is refused only when the action is created: an existing
    action whose date has passed is overdue, which a review must see, not a reason to block editing its notes."""
    problems: list[Problem] = []
    if not description.strip():
        problems.append(Problem("description", "Say what will be done."))
    if owner is None:
        problems.append(
            Problem("owner", "Choose who will do this: a worker, or a guardian or partner from the partners register.")
        )
    elif not owner.name.strip():
        problems.append(Problem("owner", "The owner has no name; choose them again from the list."))
    if due_on is None:
        problems.append(Problem("due_on", "Give a date this will be done by."))
    elif creating and due_on < today:
        problems.append(
            Problem(
                "due_on",
                f"The date this will be done by, {due_on.day} {due_on:%B %Y}, is in the past; choose today or later.",
            )
        )
    return problems
