"""Bearer-token authentication: every API route refuses a request without a valid, current token (401)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from safecontext.accounts.actions import change_user_access
from safecontext.accounts.api_auth import token_digest
from safecontext.accounts.models import ApiToken
from safecontext.accounts.tokens import issue_api_token, revoke_api_token
from tests.api.conftest import token_client
from tests.conftest import World

ME = "/api/me"


def _assert_unauthorised(response) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 401
    assert response.json() == {"detail": "A valid API token is needed: send Authorization: Bearer <token>."}
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_me_with_a_valid_token(world: World) -> None:
    user = world.users["allocated_worker"]
    response = token_client(issue_api_token(user=user, by=None)).get(reverse("api:me"))
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "allocated_worker"
    assert body["role"] == "social_worker"
    assert body["team"] == "Pod A"
    assert body["service"] == "Brightside Children's Services"
    assert "view_people" in body["permissions"] and "use_api" in body["permissions"]
    assert "view_who_viewed" not in body["permissions"]


def test_no_token(world: World) -> None:
    _assert_unauthorised(Client().get(ME))


def test_a_session_is_not_enough(client_for) -> None:  # type: ignore[no-untyped-def]
    # A signed-in browser session does not open the API: the API takes bearer tokens only, so no CSRF exposure.
    _assert_unauthorised(client_for("allocated_worker").get(ME))


@pytest.mark.parametrize("header", ["Bearer not-a-token", "Bearer ", "Basic YWxpOnNlY3JldA==", "token"])
def test_invalid_token(world: World, header: str) -> None:
    _assert_unauthorised(Client(headers={"Authorization": header}).get(ME))


def test_expired_token(world: World) -> None:
    token = issue_api_token(user=world.users["allocated_worker"], by=None)
    ApiToken.objects.filter(digest=token_digest(token)).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    _assert_unauthorised(token_client(token).get(ME))


def test_revoked_token(world: World) -> None:
    token = issue_api_token(user=world.users["allocated_worker"], by=None)
    client = token_client(token)
    assert client.get(ME).status_code == 200
    revoke_api_token(api_token=ApiToken.objects.get(digest=token_digest(token)), by=None)
    _assert_unauthorised(client.get(ME))


def test_disabled_user_is_cut_off_at_once(world: World) -> None:
    user = world.users["allocated_worker"]
    client = token_client(issue_api_token(user=user, by=None))
    assert client.get(ME).status_code == 200
    change_user_access(user=user, is_active=False, by=None)
    _assert_unauthorised(client.get(ME))


def test_role_without_api_permission_is_refused_even_with_a_token(world: World) -> None:
    # A token issued before the user's role changed stops working when the role no longer allows the API.
    user = world.users["allocated_worker"]
    client = token_client(issue_api_token(user=user, by=None))
    change_user_access(user=user, role="partner_agency", by=None)
    _assert_unauthorised(client.get(ME))


def test_every_route_needs_a_token(world: World) -> None:
    child = world.child.pk
    for method, path in [
        ("get", "/api/people?text=Test"),
        ("post", "/api/people"),
        ("get", f"/api/people/{child}"),
        ("patch", f"/api/people/{child}"),
        ("post", f"/api/people/{child}/names"),
        ("post", f"/api/people/{child}/addresses"),
        ("get", f"/api/people/{child}/viewers"),
    ]:
        response = getattr(Client(), method)(path, data={}, content_type="application/json")
        assert response.status_code == 401, (method, path)


def test_last_used_is_recorded(world: World) -> None:
    token = issue_api_token(user=world.users["allocated_worker"], by=None)
    assert ApiToken.objects.get(digest=token_digest(token)).last_used_at is None
    token_client(token).get(ME)
    assert ApiToken.objects.get(digest=token_digest(token)).last_used_at is not None


def test_openapi_document_is_public_and_describes_bearer_auth(db: None) -> None:
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["components"]["securitySchemes"]["BearerToken"] == {"type": "http", "scheme": "bearer"}
    assert Client().get("/api/docs").status_code == 404  # the docs page would load scripts from a CDN
