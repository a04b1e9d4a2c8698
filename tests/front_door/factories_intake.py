"""Referrals recorded the way the front door records them: through front_door/actions/intake.record_referral."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from safecontext.accounts.models import User
from safecontext.contexts.models import Context
from safecontext.front_door.actions.intake import MentionInput, NewContext, NewPerson, record_referral
from safecontext.front_door.codes import LawfulBasis, ReferralSource
from safecontext.front_door.models import Mention, Referral
from safecontext.people.models import Person


def peer(as_written: str, **fields: Any) -> MentionInput:
    return MentionInput(role=Mention.Role.PEER, as_written=as_written, **fields)


def adult(as_written: str, **fields: Any) -> MentionInput:
    return MentionInput(role=Mention.Role.ADULT_OF_CONCERN, as_written=as_written, **fields)


def place(as_written: str, kind: str = Context.Kind.PLACE, **fields: Any) -> MentionInput:
    return MentionInput(role=Mention.Role.CONTEXT, as_written=as_written, context_kind=kind, **fields)


def thing(as_written: str, kind: str, **fields: Any) -> MentionInput:
    return MentionInput(role=Mention.Role.OBJECT, as_written=as_written, object_kind=kind, **fields)


def referral_about(
    children: Sequence[Person] = (),
    *,
    by: User,
    new_children: Sequence[NewPerson] = (),
    mentions: Sequence[MentionInput] = (),
    received_at: dt.datetime | None = None,
    **overrides: Any,
) -> Referral:
    """A referral about these children (or, with about="context", a context), recorded by `by`."""
    assert by.service is not None
    values: dict[str, Any] = {
        "service": by.service,
        "received_at": received_at or timezone.now() - dt.timedelta(hours=1),
        "source": ReferralSource.SCHOOLS,
        "referrer_name": "Sam Teacher",
        "referrer_agency": "Brightside Academy",
        "referrer_contact": "01632 960123",
        "about": Referral.About.CHILDREN,
        "children": list(children),
        "new_children": list(new_children),
        "concerns": "Seen getting into cars after school with older men.\nMissing from home twice this month.",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "consent_notes": "Not sought: it could put the child at greater risk",
        "mentions": list(mentions),
        "by": by,
    }
    values.update(overrides)
    return record_referral(**values)


def context_referral(
    *, by: User, name: str = "Bus route 7", kind: str = Context.Kind.PLACE, **overrides: Any
) -> Referral:
    return referral_about(
        by=by, about=Referral.About.CONTEXT, new_subject_context=NewContext(kind=kind, name=name), **overrides
    )
