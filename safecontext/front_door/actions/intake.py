"""Recording a referral at the front door: one atomic action, whichever door it came in by (page or API).

A referral is about one child or several siblings, or about a context. What the referrer mentions — peers, adults
of concern, places, peer groups, schools, online spaces, vehicles, phones, handles — becomes a `Mention`, matched
to an existing record or created, and a dated network `Link` from each subject to it with this referral as its
source. That is how "several young people, each referred separately, all assaulted on the same bus route" shows
(Contextual Safeguarding toolkit; seed 002).

People are never matched automatically: the practitioner picks an existing record or asks for a new one (a wrong
merge hides a child inside someone else's history). Contexts are matched by name within the service and kind, and
objects by their normalised value, because neither has any other identity to go on.

Every rule is checked first, with every problem raised together (front_door/actions/intake_checks.py), before
anything is written; and as the whole action is one transaction, a failure half way (a database error, a failed
audit write) leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from safecontext.access.scope import people_in_scope
from safecontext.audit.actions import record_change
from safecontext.contexts.actions import context_for_name
from safecontext.contexts.models import Context
from safecontext.core.actions_base import action
from safecontext.front_door.actions.intake_checks import (
    MENTIONED_PERSON_FIRST,
    NO_SUBJECT,
    PURPOSE,
    SUBMISSION_TOKEN_MAX_LENGTH,
    MentionInput,
    NewContext,
    NewPerson,
    ResolvedMention,
    check_referral,
    default_link_type,
)
from safecontext.front_door.models import Mention, Referral
from safecontext.network.actions import (
    node_for_context,
    node_for_object,
    node_for_person,
    object_for_value,
    record_link,
)
from safecontext.network.models import Link, Node
from safecontext.network.queries import links_from_source
from safecontext.people.actions import create_person
from safecontext.people.models import Person

if TYPE_CHECKING:
    from safecontext.accounts.models import Service, User

__all__ = [
    "NO_SUBJECT",
    "DuplicateSubmission",
    "MentionInput",
    "NewContext",
    "NewPerson",
    "add_child_to_referral",
    "default_link_type",
    "record_referral",
]


class DuplicateSubmission(Exception):
    """The same submission token arrived twice at once: the other request recorded the referral."""

    def __init__(self, referral_id: int) -> None:
        super().__init__(f"referral {referral_id} was already recorded from this submission")
        self.referral_id = referral_id


# --- the action -------------------------------------------------------------------------------------------------


@action
def record_referral(
    *,
    service: Service,
    received_at: dt.datetime,
    source: str,
    referrer_name: str,
    referrer_agency: str = "",
    referrer_contact: str = "",
    about: str,
    children: Sequence[Person] = (),
    new_children: Sequence[NewPerson] = (),
    subject_context: Context | None = None,
    new_subject_context: NewContext | None = None,
    concerns: str,
    lawful_basis: str,
    consent_notes: str = "",
    restricted: bool = False,
    mentions: Sequence[MentionInput] = (),
    submission_token: str = "",
    by: User,
) -> Referral:
    """Record a referral, its subjects and everything it mentions, with a link per mention from each subject.

    `children` are existing people the practitioner matched; `new_children` are created here, so a failure later in
    the action cannot leave a new child behind. With a `submission_token` seen before from the same practitioner,
    the referral recorded then is returned and nothing new is written.
    """
    token = submission_token if isinstance(submission_token, str) else ""
    if token and len(token) <= SUBMISSION_TOKEN_MAX_LENGTH:
        earlier = Referral.objects.filter(recorded_by=by, submission_token=token).first()
        if earlier is not None:
            return earlier
    checked = check_referral(
        service=service,
        received_at=received_at,
        source=source,
        referrer_name=referrer_name,
        referrer_agency=referrer_agency,
        referrer_contact=referrer_contact,
        about=about,
        children=children,
        new_children=new_children,
        subject_context=subject_context,
        new_subject_context=new_subject_context,
        concerns=concerns,
        lawful_basis=lawful_basis,
        consent_notes=consent_notes,
        restricted=restricted,
        mentions=mentions,
        submission_token=token,
        by=by,
    )

    # --- everything checked: write ---
    subject_context = checked.subject_context
    if checked.new_subject_context is not None:
        kind, name = checked.new_subject_context
        subject_context, _ = context_for_name(service=service, kind=kind, name=name, by=by)
    subject_children = checked.children + [
        create_person(
            service=service,
            given_name=values["given_name"],
            family_name=values["family_name"],
            date_of_birth=values["date_of_birth"],
            by=by,
        )
        for values in checked.new_children
    ]
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                service=service,
                received_at=checked.received_at,
                source=source,
                about=about,
                subject_context=subject_context,
                concerns=checked.concerns,
                lawful_basis=lawful_basis,
                consent_notes=checked.consent_notes,
                restricted=restricted,
                decision_due_at=checked.decision_due_at,
                recorded_by=by,
                submission_token=token,
                **checked.referrer,
            )
    except IntegrityError:
        # Two requests with one token at the same moment: the other one committed first. This one must write
        # nothing (the exception rolls back the contexts and children made above) and point to that referral.
        earlier = Referral.objects.filter(recorded_by=by, submission_token=token).first() if token else None
        if earlier is None:
            raise
        raise DuplicateSubmission(earlier.pk) from None
    referral.children.set(subject_children)

    if about == Referral.About.CHILDREN:
        subjects = [node_for_person(person=child) for child in subject_children]
    else:
        assert subject_context is not None  # checked above
        subjects = [node_for_context(context=subject_context)]
    valid_from = timezone.localdate(checked.received_at)
    written: list[dict[str, Any]] = []
    for item in checked.mentions:
        node, created = _node_for(item, service=service, by=by)
        mention = Mention.objects.create(
            referral=referral,
            role=item.mention.role,
            as_written=item.as_written,
            node=node,
            link_type=item.link_type,
            created_new_record=created,
        )
        for subject in subjects:
            _link(
                subject=subject,
                mentioned=node,
                link_type=item.link_type,
                nature=item.mention.nature,
                referral=referral,
                valid_from=valid_from,
                by=by,
            )
        written.append(
            {
                "mention_id": mention.pk,
                "role": mention.role,
                "as_written": mention.as_written,
                "node_id": node.pk,
                "link_type": mention.link_type,
                "nature": item.mention.nature,
                "created_new_record": created,
            }
        )

    record_change(
        by=by,
        action="referral.recorded",
        target=referral,
        after={
            "service_id": service.pk,
            "received_at": checked.received_at,
            "source": source,
            **checked.referrer,
            "about": about,
            "children": [child.pk for child in subject_children],
            "subject_context_id": referral.subject_context_id,
            "concerns": checked.concerns,
            "lawful_basis": lawful_basis,
            "consent_notes": checked.consent_notes,
            "restricted": restricted,
            "decision_due_at": checked.decision_due_at,
            "mentions": written,
        },
    )
    return referral


def _node_for(item: ResolvedMention, *, service: Service, by: User) -> tuple[Node, bool]:
    """The mentioned record's node, creating the record first if it is new: (node, created a new record?)."""
    if item.person is not None:
        return node_for_person(person=item.person), False
    if item.new_person is not None:
        person = create_person(
            service=service,
            given_name=item.new_person["given_name"],
            family_name=item.new_person["family_name"],
            date_of_birth=item.new_person["date_of_birth"],
            by=by,
        )
        return node_for_person(person=person), True
    if item.context is not None:
        return node_for_context(context=item.context), False
    if item.new_context is not None:
        context, created = context_for_name(service=service, kind=item.new_context[0], name=item.new_context[1], by=by)
        return node_for_context(context=context), created
    if item.obj is not None:
        return node_for_object(obj=item.obj), False
    assert item.new_object is not None
    obj, created = object_for_value(service=service, kind=item.new_object[0], value=item.new_object[1], by=by)
    return node_for_object(obj=obj), created


