"""Tolerant person matching: pure functions on plain data, no ORM (see docs/adr/0006-tolerant-person-search.md).

A practitioner searching for a child rarely types the name exactly as it was recorded: "Kahn" for Khan, "Aasif"
for Asif, "Mo" for Mohammed, a day and month the other way round. Missing the existing record means a duplicate,
and a duplicate splits a child's history — the pattern serious case reviews keep finding. So search tolerates:

- typos (Damerau-Levenshtein distance and Jaro-Winkler similarity, from jellyfish),
- names that sound alike (metaphone and soundex keys),
- nicknames and short forms (data/nicknames.txt), aliases and previous names,
- partial typing ("Moham"), initials ("A Khan"), names entered in the other order ("Khan Asif" or "Khan, Asif"),
- dates of birth exact, with the day and month swapped, one day out, or within a year of an estimated date.

The module has two halves. *Blocking*: `stored_keys` gives the cheap codes kept in indexed columns on every
PersonName, and `blocking_keys` the codes a typed word could share with them, so people/queries.py asks the
database only for names sharing a code and never scores everyone. *Scoring*: `score_candidate` compares the query
with one candidate and explains why it matched, so a practitioner can judge the suggestion instead of trusting it.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

import jellyfish

NICKNAMES_FILE = Path(__file__).parent / "data" / "nicknames.txt"

# How much each part counts. A family name is a little more telling than a given name (fewer spellings, shared by
# siblings); a date of birth confirms a name but cannot find a person on its own once a name has been typed.
GIVEN_WEIGHT = 0.45
FAMILY_WEIGHT = 0.55
NAME_WEIGHT = 0.7
DATE_OF_BIRTH_WEIGHT = 0.3
# A typed part with nothing recorded to compare it with (an adult known only as "Dee", a date of birth not yet
# known) neither helps nor excludes.
MISSING_PART_SCORE = 0.5
# Matches through an alias or with the names in the other order are slightly less certain than the legal name.
OTHER_NAME_FACTOR = 0.95
REVERSED_ORDER_FACTOR = 0.95
# Below this a result is more noise than help.
MIN_SCORE = 0.5
# With only a date of birth typed, show exact, swapped, one-day-out and estimated-within-a-year dates.
MIN_DATE_ONLY_SCORE = 0.6

LEGAL = "legal"
KIND_LABELS = {"legal": "Legal name", "alias": "Alias", "nickname": "Nickname", "previous": "Previous name"}


# --- normalised forms and keys ----------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Lower case, accents removed, only letters kept: "O'Brien-Smith" → "obriensmith"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.lower() if ch.isalpha())


def name_key(name: str) -> str:
    """The phonetic blocking key for one name part (metaphone), so "Jaydon" and "Jaiden" share a key."""
    clean = normalise(name)
    return str(jellyfish.metaphone(clean))[:20] if clean else ""


def sound_key(name: str) -> str:
    """The second phonetic key (soundex): it keeps the first letter and ignores vowels, so it catches what
    metaphone misses at the start of a name — "Aasif"/"Asif", "Khan"/"Kahn" — and many typos ("Jonh")."""
    clean = normalise(name)
    return str(jellyfish.soundex(clean))[:4] if clean else ""


def prefix_key(name: str) -> str:
    """The first three letters, for partial typing: "Moham" reaches "Mohammed" before the name is finished."""
    return normalise(name)[:3]


@dataclass(frozen=True)
class StoredKeys:
    """The blocking codes kept in indexed columns for one name part (PersonName.given_* / family_*)."""

    phonetic: str
    sound: str
    prefix: str


def stored_keys(name: str) -> StoredKeys:
    return StoredKeys(phonetic=name_key(name), sound=sound_key(name), prefix=prefix_key(name))


@dataclass(frozen=True)
class BlockingKeys:
    """The codes a typed word may share with a stored name part: any one of them makes the name a candidate."""

    phonetic: frozenset[str]
    sound: frozenset[str]
    prefix: frozenset[str]


def blocking_keys(word: str) -> BlockingKeys | None:
    """Codes for one typed word and its nickname forms; None for a word too short to narrow anything (an initial
    would reach a 26th of everyone, so it only ever refines a search made with other words)."""
    clean = normalise(word)
    if len(clean) < 2:
        return None
    forms = {clean} | nickname_forms(clean)
    # Two letters typed so far: every stored three-letter prefix they begin, and two-letter names themselves.
    prefixes = {clean} | {clean + letter for letter in string.ascii_lowercase} if len(clean) == 2 else {clean[:3]}
    prefixes |= {form[:3] for form in forms if len(form) >= 3}
    return BlockingKeys(
        phonetic=frozenset(key for key in map(name_key, forms) if key),
        sound=frozenset(key for key in map(sound_key, forms) if key),
        prefix=frozenset(prefixes),
    )


# --- nicknames --------------------------------------------------------------------------------------------------


@functools.cache
def _nickname_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for line in NICKNAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        group = {normalise(name) for name in line.split(",")} - {""}
        for name in group:
            table.setdefault(name, set()).update(group - {name})
    return {name: frozenset(others) for name, others in table.items()}


def nickname_forms(name: str) -> frozenset[str]:
    """Other forms of this name (normalised): "mo" → {"mohammed", "muhammad", …}."""
    return _nickname_table().get(normalise(name), frozenset())


# --- the query --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """What was typed, split up. `words` are name words as typed; `family_count` > 0 when typed as "Family, Given"
    (the first `family_count` words are the family name); `identifier` when the text has digits in it."""

    words: tuple[str, ...] = ()
    family_count: int = 0
    identifier: str = ""
    date_of_birth: date | None = None

    @property
    def is_empty(self) -> bool:
        return not self.words and not self.identifier and self.date_of_birth is None

    @property
    def blocking(self) -> list[BlockingKeys]:
        return [keys for keys in map(blocking_keys, self.words) if keys is not None]


_WORD_SPLIT = re.compile(r"[\s,]+")


def parse_query(text: str, date_of_birth: date | None = None) -> Query:
    text = " ".join((text or "").split())[:200]
    if any(ch.isdigit() for ch in text):
        # Names have no digits; identifiers (NHS number, UPN, LA child ID) do.
        return Query(identifier=text, date_of_birth=date_of_birth)
    family_count = 0
    if "," in text:
        family, _, given = text.partition(",")
        family_words = [word for word in _WORD_SPLIT.split(family) if normalise(word)]
        given_words = [word for word in _WORD_SPLIT.split(given) if normalise(word)]
        words = family_words + given_words
        family_count = len(family_words)
    else:
        words = [word for word in _WORD_SPLIT.split(text) if normalise(word)]
    return Query(words=tuple(words[:6]), family_count=min(family_count, 6), date_of_birth=date_of_birth)


@dataclass(frozen=True)
class IdentifierForms:
    """A typed identifier in the stored form of each identifier column."""

    nhs_number: str
    upn: str
    la_child_id: str


def identifier_forms(identifier: str) -> IdentifierForms:
    compact = re.sub(r"[\s\-]", "", identifier)
    return IdentifierForms(nhs_number=compact, upn=compact.upper(), la_child_id=identifier.strip())


# --- candidates -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class NameRecord:
    kind: str  # a PersonName.Kind value: legal, alias, nickname, previous
    given_name: str
    family_name: str

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.given_name, self.family_name) if part)


@dataclass(frozen=True)
class Candidate:
    person_id: int
    names: tuple[NameRecord, ...]
    date_of_birth: date | None = None
    date_of_birth_estimated: bool = False
    nhs_number: str = ""
    upn: str = ""
    la_child_id: str = ""

    @property
    def sort_name(self) -> str:
        legal = [name for name in self.names if name.kind == LEGAL] or list(self.names)
        return legal[0].full_name.casefold() if legal else ""


# --- comparing one typed word with one stored name --------------------------------------------------------------


class How(StrEnum):
    EXACT = "exact"
    PART = "part"  # one word of a multi-word or hyphenated name: "Jones" in "Smith-Jones"
    NICKNAME = "nickname"
    SOUNDS_LIKE = "sounds_like"
    SPELLING = "spelling"
    PREFIX = "prefix"
    INITIAL = "initial"


@dataclass(frozen=True)
class WordMatch:
    score: float
    how: How
    typed: str
    stored: str


def _compare_clean(typed: str, stored: str) -> tuple[float, How] | None:
    if typed == stored:
        return 1.0, How.EXACT
    if len(typed) == 1:
        return (0.6, How.INITIAL) if stored.startswith(typed) else None
    if stored in nickname_forms(typed):
        return 0.9, How.NICKNAME
    similarity = float(jellyfish.jaro_winkler_similarity(typed, stored))
    typed_key = name_key(typed)
    if (typed_key and typed_key == name_key(stored)) or (sound_key(typed) == sound_key(stored) and similarity >= 0.85):
        return 0.85, How.SOUNDS_LIKE
    if stored.startswith(typed):
        # Still typing: the more of the name typed, the surer the match.
        return round(min(0.8, 0.55 + 0.3 * len(typed) / len(stored)), 3), How.PREFIX
    distance = int(jellyfish.damerau_levenshtein_distance(typed, stored))
    shortest = min(len(typed), len(stored))
    # One slip in a name of four letters or more, two in a long name, or a very close spelling.
    if (shortest >= 4 and distance == 1) or (shortest >= 7 and distance == 2) or similarity >= 0.92:
        return round(max(0.65, min(0.8, similarity * 0.85)), 3), How.SPELLING
    return None


def compare_word(typed: str, stored: str) -> WordMatch | None:
    """How well one typed word matches one stored name part, or None if it does not."""
    typed_clean, stored_clean = normalise(typed), normalise(stored)
    if not typed_clean or not stored_clean:
        return None
    best = _compare_clean(typed_clean, stored_clean)
    pieces = [normalise(piece) for piece in re.split(r"[\s\-]+", stored) if normalise(piece)]
    if len(pieces) > 1:
        for piece in pieces:
            found = _compare_clean(typed_clean, piece)
            if found is None:
                continue
            score, how = round(found[0] * 0.95, 3), How.PART if found[1] == How.EXACT else found[1]
            if best is None or score > best[0]:
                best = (score, how)
    if best is None:
        return None
    return WordMatch(score=best[0], how=best[1], typed=typed.strip(), stored=stored)


def _explain_word(part: str, match: WordMatch) -> str:
    typed = match.typed
    match match.how:
        case How.EXACT:
            return f"{part} matches '{typed}'"
        case How.PART:
            return f"{part} includes '{typed}'"
        case How.NICKNAME:
            return f"{part} '{match.stored}' is another form of '{typed}'"
        case How.SOUNDS_LIKE:
            return f"{part} sounds like '{typed}'"
        case How.SPELLING:
            return f"{part} is spelt like '{typed}' (possible typo)"
        case How.PREFIX:
            return f"{part} starts with '{typed}'"
        case How.INITIAL:
            return f"{part} starts with the initial '{typed.upper()}'"


# --- comparing the typed name with one recorded name ------------------------------------------------------------


@dataclass(frozen=True)
class NameScore:
    score: float
    reasons: tuple[str, ...]


def _score_words(words: Sequence[str], stored: str) -> tuple[float, list[WordMatch]] | None:
    matches = [match for match in (compare_word(word, stored) for word in words) if match is not None]
    if not matches:
        return None
    # Words that match nothing count as zero: "Mary Ann Smith" still finds Mary Smith, a little lower.
    return sum(match.score for match in matches) / len(words), matches


def _score_orientation(
    record: NameRecord, given_words: Sequence[str], family_words: Sequence[str], *, reversed_order: bool
) -> NameScore | None:
    parts: list[tuple[float, float]] = []  # (weight, score)
    reasons: list[str] = []
    found_any = False
    for words, stored, label, weight in (
        (given_words, record.given_name, "Given name", GIVEN_WEIGHT),
        (family_words, record.family_name, "Family name", FAMILY_WEIGHT),
    ):
        if not words:
            continue
        if not normalise(stored):
            parts.append((weight, MISSING_PART_SCORE))
            continue
        scored = _score_words(words, stored)
        if scored is None:
            return None  # a typed part that matches nothing recorded rules this name out: "John" is not "Peter"
        parts.append((weight, scored[0]))
        reasons += [_explain_word(label, match) for match in scored[1]]
        found_any = True
    if not found_any:
        return None
    score = sum(weight * part for weight, part in parts) / sum(weight for weight, _ in parts)
    if reversed_order:
        score *= REVERSED_ORDER_FACTOR
        reasons.append("Names were entered in the other order")
    if record.kind != LEGAL:
        score *= OTHER_NAME_FACTOR
        label = KIND_LABELS.get(record.kind, "Other name")
        reasons.insert(0, f"{label} '{record.full_name}' matches")
    return NameScore(score=score, reasons=tuple(reasons))


def _orientations(query: Query) -> list[tuple[tuple[str, ...], tuple[str, ...], bool]]:
    """Ways to read the typed words as (given words, family words, entered in the other order?)."""
    words = query.words
    if query.family_count:
        return [(words[query.family_count :], words[: query.family_count], False)]
    if len(words) == 1:
        return [(words, (), False), ((), words, False)]
    return [(words[:-1], words[-1:], False), (words[1:], words[:1], True)]


def score_names(query: Query, names: Iterable[NameRecord]) -> NameScore | None:
    """The best match between the typed words and any of a person's names (legal name, aliases, nicknames…)."""
    best: NameScore | None = None
    for record in names:
        for given_words, family_words, reversed_order in _orientations(query):
            found = _score_orientation(record, given_words, family_words, reversed_order=reversed_order)
            if found is not None and (best is None or found.score > best.score):
                best = found
    return best


