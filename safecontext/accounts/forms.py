"""Sign-in and password forms. They check what was typed; whether it is right is for the actions to decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from safecontext.accounts.models import User

SIGN_IN_FAILED = "Enter a correct username, password and security code"


class GovukForm(forms.Form):
    """Lists errors the way the GOV.UK error summary wants them: the message, and the field it links to."""

    def error_links(self) -> list[tuple[str, str]]:
        links: list[tuple[str, str]] = []
        first_field = next(iter(self.fields))
        for message in self.non_field_errors():
            links.append((str(message), f"id_{first_field}"))
        for name in self.fields:
            for message in self.errors.get(name, []):
                links.append((str(message), f"id_{name}"))
        return links


class SignInForm(GovukForm):
    username = forms.CharField(max_length=150, error_messages={"required": "Enter your username"})
    password = forms.CharField(strip=False, max_length=4096, error_messages={"required": "Enter your password"})
    code = forms.CharField(
        label="Security code", max_length=20, error_messages={"required": "Enter your security code"}
    )
    next = forms.CharField(required=False, max_length=2000)


class ChangePasswordForm(GovukForm):
    current_password = forms.CharField(
        strip=False, max_length=4096, error_messages={"required": "Enter your current password"}
    )
    new_password = forms.CharField(strip=False, max_length=4096, error_messages={"required": "Enter a new password"})
    confirm_password = forms.CharField(
        label="Confirm new password",
        strip=False,
        max_length=4096,
        error_messages={"required": "Enter the new password again"},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_current_password(self) -> str:
        current: str = self.cleaned_data["current_password"]
        if not self.user.check_password(current):
            raise ValidationError("Your current password is not correct")
        return current

    def clean_new_password(self) -> str:
        new: str = self.cleaned_data["new_password"]
        validate_password(new, self.user)
        if self.user.check_password(new):
            raise ValidationError("Your new password must be different from your current password")
        return new

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Compared with what was typed, so a mismatch is reported even when the new password broke a rule too.
        new, confirm = self.data.get("new_password"), cleaned.get("confirm_password")
        if new and confirm and new != confirm:
            self.add_error("confirm_password", "The new passwords do not match")
        return cleaned
