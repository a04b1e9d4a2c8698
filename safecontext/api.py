"""The JSON API root (django-ninja). Each app adds its router in its own `api.py`.

Same access rules and audit as the pages: routes fetch records through access/scope.py and record reads with
audit/actions.record_access. OpenAPI is served at /api/openapi.json; see docs/adr/0007-json-api.md.

The exception handlers below are the whole error contract: anything a client can provoke answers 4xx with a
`detail` sentence (and `errors`, field → messages, for bad input); a failed audit write answers 503. Only a bug
in SafeContext itself is a 500, and that is never rendered with a traceback.
"""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from safecontext.access.permissions import permissions_for
from safecontext.accounts.api_auth import BearerToken
from safecontext.accounts.models import User
from safecontext.api_schemas import ErrorOut, ValidationErrorOut
from safecontext.audit.actions import AuditWriteFailed
from safecontext.people.actions import EditConflict


class SafeContextAPI(NinjaAPI):
    """The exception handlers below answer the same way for every route, so the OpenAPI document says so for every
    route too: each authenticated operation may answer 401 (no valid token), 404 (not found, or not yours to see),
    422 (bad input, when it takes any) and 503 (the audit record could not be written). A route that declares one of
    these itself keeps its own description."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        components = schema.setdefault("components", {}).setdefault("schemas", {})
        components.setdefault("ErrorOut", ErrorOut.model_json_schema())
        components.setdefault("ValidationErrorOut", ValidationErrorOut.model_json_schema())
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                if not isinstance(operation, dict) or not operation.get("security"):
                    continue
                responses = operation.setdefault("responses", {})
                takes_input = bool(operation.get("parameters") or operation.get("requestBody"))
                for status, (description, body) in _ERROR_CONTRACT.items():
                    if status == 422 and not takes_input:
                        continue
                    responses.setdefault(
                        status,
                        {
                            "description": description,
                            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
                        },
                    )
        return schema


_ERROR_CONTRACT = {
    401: ("No valid API token", "ErrorOut"),
    404: ("Not found, or not yours to see (the two are not told apart)", "ErrorOut"),
    422: ("The request has errors", "ValidationErrorOut"),
    503: ("The audit record could not be written, so nothing was saved or shown", "ErrorOut"),
}

api = SafeContextAPI(
    title="SafeContext API",
    version="1",
    description=(
        "The JSON API of SafeContext. Every request needs `Authorization: Bearer <token>`; tokens are issued with "
        "`python manage.py api_token <username>`. A record you may not see answers 404, exactly as one that does "
        "not exist; every read of a person is recorded."
    ),
    urls_namespace="api",
    auth=BearerToken(),
    docs_url=None,  # the interactive docs page loads scripts from a CDN; the schema is at /api/openapi.json
)

NOT_FOUND = {"detail": "Not found."}
BAD_INPUT = "The request has errors. Correct the fields listed and try again."


def _field_messages(errors: list[dict[str, Any]]) -> dict[str, list[str]]:
    """ninja's error list → field → messages. `loc` is (source, [body parameter name,] field, …)."""
    fields: dict[str, list[str]] = {}
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        if loc and loc[0] == "body":
            loc = loc[2:]  # drop "body" and the name of the view's body parameter
        elif loc:
            loc = loc[1:]  # drop "query" / "path"
        fields.setdefault(".".join(loc) or "__all__", []).append(str(error.get("msg", "Invalid value")))
    return fields


def _django_field_messages(error: DjangoValidationError) -> dict[str, list[str]]:
    """A Django ValidationError → field → messages (non-field errors under "__all__")."""
    if not hasattr(error, "error_dict"):
        return {"__all__": list(error.messages)}
    return {field: list(messages) for field, messages in error.message_dict.items()}


def validation_response(request: HttpRequest, errors: dict[str, list[str]]) -> HttpResponse:
    return api.create_response(request, {"detail": BAD_INPUT, "errors": errors}, status=422)


@api.exception_handler(NinjaValidationError)
def _ninja_validation_error(request: HttpRequest, error: NinjaValidationError) -> HttpResponse:
    return validation_response(request, _field_messages(error.errors))


