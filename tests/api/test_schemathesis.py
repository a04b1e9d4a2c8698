"""Property-based tests of the whole API against its own OpenAPI document (schemathesis + hypothesis).

Every operation in /api/openapi.json is called with generated requests — valid ones and deliberately invalid ones —
in-process through the WSGI application, inside the test's database transaction, with a real bearer token. Every
response must be a non-5xx status the document declares for that operation, with a body matching the declared
schema. Roughly half the generated person ids are swapped for people who exist, so the 200/201/409 paths are
exercised as well as the 404s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from safecontext.accounts.api_auth import token_digest
from safecontext.accounts.models import ApiToken, User
from tests import factories
from tests.conftest import World

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    # Invalid input must be refused (4xx): the document describes the validation the API really applies.
    negative_data_rejection,
    # A successful request is re-sent without the token and with a wrong one: both must be refused.
    ignored_auth,
    # A request without the Authorization header gets 401; a method the document does not list gets 405 + Allow.
    missing_required_header,
    unsupported_method,
]


@pytest.fixture
def people(world: World) -> list[int]:
    """The world's three people and a few more with aliases, estimated dates of birth and identifiers."""
    service = world.child.service
    extra = [
        factories.make_person("Jaiden", "Okafor", service=service, aliases=[("JJ", "")], nhs_number="9434765919"),
        factories.make_person(
            "Amira", "Haddad", service=service, date_of_birth=dt.date(2009, 11, 2), upn="B801200005001"
        ),
        factories.make_person(
            "Callum", "O'Neill", service=service, date_of_birth_estimated=True, address="3 Quay Street"
        ),
    ]
    return [world.child.pk, world.mother.pk, world.other_child.pk, *(person.pk for person in extra)]


SETTINGS = settings(
    max_examples=30,
    deadline=None,
    # The database fixtures are per test, not per example: requests from all examples share one transaction,
    # which is what we want (later examples meet the people earlier ones created and edited).
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# Loaded once, at collection, from the running application's own endpoint (serving the document needs no database).
# (schemathesis.pytest.from_fixture would load it per test, but it does not work with pytest 9's nodes.)
schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
# The token is configured on the schema, so schemathesis knows the requests carry valid credentials: it probes
# auth itself (ignored_auth, missing_required_header) rather than mistaking our header for one it generated.
# Each test stores this token's digest for its own persona, inside its own transaction.
TOKEN = "schemathesis-test-token-not-a-secret-" + "x" * 16
schema.config.update(headers={"Authorization": f"Bearer {TOKEN}"})


def _token_for(user: User) -> None:
    ApiToken.objects.create(user=user, digest=token_digest(TOKEN), expires_at=timezone.now() + dt.timedelta(hours=1))


@pytest.fixture(autouse=True)
def _keep_the_test_transaction() -> Iterator[None]:
    # The real WSGI handler closes "old" database connections when a request starts and ends; inside a test's
    # transaction PostgreSQL's connection counts as old, and closing it would end the test. Django's test client
    # switches this off in the same way.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def front_door(world: World) -> None:
    _token_for(world.users["front_door"])


@pytest.fixture
def manager(world: World) -> None:
    _token_for(world.users["manager"])


def _call(case: schemathesis.Case, people: list[int]) -> None:
    person_id = case.path_parameters.get("person_id") if case.path_parameters else None
    if isinstance(person_id, int) and not isinstance(person_id, bool) and person_id >= 1 and person_id % 2:
        case.path_parameters["person_id"] = people[person_id % len(people)]
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@SETTINGS
def test_api_as_the_front_door(case: schemathesis.Case, front_door: None, people: list[int]) -> None:
    """The front door reaches the whole service and may create and edit people."""
    _call(case, people)


@schema.parametrize()
@SETTINGS
def test_api_as_a_manager(case: schemathesis.Case, manager: None, people: list[int]) -> None:
    """A team manager also sees restricted addresses and who viewed a record."""
    _call(case, people)