# --- dates of birth ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMatch:
    score: float
    reason: str


def _swapped(day_month: date) -> date | None:
    if day_month.day == day_month.month or day_month.day > 12:
        return None
    return date(day_month.year, day_month.day, day_month.month)


def date_of_birth_variants(typed: date) -> list[date]:
    """The dates a typed date of birth also matches exactly enough to look up: swapped, and one day either side
    within the same year (queries.py looks these up in the indexed date_of_birth column)."""
    variants = [typed]
    swapped = _swapped(typed)
    if swapped is not None:
        variants.append(swapped)
    for offset in (-1, 1):
        try:
            near = date.fromordinal(typed.toordinal() + offset)
        except ValueError:
            continue
        if near.year == typed.year:
            variants.append(near)
    return variants


def compare_date_of_birth(typed: date, stored: date | None, *, estimated: bool = False) -> DateMatch:
    if stored is None:
        return DateMatch(MISSING_PART_SCORE, "No date of birth recorded")
    recorded = "Estimated date of birth" if estimated else "Date of birth"
    if stored == typed:
        return DateMatch(1.0, f"{recorded} matches")
    if stored == _swapped(typed):
        return DateMatch(0.8, f"{recorded} matches with day and month swapped")
    days_apart = abs(stored.toordinal() - typed.toordinal())
    if days_apart == 1 and stored.year == typed.year:
        return DateMatch(0.7, f"{recorded} is one day from the date entered")
    if estimated and days_apart <= 366:
        return DateMatch(0.6, "Estimated date of birth is within a year of the date entered")
    return DateMatch(0.0, f"{recorded} is different")