@api.exception_handler(DjangoValidationError)
def _django_validation_error(request: HttpRequest, error: DjangoValidationError) -> HttpResponse:
    return validation_response(request, _django_field_messages(error))


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, error: Http404) -> HttpResponse:
    # One body for "does not exist" and "not yours to see", whatever DEBUG says: a denial reveals nothing.
    return api.create_response(request, NOT_FOUND, status=404)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, error: AuthenticationError) -> HttpResponse:
    response = api.create_response(
        request,
        {"detail": "A valid API token is needed: send Authorization: Bearer <token>."},
        status=401,
    )
    response["WWW-Authenticate"] = 'Bearer realm="SafeContext API"'
    return response


@api.exception_handler(EditConflict)
def _edit_conflict(request: HttpRequest, conflict: EditConflict) -> HttpResponse:
    # Nothing lost: the client is told what changed since it read the record and which version to start from.
    body = {
        "detail": "Someone else changed this record after you read it. Nothing was saved: "
        "check the differences and send your changes again with the current version.",
        "current_version": conflict.current_version,
        "differences": [
            {
                "field": difference.field,
                "label": difference.label,
                "theirs": difference.theirs,
                "yours": difference.yours,
            }
            for difference in conflict.differences
        ],
    }
    return api.create_response(request, body, status=409)


@api.exception_handler(AuditWriteFailed)
def _audit_failed(request: HttpRequest, error: AuditWriteFailed) -> HttpResponse:
    return api.create_response(
        request,
        {"detail": "The audit record could not be written, so nothing was saved or shown. Try again later."},
        status=503,
    )


@api.exception_handler(Exception)
def _bug(request: HttpRequest, error: Exception) -> HttpResponse:
    # ninja's default shows a traceback when DEBUG is on. A traceback can hold a child's data, so a bug goes to
    # Django's own 500 handling (logged, a plain error page) in every environment.
    raise error


class MeOut(Schema):
    username: str
    name: str
    role: str
    role_label: str
    team: str | None
    service: str | None
    permissions: list[str]


@api.get("/me", response={200: MeOut, 401: ErrorOut}, url_name="me", operation_id="me", tags=["account"])
def me(request: HttpRequest) -> dict[str, Any]:
    """Who the token belongs to, and what it lets them do."""
    user: User = request.auth  # type: ignore[attr-defined]
    return {
        "username": user.username,
        "name": user.display_name,
        "role": user.role,
        "role_label": user.role_label,
        "team": user.team.name if user.team else None,
        "service": user.service.name if user.service else None,
        "permissions": sorted(permissions_for(user)),
    }


from safecontext.people.api import router as people_router  # noqa: E402

api.add_router("/people", people_router)

from safecontext.front_door.api import router as referrals_router  # noqa: E402

api.add_router("/referrals", referrals_router)

from safecontext.cases.api import router as cases_router  # noqa: E402

api.add_router("/cases", cases_router)

from safecontext.contexts.api import router as contexts_router  # noqa: E402

api.add_router("/contexts", contexts_router)

from safecontext.network.api import router as network_router  # noqa: E402

api.add_router("/network", network_router)

from safecontext.context_plans.api import router as context_plans_router  # noqa: E402

api.add_router("/context-plans", context_plans_router)

from safecontext.analytics.api import router as analytics_router  # noqa: E402

api.add_router("/analytics", analytics_router)

from safecontext.assessments.api import router as assessments_router  # noqa: E402

api.add_router("/assessments", assessments_router)

from safecontext.genograms.api import router as genograms_router  # noqa: E402

api.add_router("/genograms", genograms_router)

from safecontext.safety_plans.api import router as safety_plans_router  # noqa: E402

api.add_router("/safety-plans", safety_plans_router)

from safecontext.supervision.api import router as supervision_router  # noqa: E402

api.add_router("/supervision", supervision_router)

from safecontext.sharing.api import router as sharing_router  # noqa: E402

api.add_router("/sharing", sharing_router)
