"""Sign-in, sign-out and password pages. Thin: the forms read the input, the actions decide and audit."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from safecontext.accounts import actions
from safecontext.accounts.forms import SIGN_IN_FAILED, ChangePasswordForm, SignInForm
from safecontext.accounts.middleware import SIGNED_OUT_REASON, sign_out_message
from safecontext.accounts.models import User


def locked_message() -> str:
    minutes = settings.SIGN_IN_LOCKOUT_SECONDS // 60
    return (
        f"There have been too many attempts to sign in with this username. You cannot sign in with it for up to "
        f"{minutes} minutes. Try again later, or ask your system administrator for help"
    )


@sensitive_post_parameters("password", "code")
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    reason = request.session.pop(SIGNED_OUT_REASON, None)
    if reason:
        messages.info(request, sign_out_message(reason))
    if request.method == "GET" and request.user.is_authenticated:
        return _redirect_after_sign_in(request, request.GET.get("next", ""))

    form = SignInForm(request.POST if request.method == "POST" else None, initial={"next": request.GET.get("next", "")})
    if request.method == "POST" and form.is_valid():
        outcome = actions.attempt_sign_in(
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
            code=form.cleaned_data["code"],
            request=request,
        )
        if outcome.user is not None:
            login(request, outcome.user)  # a new session key, so a planted session id is worthless
            return _redirect_after_sign_in(request, form.cleaned_data["next"])
        locked = outcome.result is actions.SignInResult.LOCKED
        form.add_error("username", locked_message() if locked else SIGN_IN_FAILED)
    context = {
        "form": form,
        "max_failures": settings.SIGN_IN_MAX_FAILURES,
        "lockout_minutes": settings.SIGN_IN_LOCKOUT_SECONDS // 60,
    }
    return render(request, "accounts/sign_in.html", context)


def _redirect_after_sign_in(request: HttpRequest, next_url: str) -> HttpResponseRedirect:
    # Only back to a page of ours: an open redirect would let a phishing link borrow our sign-in page.
    safe = url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return redirect(next_url if safe and next_url else resolve_url(settings.LOGIN_REDIRECT_URL))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    if isinstance(request.user, User):
        actions.record_sign_out(user=request.user, reason="signed_out", by=request.user)
    logout(request)
    messages.success(request, "You have signed out")
    return redirect("accounts:sign_in")


@sensitive_post_parameters("current_password", "new_password", "confirm_password")
@never_cache
@require_http_methods(["GET", "POST"])
def change_password(request: HttpRequest) -> HttpResponse:
    assert isinstance(request.user, User)  # LoginRequiredMiddleware lets no one else through
    form = ChangePasswordForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST" and form.is_valid():
        actions.change_password(user=request.user, new_password=form.cleaned_data["new_password"], by=request.user)
        # Keep this session signed in (with a new key); every other session of this user is signed out.
        update_session_auth_hash(request, request.user)
        messages.success(request, "Your password has been changed")
        return redirect(settings.LOGIN_REDIRECT_URL)
    return render(request, "accounts/change_password.html", {"form": form})
