"""Every indicator in seed 003 (Brighton & Hove's Continuum of Need) is in the default framework, where the seed
puts it.

The seed text is parsed here independently of the framework file, with a deliberately plain reading of the flattened
web page (docs/adr/0010-threshold-frameworks-as-data.md): a line "  • <domain name>" opens a block of that domain;
the nth block of a domain belongs to level n; its "    • " lines are the indicators. The pop-up lines under each
bullet (a close button, then the bullet's text again) are checked to repeat the bullet exactly, so ignoring them
drops nothing.

source.txt is the seed's lines 39 to the end, byte for byte; its hash is pinned below so that it cannot be edited to
agree with a wrong transcription.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from safecontext.thresholds.loader import DEFAULT_FRAMEWORK_SLUG, FRAMEWORKS_DIR, Framework, get_framework

SOURCE = FRAMEWORKS_DIR / "brighton-hove-continuum-of-need" / "source.txt"
# sha256 of lines 39 to the end of seed 003_51a46f37d26162ff.txt.
SOURCE_SHA256 = "75b76419292af70b38100bdfd608c36d6ae8ceb97f3b568ce0b22ceeda722751"

LEVEL_NAMES = [
    "Universal",
    "Early Help",
    "Early Help Partnership Plus",
    "Specialist Services to address Acute & Chronic need",
]
DOMAIN_NAMES = ["Child developmental needs", "Family & Environment", "Parents & Carers"]


# The seed's pop-ups open with a close button, a multiplication sign.
CLOSE = "\u00d7"


def clean(text: str) -> str:
    return " ".join(text.split())


@dataclass
class Block:
    heading: str
    body: list[str] = field(default_factory=list)


@dataclass
class Seed:
    levels: list[tuple[int, str, str]]  # number, name, description
    cells: dict[tuple[int, str], list[str]]  # (level, domain name) -> indicator texts in order
    intros: dict[tuple[int, str], str]
    domain_order: list[str]
    assessments: list[str]
    actions: list[str]
    popups_checked: int


def parse_seed(text: str) -> Seed:
    blocks: list[Block] = []
    for line in text.split("\n"):
        if line.startswith("  • "):
            blocks.append(Block(clean(line[4:])))
        elif blocks and line.strip():
            blocks[-1].body.append(line)

    seed = Seed([], {}, {}, [], [], [], 0)
    seen: Counter[str] = Counter()
    for block in blocks:
        level_heading = re.fullmatch(r"(\d)\. (.+)", block.heading)
        if level_heading:
            (description,) = block.body
            seed.levels.append((int(level_heading.group(1)), level_heading.group(2), clean(description)))
        elif block.heading in DOMAIN_NAMES:
            seen[block.heading] += 1
            level = seen[block.heading]
            seed.domain_order.append(block.heading)
            indicators: list[str] = []
            for line in block.body:
                if line.startswith("    • " + CLOSE):
                    continue
                if line.startswith("    • "):
                    indicators.append(clean(line[6:]))
                elif line.startswith("      "):
                    # A pop-up: either its close button or a repeat of the bullet above it.
                    assert clean(line) in (CLOSE, indicators[-1])
                    seed.popups_checked += 1
                else:
                    assert (level, block.heading) not in seed.intros
                    seed.intros[(level, block.heading)] = clean(line)
            seed.cells[(level, block.heading)] = indicators
        elif block.heading == "Level of assessment":
            (assessment,) = block.body
            seed.assessments.append(clean(assessment))
        else:
            assert not block.body, block
            seed.actions.append(block.heading)
    return seed


@pytest.fixture(scope="module")
def seed() -> Seed:
    return parse_seed(SOURCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def framework() -> Framework:
    return get_framework(DEFAULT_FRAMEWORK_SLUG, "1")


def test_source_is_the_seed_text_unchanged():
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256


def test_the_seed_reads_as_four_levels_of_three_domains(seed: Seed):
    # The reading the whole transcription rests on: each domain appears once per level, in level order.
    assert seed.domain_order == [name for name in DOMAIN_NAMES for _ in range(4)]
    assert [number for number, _, _ in seed.levels] == [1, 2, 3, 4]
    assert len(seed.assessments) == 4
    assert len(seed.actions) == 3
    assert seed.popups_checked > 200
    assert sum(len(texts) for texts in seed.cells.values()) == 103


def test_level_and_domain_names(framework: Framework, seed: Seed):
    assert [level.name for level in framework.levels] == LEVEL_NAMES
    assert [name for _, name, _ in seed.levels] == LEVEL_NAMES
    assert [level.number for level in framework.levels] == [1, 2, 3, 4]
    assert [domain.name for domain in framework.domains] == DOMAIN_NAMES


def test_level_descriptions_and_assessments_are_the_seeds(framework: Framework, seed: Seed):
    assert [level.description for level in framework.levels] == [description for _, _, description in seed.levels]
    assert [level.assessment for level in framework.levels] == seed.assessments
    assert framework.level(1).assessment == "No formal assessment"
    assert framework.level(4).assessment == (
        "Strengthening Families > Child in Need Plan or Child Protection Conference"
    )


def test_level_actions_are_the_seeds(framework: Framework, seed: Seed):
    universal, early_help, specialist = seed.actions
    # The seed has three action texts for four levels; the middle one covers both early help levels (ADR 0010).
    assert [level.action for level in framework.levels] == [universal, early_help, early_help, specialist]
    assert framework.level(1).action.startswith("Go direct to Service")
    assert "Front Door For Families on 01273 290400" in framework.level(2).action
    assert framework.level(4).action == (
        "Contact Front Door For Families on 01273 290400 or if the child is at immediate risk call the Police on 999"
    )


def test_every_seed_indicator_is_in_the_framework_at_its_level_and_domain(framework: Framework, seed: Seed):
    domain_names = {domain.id: domain.name for domain in framework.domains}
    in_framework = Counter((i.level, domain_names[i.domain], i.text) for i in framework.indicators)
    in_seed = Counter((level, domain, text) for (level, domain), texts in seed.cells.items() for text in texts)
    missing = in_seed - in_framework
    extra = in_framework - in_seed
    assert not missing, f"in the seed but not the framework: {sorted(missing)}"
    assert not extra, f"in the framework but not the seed: {sorted(extra)}"


def test_indicators_keep_the_seeds_order_within_each_level_and_domain(framework: Framework, seed: Seed):
    for (level, domain_name), texts in seed.cells.items():
        domain = next(d for d in framework.domains if d.name == domain_name)
        assert [i.text for i in framework.indicators_in(level, domain.id)] == texts


def test_intros_are_the_seeds(framework: Framework, seed: Seed):
    domain_names = {domain.id: domain.name for domain in framework.domains}
    assert {(intro.level, domain_names[intro.domain]): intro.text for intro in framework.intros} == seed.intros
    assert framework.intro(4, "cdn") == "Persistent/continued/severe:"


def test_a_dropped_indicator_would_be_caught(framework: Framework, seed: Seed):
    # The comparison above is only worth having if it notices a loss: drop one and compare again.
    domain_names = {domain.id: domain.name for domain in framework.domains}
    dropped = framework.indicators[40]
    in_framework = Counter((i.level, domain_names[i.domain], i.text) for i in framework.indicators if i is not dropped)
    in_seed = Counter((level, domain, text) for (level, domain), texts in seed.cells.items() for text in texts)
    assert in_seed - in_framework == Counter({(dropped.level, domain_names[dropped.domain], dropped.text): 1})


def test_source_is_where_the_file_header_says(framework: Framework):
    header = (FRAMEWORKS_DIR / "brighton-hove-continuum-of-need" / "v1.toml").read_text(encoding="utf-8")
    assert "003_51a46f37d26162ff.txt" in header
    assert "003_51a46f37d26162ff.txt" in framework.source
    assert Path(SOURCE).name in header
