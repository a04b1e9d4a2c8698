"""Sharing records about Asif (seed 000: "Ali was transparent with Asif about what information was shared, why and
with whom"): his safety plan with his mum and his school, information to the police to disrupt the people
exploiting him, one share he was not told about (with the reason), a decision not to share, and the family copy of
the safety plan linked to its share. His "who knows what about me" page lists the shares he was told about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from safecontext.cases.models import Case
from safecontext.demo.practice import PracticeDemo
from safecontext.sharing.actions import record_sharing
from safecontext.sharing.outbound import authorise_outbound
from safecontext.sharing.rules import ItemKind


def _share(**values: Any) -> dict[str, Any]:
    return {
        "decision": "shared",
        "consent": "given",
        "lawful_basis": "public_task",
        "young_person_told": True,
        "family_told": True,
        "decision_maker": "Ali Haddad, youth worker, with Marcus Reid, youth service manager",
    } | values


def write(demo: PracticeDemo) -> dict[str, int]:
    if "asif" not in demo.people or "ali" not in demo.users:
        return {"sharing_records": 0, "outbound_documents": 0}
    asif, ali = demo.people["asif"], demo.users["ali"]
    today = min(demo.today, timezone.localdate())

    def days_ago(days: int) -> dt.date:
        return today - dt.timedelta(days=days)

    records = [
        record_sharing(
            by=ali,
            subjects=[asif],
            values=_share(
                items=["safety_plan"],
                agency="your family",
                recipient_person="Samira Rahimi (mother)",
                purpose="keep_safe",
                lawful_basis="consent",
                decided_on=days_ago(2),
            ),
        ),
        record_sharing(
            by=ali,
            subjects=[asif],
            values=_share(
                items=["safety_plan", "contact_details"],
                agency="Hollowmere Academy",
                recipient_person="Ruth Pemberton, safeguarding lead",
                purpose="education",
                lawful_basis="consent",
                decided_on=days_ago(20),
            ),
        ),
        record_sharing(
            by=ali,
            subjects=[asif],
            values=_share(
                items=["chronology", "other"],
                items_detail="Places and vehicles Asif pointed out on the cycle route, and the grey car's description",
                agency="Brightside Police",
                recipient_person="DC Leon Harris",
                purpose="disrupt_exploitation",
                consent="not_sought",
                consent_reason="Seeking consent from Asif would have put him at risk from the people exploiting him; "
                "he was told afterwards, when it was safe",
                decided_on=days_ago(45),
            ),
        ),
    ]
    # Not told: telling Asif now would put him at risk. It stays off his list until a worker records he was told.
    tyrese = demo.people.get("tyrese")
    records.append(
        record_sharing(
            by=ali,
            subjects=[asif, tyrese] if tyrese else [asif],
            values=_share(
                items=["meeting_notes"],
                agency="Brightside Police",
                recipient_person="DC Leon Harris",
                purpose="protect_others",
                consent="not_sought",
                consent_reason="Police investigation into adults exploiting several young people",
                young_person_told=False,
                family_told=False,
                not_told_reason="The investigation is live; telling the boys now could alert the adults involved",
                decision_maker="Marcus Reid, youth service manager",
                decided_on=days_ago(10),
            ),
        )
    )
    records.append(
        record_sharing(
            by=ali,
            subjects=[asif],
            values=_share(
                decision="not_shared",
                items=["assessment"],
                agency="Hollowmere Academy",
                recipient_person="Head of year",
                purpose="education",
                consent="refused",
                reason_not_shared="The school asked for the whole assessment; Asif refused and the school's needs are "
                "met by the safety plan already shared. Not necessary or proportionate.",
                decided_on=days_ago(15),
            ),
        )
    )
    family_copy = 0
    case = Case.objects.filter(subject=asif, allocated_worker=ali).select_related("safety_plan").first()
    if case is not None and hasattr(case, "safety_plan"):
        authorise_outbound(
            by=ali,
            person=asif,
            sharing_record_id=records[0].pk,
            kind="safety_plan_pdf",
            description=f"Family copy of the safety plan, version {case.safety_plan.version}",
            item=ItemKind.SAFETY_PLAN,
        )
        family_copy = 1
    return {"sharing_records": len(records), "outbound_documents": family_copy}
