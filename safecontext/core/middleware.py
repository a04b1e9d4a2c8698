from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from safecontext.audit.actions import AuditWriteFailed


class NoStoreMiddleware:
    """Pages hold children's data: no browser or proxy may cache them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if not request.path.startswith("/static/"):
            response.setdefault("Cache-Control", "no-store")
        return response


class AuditFailureMiddleware:
    """A failed audit write fails the request: the action's transaction was rolled back, so say nothing was saved."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, AuditWriteFailed):
            return None
        if request.path.startswith("/api/"):
            from django.http import JsonResponse

            return JsonResponse(
                {"detail": "The audit record could not be written, so nothing was saved or shown. Try again."},
                status=503,
            )
        response = TemplateResponse(request, "core/audit_failed.html", status=503)
        return response.render()
