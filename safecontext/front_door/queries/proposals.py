"""Complex strategy meeting proposals for a referral, as a user may see them (names only where their scope reaches,
the same rule as the linked-young-people check in queries/linked.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from safecontext.access.scope import get_referral_for_user
from safecontext.front_door.models import ComplexStrategyProposal, Referral
from safecontext.front_door.queries.linked import WITHHELD_PERSON, PersonLabel, node_labels, person_labels

if TYPE_CHECKING:
    from safecontext.accounts.models import User


@dataclass(frozen=True)
class ProposalView:
    proposal: ComplexStrategyProposal
    through_label: str
    young_people: tuple[PersonLabel, ...]
    decided_by: str


def get_proposal_for_user(*, user: User, proposal_id: int) -> ComplexStrategyProposal:
    """The proposal, if the user may decide on its referral (SCREEN_REFERRALS and the referral in scope); else 404."""
    try:
        proposal = ComplexStrategyProposal.objects.select_related("referral").get(pk=proposal_id)
    except ComplexStrategyProposal.DoesNotExist:
        raise Http404("No proposal found") from None
    get_referral_for_user(user, proposal.referral_id, write=True)
    return proposal


def proposals_for_referral(*, user: User, referral: Referral) -> tuple[list[ProposalView], frozenset[int]]:
    """The referral's proposals, open ones first, with labels the user may see; and the people shown by name."""
    proposals = list(
        ComplexStrategyProposal.objects.filter(referral=referral)
        .select_related("through_node", "decided_by", "meeting")
        .prefetch_related("young_people")
    )
    proposals.sort(key=lambda p: (p.status != ComplexStrategyProposal.Status.PROPOSED, p.pk))
    person_ids = {person.pk for proposal in proposals for person in proposal.young_people.all()}
    person_ids |= {p.through_node.person_id for p in proposals if p.through_node.person_id is not None}
    people = person_labels(user=user, person_ids=person_ids)
    nodes = node_labels(p.through_node_id for p in proposals)
    named: set[int] = set()
    views = []
    for proposal in proposals:
        node = proposal.through_node
        if node.person_id is not None:
            label = people[node.person_id]
            through = WITHHELD_PERSON if label.withheld else f"{label.name} (adult of concern)"
            if not label.withheld:
                named.add(node.person_id)
        else:
            through = nodes.get(node.pk, str(node))
        young = tuple(people[person.pk] for person in sorted(proposal.young_people.all(), key=lambda p: p.pk))
        named |= {person.pk for person in proposal.young_people.all() if not people[person.pk].withheld}
        decider = proposal.decided_by.display_name if proposal.decided_by else ""
        views.append(ProposalView(proposal=proposal, through_label=through, young_people=young, decided_by=decider))
    return views, frozenset(named)