# --- one candidate, and a ranked list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    person_id: int
    score: float
    reasons: tuple[str, ...]


def _score_identifier(identifier: str, candidate: Candidate) -> Scored | None:
    forms = identifier_forms(identifier)
    reasons = []
    if candidate.nhs_number and candidate.nhs_number == forms.nhs_number:
        reasons.append("NHS number matches")
    if candidate.upn and candidate.upn == forms.upn:
        reasons.append("Unique pupil number matches")
    if candidate.la_child_id and candidate.la_child_id.casefold() == forms.la_child_id.casefold():
        reasons.append("LA child ID matches")
    return Scored(candidate.person_id, 1.0, tuple(reasons)) if reasons else None


def score_candidate(query: Query, candidate: Candidate) -> Scored | None:
    """How well this candidate matches, 0..1, with the reasons; None when it should not be shown."""
    if query.identifier:
        return _score_identifier(query.identifier, candidate)
    reasons: list[str] = []
    score: float
    if query.words:
        names = score_names(query, candidate.names)
        if names is None:
            return None
        score = names.score
        reasons += names.reasons
        if query.date_of_birth is not None:
            dob = compare_date_of_birth(
                query.date_of_birth, candidate.date_of_birth, estimated=candidate.date_of_birth_estimated
            )
            score = NAME_WEIGHT * score + DATE_OF_BIRTH_WEIGHT * dob.score
            reasons.append(dob.reason)
    elif query.date_of_birth is not None:
        dob = compare_date_of_birth(
            query.date_of_birth, candidate.date_of_birth, estimated=candidate.date_of_birth_estimated
        )
        if dob.score < MIN_DATE_ONLY_SCORE:
            return None
        score = dob.score
        reasons.append(dob.reason)
    else:
        return None
    if score < MIN_SCORE:
        return None
    return Scored(candidate.person_id, round(min(score, 1.0), 3), tuple(reasons))


def rank(query: Query, candidates: Iterable[Candidate], *, limit: int = 25) -> list[Scored]:
    """The candidates worth showing, best first (ties by name, then id, so the order is stable)."""
    scored: list[tuple[Scored, Candidate]] = []
    for candidate in candidates:
        found = score_candidate(query, candidate)
        if found is not None:
            scored.append((found, candidate))
    scored.sort(key=lambda pair: (-pair[0].score, pair[1].sort_name, pair[1].person_id))
    return [found for found, _ in scored[: max(limit, 0)]]


def match_strength(score: float) -> str:
    """Words for a score, so people weigh a suggestion rather than read a number as certainty."""
    if score >= 0.9:
        return "Strong match"
    if score >= 0.75:
        return "Good match"
    return "Possible match"
