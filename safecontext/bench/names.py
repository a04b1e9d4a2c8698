"""Synthetic names for the benchmark city, and the slips people make typing them. Pure functions, no Django.

Family names are built from two small syllable tables, so no row is a real person: "Kelbarrow", "Ashwick". Half the
given names are built the same way ("Daralyn"); the other half are common given names that have other forms in
people/data/nicknames.txt ("Thomas" / "Tom"), because a duplicate check that is never asked about a nickname has not
been tested. A given name on its own identifies nobody.
"""

from __future__ import annotations

import random
import string

# Syllable tables: the first and last parts of family names. Together they make 2,200 family names.
FAMILY_STARTS = (
    "Ash", "Bar", "Bel", "Bram", "Cal", "Car", "Dal", "Den", "Dun", "Ell", "Fair", "Fen", "Gar", "Glen", "Hal",
    "Hart", "Hol", "Ing", "Kel", "Ken", "Lang", "Lin", "Mar", "Mel", "Mor", "Nor", "Oak", "Pen", "Pres", "Quil",
    "Rad", "Ren", "Ros", "Sal", "Shel", "Stan", "Tal", "Thorn", "Ul", "Ver", "Wal", "Wes", "Whit", "Wyn", "Yar",
    "Abe", "Okon", "Ade", "Naka", "Sing", "Pat", "Kow", "Mah", "Rah", "Chau",
)  # fmt: skip
FAMILY_ENDS = (
    "barrow", "bridge", "brook", "bury", "by", "combe", "croft", "dale", "den", "field", "ford", "gate", "ham",
    "hurst", "ley", "low", "mere", "more", "ridge", "shaw", "stead", "stock", "thorpe", "ton", "wick", "well",
    "wood", "worth", "yard", "ade", "ola", "kwu", "mura", "dra", "ska", "owski", "ood", "ani", "eem", "ing",
)  # fmt: skip

# Given names built from syllables: 24 x 16 = 384 of them.
GIVEN_STARTS = (
    "Ka", "Da", "Ja", "Ma", "Ri", "Le", "Ty", "Ay", "Za", "No", "El", "Ro", "Sa", "Ke", "Mi", "Bri", "Ta", "Lu",
    "Ar", "Ze", "Ny", "Io", "Fa", "Ve",
)  # fmt: skip
GIVEN_ENDS = (
    "lyn", "ren", "den", "mira", "son", "ya", "lan", "ric", "nia", "vin", "ley", "ra", "mon", "nel", "tas", "yah",
)  # fmt: skip

# Common given names that have other forms in people/data/nicknames.txt (tests/bench checks each one has).
FORMAL_GIVEN_NAMES = (
    "Mohammed", "Alexander", "Alexandra", "Thomas", "William", "Robert", "Richard", "James", "John", "Joseph",
    "Elizabeth", "Margaret", "Katherine", "Daniel", "Samuel", "Samantha", "Benjamin", "Michael", "Christopher",
    "Christine", "Matthew", "Nicholas", "Anthony", "Edward", "Charlotte", "Frederick", "Henry", "Oliver", "Olivia",
    "Isabella", "Amelia", "Patrick", "Patricia", "Stephen", "Andrew", "Jacob", "Joshua", "Jennifer", "Rebecca",
    "Victoria", "Abigail", "Eleanor", "Gabriel", "Abdullah", "Oluwaseun", "Oluwatobi", "Chukwuemeka", "Ibrahim",
    "Yusuf", "Tobias",
)  # fmt: skip

FAMILY_NAMES: tuple[str, ...] = tuple(start + end for start in FAMILY_STARTS for end in FAMILY_ENDS)
SYLLABLE_GIVEN_NAMES: tuple[str, ...] = tuple(start + end for start in GIVEN_STARTS for end in GIVEN_ENDS)
GIVEN_NAMES: tuple[str, ...] = FORMAL_GIVEN_NAMES + SYLLABLE_GIVEN_NAMES


def zipf_cumulative(count: int, exponent: float, offset: float) -> list[float]:
    """Cumulative weights 1/(rank + offset)^exponent: a few names are common, most are rare, as in a real city."""
    total = 0.0
    cumulative = []
    for rank in range(count):
        total += 1.0 / (rank + offset) ** exponent
        cumulative.append(total)
    return cumulative


FAMILY_CUMULATIVE = zipf_cumulative(len(FAMILY_NAMES), 0.9, 5.0)
# Formal names (the first 50) are drawn about half the time; syllable names share the rest.
GIVEN_CUMULATIVE = zipf_cumulative(len(GIVEN_NAMES), 0.6, 10.0)


def pick_family_index(rng: random.Random) -> int:
    return rng.choices(range(len(FAMILY_NAMES)), cum_weights=FAMILY_CUMULATIVE)[0]


def pick_given_index(rng: random.Random) -> int:
    return rng.choices(range(len(GIVEN_NAMES)), cum_weights=GIVEN_CUMULATIVE)[0]


# --- the slips made typing a name -------------------------------------------------------------------------------

_LETTERS = string.ascii_lowercase


def with_typos(name: str, rng: random.Random, *, edits: int) -> str:
    """`name` with `edits` random slips (a letter changed, dropped, doubled or two swapped), first letter kept
    capitalised. Damerau-Levenshtein distance from the original is at most `edits`."""
    letters = list(name.lower())
    for _ in range(edits):
        if len(letters) < 3:
            break
        position = rng.randrange(1, len(letters))  # the first letter is the one people rarely get wrong
        slip = rng.randrange(4)
        if slip == 0:
            letters[position] = rng.choice(_LETTERS)
        elif slip == 1:
            del letters[position]
        elif slip == 2:
            letters.insert(position, letters[position])
        elif position < len(letters) - 1:
            letters[position], letters[position + 1] = letters[position + 1], letters[position]
        else:
            letters[position - 1], letters[position] = letters[position], letters[position - 1]
    return "".join(letters).capitalize()
