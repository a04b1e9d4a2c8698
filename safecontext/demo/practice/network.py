"""The demo council's network work (issue 4): the links the front door loaded for Asif's world
(demo/front_door_data.py) worked on as practitioners would, through network/actions.py and audited: his mother's link
corrected to protective, the start of Dex's exploitation corrected when Asif said more (the first reading kept as a
revision), and a link ended when a friend moved away. No link is added: tests/demo counts the front door's links."""

from __future__ import annotations

import datetime as dt

from safecontext.demo.practice import PracticeDemo
from safecontext.network.actions import correct_link, end_link
from safecontext.network.models import Link

WORKER = "sw.priya"  # the pod's social worker on Asif's professional network (a youth worker cannot edit the network)


def write(demo: PracticeDemo) -> dict[str, int]:
    by = demo.users.get(WORKER)
    asif, mother, dex, kyle = (demo.people.get(key) for key in ("asif", "asif.mother", "dex", "kyle"))
    if by is None or asif is None:
        return {"network links worked on": 0}
    done = 0
    parent = Link.objects.filter(a__person=mother, b__person=asif, type=Link.Type.PARENT).first() if mother else None
    if parent is not None and parent.nature != Link.Nature.PROTECTIVE:
        correct_link(
            link=parent,
            version=parent.version,
            type=parent.type,
            nature=Link.Nature.PROTECTIVE,
            reliability=parent.reliability,
            valid_from=parent.valid_from,
            valid_to=parent.valid_to,
            purpose=parent.purpose,
            reason="Safety planning with Asif: his mother is the adult who keeps him safe at home",
            by=by,
        )
        done += 1
    exploits = Link.objects.filter(a__person=dex, b__person=asif, type=Link.Type.EXPLOITS).first() if dex else None
    if exploits is not None:
        correct_link(
            link=exploits,
            version=exploits.version,
            type=exploits.type,
            nature=exploits.nature,
            reliability=Link.Reliability.RELIABLE,
            valid_from=exploits.valid_from - dt.timedelta(days=90),
            valid_to=exploits.valid_to,
            purpose=exploits.purpose,
            reason="Asif told Ali it began in the spring, before it was first recorded; police intelligence agrees",
            by=by,
        )
        done += 1
    moved = (
        Link.objects.filter(a__person=kyle, type=Link.Type.FREQUENTS, valid_to__isnull=True).order_by("id").first()
        if kyle
        else None
    )
    if moved is not None:
        end_link(
            link=moved,
            version=moved.version,
            valid_to=max(moved.valid_from, demo.today - dt.timedelta(days=30)),
            reason="Kyle's family moved to the other side of the city in the summer",
            by=by,
        )
        done += 1
    return {"network links worked on": done}
