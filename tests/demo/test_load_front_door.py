"""`manage.py load_demo` writes the front door the builder plans: referrals with their mentions and links, screening
decisions that name real indicators of a real framework version, meetings that partner agencies can take part in."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Q
from django.utils import timezone

from safecontext.access.scope import meetings_visible_to, referrals_visible_to
from safecontext.accounts.models import Service, User
from safecontext.audit.actions import record_change
from safecontext.audit.models import AuditEvent
from safecontext.contexts.models import Context
from safecontext.core.actions_base import inside_action
from safecontext.demo import data
from safecontext.demo.builder import build_demo
from safecontext.front_door.models import Mention, Referral, ScreeningDecision
from safecontext.front_door.routing import next_triage_meeting
from safecontext.front_door.timescales import decision_due
from safecontext.meetings.models import AgendaItem, Meeting, MeetingAction
from safecontext.network.models import Link, Node, ObjectOfInterest
from safecontext.people.models import PersonName
from safecontext.thresholds.loader import get_framework
from safecontext.thresholds.suggestion import suggest_level

pytestmark = pytest.mark.django_db

CLUSTER_NAMES = {("Ellis", "Tomlinson"), ("Precious", "Adjei"), ("Harvey", "Gorringe"), ("Sami", "Nasser")}


def load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_load_demo_writes_the_front_door() -> None:
    before = timezone.now()
    output = load()
    after = timezone.now()

    plan = build_demo(today=timezone.localdate(before)).front_door
    assert "40 referrals at the front door" in output
    assert Referral.objects.count() == len(plan.referrals) == 40
    assert Context.objects.count() == len(plan.contexts)
    assert ObjectOfInterest.objects.count() == len(plan.objects)
    assert Node.objects.count() == len(plan.nodes)
    # The casework that follows (issue 5) adds links accepted from case notes; the front door's are the rest.
    assert Link.objects.exclude(source_kind=Link.SourceKind.CASE_NOTE).count() == len(plan.links)
    assert Mention.objects.count() == sum(len(r.mentions) for r in plan.referrals)
    assert ScreeningDecision.objects.count() == sum(r.screening is not None for r in plan.referrals)
    assert Meeting.objects.count() == len(plan.meetings)
    assert sorted(Referral.objects.values_list("concerns", flat=True)) == sorted(r.concerns for r in plan.referrals)
    (event,) = AuditEvent.objects.filter(action="demo.loaded")
    assert event.after["referrals"] == 40 and event.after["links"] == len(plan.links)

    for referral in Referral.objects.all():
        assert referral.decision_due_at == decision_due(referral.received_at)
        assert referral.received_at < referral.recorded_at < after  # recorded as it arrived, not at loading
    for decision in ScreeningDecision.objects.all():
        framework = get_framework(decision.framework_slug, decision.framework_version)
        assert all(framework.has_indicator(i) for i in decision.indicator_ids)
        assert decision.suggested_level == suggest_level(framework, decision.indicator_ids).level.number
    assert Referral.objects.filter(status="awaiting_screening", decision_due_at__lt=after).count() == 5

    # The links each mention produced carry their referral as source.
    for mention in Mention.objects.all():
        produced = Link.objects.filter(Q(a=mention.node) | Q(b=mention.node), type=mention.link_type)
        assert produced.filter(source_kind="referral", source_id=mention.referral_id).exists()

    # The next daily triage meeting: scheduled for the next slot, its agenda the referrals screened since the last.
    (triage,) = Meeting.objects.filter(kind="daily_triage", status="scheduled")
    assert triage.scheduled_for in {next_triage_meeting(before), next_triage_meeting(after)}
    assert triage.items.count() >= 5
    (strategy,) = Meeting.objects.filter(kind="strategy_discussion")
    assert strategy.outcome == "s47" and strategy.status == "held"
    assert MeetingAction.objects.filter(meeting=strategy, owner__isnull=False).count() >= 3
    assert Link.objects.filter(source_kind="meeting", source_id=strategy.pk).exists()


def test_the_cluster_is_one_bus_route_and_one_adult_in_the_database() -> None:
    load()

    (tiny_node,) = {mention.node for mention in Mention.objects.filter(as_written__in=["Tiny", "Tiney", "Tyni"])}
    spellings = set(Mention.objects.filter(node=tiny_node).values_list("as_written", flat=True))
    assert {"Tiny", "Tiney", "Tyni"} <= spellings
    assert set(PersonName.objects.filter(person=tiny_node.person).values_list("given_name", flat=True)) == {
        "Tiny", "Tiney", "Tyni",
    }  # fmt: skip
    route_7 = Node.objects.get(context__name="Route 7 bus / Brightside Interchange")
    referred = Referral.objects.filter(mentions__node=tiny_node, about="children").distinct()
    names = {
        (name.given_name, name.family_name)
        for referral in referred
        for child in referral.children.all()
        for name in child.names.filter(kind="legal")
    }
    assert names == CLUSTER_NAMES
    assert len({r.referrer_name for r in referred}) == len(referred) == 4
    assert referred.filter(status="awaiting_screening").exists()
    for referral in referred:
        (child,) = referral.children.all()
        child_node = Node.objects.get(person=child)
        assert Link.objects.filter(a=tiny_node, b=child_node, type="exploits", source_id=referral.pk).exists()
        assert Link.objects.filter(a=child_node, b=route_7, source_kind="referral", source_id=referral.pk).exists()
    # The police referred the bus route itself.
    assert Referral.objects.filter(about="context", subject_context=route_7.context, source="6").exists()


def test_partner_agencies_see_the_meetings_they_attend_and_only_those_referrals() -> None:
    load()
    police = User.objects.get(username="police.leon")
    health = User.objects.get(username="health.amara")

    for partner in (police, health):
        meetings = set(meetings_visible_to(partner))
        assert meetings == set(Meeting.objects.filter(attendees__user=partner))
        assert Meeting.objects.get(kind="daily_triage", status="scheduled") in meetings
        on_agendas = set(Referral.objects.filter(agenda_items__meeting__in=meetings))
        visible = set(referrals_visible_to(partner))
        assert visible == on_agendas
        assert not any(referral.status == "awaiting_screening" for referral in visible)
    # Health is on the rota for alternate triage meetings, so sees fewer than the police, who attend every one.
    assert len(meetings_visible_to(health)) < len(meetings_visible_to(police))
    assert len(referrals_visible_to(police)) < Referral.objects.count()
    assert AgendaItem.objects.filter(meeting__attendees__user=police).exists()


def test_a_demo_loaded_before_the_front_door_says_how_to_get_it() -> None:
    service = Service(name=data.COUNCIL_SERVICE)
    with inside_action():
        service.save()
        record_change(by=None, action="demo.loaded", target=service, after={"people": 200})

    output = load()

    assert "already loaded" in output and "without the front door" in output and "empty database" in output
    assert Referral.objects.count() == 0
