from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "safecontext.accounts"
    label = "accounts"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from safecontext.accounts.middleware import start_session_clock

        # Every sign-in starts the session's idle and absolute clocks, whichever way it signed in.
        user_logged_in.connect(start_session_clock, dispatch_uid="safecontext.accounts.start_session_clock")
