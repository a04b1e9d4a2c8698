"""Which known people and contexts a case note mentions, so the worker can be offered links to them.

Seed 000: while cycling, Asif named the places he went and the people he met; Ali added them to his network.
A note's text is matched against the names of candidates (people around the case, the service's contexts) as whole
words, ignoring case, spacing and punctuation: "the Bus Station" matches the context "Bus station", but "Alison"
does not match "Ali". A match is only a suggestion: the worker accepts or declines it, so a false match costs a
click, while a missed one costs nothing more than not suggesting.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

# Shorter names ("Jo", "the") would match too much ordinary text.
MIN_NAME_LENGTH = 3

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


class Candidate(NamedTuple):
    key: str  # e.g. "person:12" or "context:7": the caller's own identifier
    names: tuple[str, ...]  # every name the candidate is known by


class Mention(NamedTuple):
    key: str
    mentioned_as: str  # the name that matched, as the candidate is known (not as typed)


def words(text: str) -> tuple[str, ...]:
    return tuple(word.casefold() for word in _WORD.findall(text))


def find_mentions(
    texts: Iterable[str], candidates: Iterable[Candidate], *, ignore: Iterable[str] = ()
) -> list[Mention]:
    """Candidates named in any of `texts`, in the order the candidates were given, each at most once.

    `ignore` names are never matched (the young person's own names: a note about Asif mentions Asif).
    The longest of a candidate's names that appears is reported.
    """
    text_words = [words(text) for text in texts if text]
    ignored = {words(name) for name in ignore}
    found: list[Mention] = []
    for candidate in candidates:
        best: str | None = None
        for name in candidate.names:
            name_words = words(name)
            if not name_words or len(" ".join(name_words)) < MIN_NAME_LENGTH or name_words in ignored:
                continue
            longer = best is None or len(name) > len(best)
            if longer and any(_contains(haystack, name_words) for haystack in text_words):
                best = name
        if best is not None:
            found.append(Mention(candidate.key, best))
    return found


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    return any(haystack[start : start + size] == needle for start in range(len(haystack) - size + 1))