def _link(
    *, subject: Node, mentioned: Node, link_type: str, nature: str, referral: Referral, valid_from: dt.date, by: User
) -> Link | None:
    """One link between a subject of the referral and a mentioned record, pointing the way its type reads."""
    if subject.pk == mentioned.pk:
        return None
    mentioned_first = mentioned.kind == Node.Kind.PERSON and (
        link_type in MENTIONED_PERSON_FIRST or subject.kind == Node.Kind.CONTEXT
    )
    a, b = (mentioned, subject) if mentioned_first else (subject, mentioned)
    return record_link(
        a=a,
        b=b,
        type=link_type,
        nature=nature,
        source_kind=Link.SourceKind.REFERRAL,
        source_id=referral.pk,
        valid_from=valid_from,
        purpose=PURPOSE,
        by=by,
    )


@action
def add_child_to_referral(*, referral: Referral, child: Person, by: User) -> Referral:
    """A sibling found after the referral was recorded: add them as a subject, with the same links to everything the
    referral mentions. Only while the referral awaits screening — after that the decision was made without them."""
    locked = Referral.objects.select_for_update().get(pk=referral.pk)
    if locked.about != Referral.About.CHILDREN:
        raise ValidationError({"child": ["This referral is about a context, not children"]})
    if locked.status != Referral.Status.AWAITING_SCREENING:
        raise ValidationError({"child": ["Children can only be added to a referral that is awaiting screening"]})
    if not people_in_scope(by).filter(service_id=locked.service_id, pk=child.pk).exists():
        raise ValidationError({"child": ["The child chosen was not found"]})
    if locked.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": ["This child is already on the referral"]})
    locked.children.add(child)
    child_node = node_for_person(person=child)
    links = links_from_source(source_kind=Link.SourceKind.REFERRAL, source_id=locked.pk)
    made = []
    for mention in locked.mentions.all():
        # Copy the nature the practitioner gave this mention's existing links (it is kept on the link).
        nature = next((link.nature for link in links if mention.node_id in {link.a_id, link.b_id}), Link.Nature.UNKNOWN)
        link = _link(
            subject=child_node,
            mentioned=mention.node,
            link_type=mention.link_type,
            nature=nature,
            referral=locked,
            valid_from=timezone.localdate(locked.received_at),
            by=by,
        )
        if link is not None:
            made.append(link.pk)
    locked.version += 1
    locked.save(update_fields=["version"])
    referral.version = locked.version
    record_change(by=by, action="referral.child_added", target=locked, after={"child_id": child.pk, "links": made})
    return locked
