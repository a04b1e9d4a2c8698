"""One settings module, driven by the environment (see docs/adr/0002-settings-from-environment.md).

Development (the default) needs no variables at all: SQLite beside the project, DEBUG on, a fixed local secret key.
Production is `SAFECONTEXT_ENV=production`: a secret key and allowed hosts must be given, HTTPS-only cookies
and HSTS are switched on, and a missing or bad value stops start-up.
"""

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from safecontext.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

ENVIRONMENT = env_str("SAFECONTEXT_ENV", "development")
if ENVIRONMENT not in {"development", "test", "production"}:
    raise ImproperlyConfigured(f"SAFECONTEXT_ENV={ENVIRONMENT!r}: use development, test or production.")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production: it shows children's data in error pages.")

SECRET_KEY = env_str("SECRET_KEY", "" if PRODUCTION else "development-only-not-secret-" + "x" * 40)
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY must be set to at least 50 random characters.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must list the host names SafeContext is served on.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "safecontext.core",
    "safecontext.accounts",
    "safecontext.audit",
    "safecontext.access",
    "safecontext.people",
    "safecontext.cases",
    "safecontext.contexts",
    "safecontext.network",
    "safecontext.front_door",
    "safecontext.meetings",
    "safecontext.context_plans",
    "safecontext.analytics",
    "safecontext.assessments",
    "safecontext.genograms",
    "safecontext.safety_plans",
    "safecontext.supervision",
    "safecontext.sharing",
    "safecontext.demo",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "safecontext.accounts.middleware.SessionLimitsMiddleware",
    "safecontext.accounts.middleware.LoginRequiredMiddleware",
    "safecontext.access.middleware.UrlPolicyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "safecontext.core.middleware.NoStoreMiddleware",
    "safecontext.core.middleware.AuditFailureMiddleware",
]

ROOT_URLCONF = "safecontext.urls"
WSGI_APPLICATION = "safecontext.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "safecontext" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "safecontext.core.context_processors.header",
            ],
        },
    },
]

# SQLite beside the project unless DATABASE_URL names another database (PostgreSQL in production).
_default_database_url = f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
try:
    DATABASES = {"default": dj_database_url.parse(env_str("DATABASE_URL", _default_database_url))}
except ValueError as error:
    raise ImproperlyConfigured(f"DATABASE_URL could not be read: {error}") from None
if DATABASES["default"]["ENGINE"] not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
    raise ImproperlyConfigured("DATABASE_URL must be a sqlite:// or postgres:// URL.")
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
    # Tests use a database file rather than SQLite's shared in-memory database: the browser tests' live server answers
    # from other threads, and a shared-cache in-memory database lets one thread read another's half-written rows and
    # cannot wait for a lock (seen as a flaky "get() returned more than one User" and as 503s on concurrent htmx calls).
    # SAFECONTEXT_TEST_DB_NAME lets two test runs on one machine use separate files.
    DATABASES["default"]["TEST"] = {"NAME": env_str("SAFECONTEXT_TEST_DB_NAME", str(BASE_DIR / ".test-db.sqlite3"))}

# Background work (network clusters) goes through Django's tasks API. Django ships no backend that runs tasks
# later, so the queue is a table (django-tasks-db); `manage.py db_worker` runs them (docs/adr/0017).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The hotspot map's background tiles (analytics): a URL template such as "https://tiles.example.org/{z}/{x}/{y}.png"
# from a tile server the council trusts, or a path on this site. Empty (the default): no tiles, and the map still
# shows its points on a plain background, so nothing about where young people are harmed leaves SafeContext.
# An external tile server's origin is added to the Content Security Policy's img-src below.
MAP_TILE_URL = env_str("MAP_TILE_URL", "")
MAP_TILE_ATTRIBUTION = env_str("MAP_TILE_ATTRIBUTION", "")
if MAP_TILE_URL and not MAP_TILE_URL.startswith(("https://", "http://", "/")):
    raise ImproperlyConfigured("MAP_TILE_URL must be an http(s):// URL template or a path starting with /.")
_MAP_TILE_ORIGIN = ["/".join(MAP_TILE_URL.split("/")[:3])] if MAP_TILE_URL.startswith("http") else []

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:sign_in"
LOGIN_REDIRECT_URL = "core:home"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Sessions: idle timeout 30 minutes (the cookie age, renewed on every request); the absolute 12-hour limit is
# enforced by SessionLimitsMiddleware from the sign-in time kept in the session.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60, minimum=60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60, minimum=60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Sign-in lockout: 5 failures lock a username (known or not) for 30 minutes.
SIGN_IN_MAX_FAILURES = env_int("SIGN_IN_MAX_FAILURES", 5, minimum=1)
SIGN_IN_LOCKOUT_SECONDS = env_int("SIGN_IN_LOCKOUT_SECONDS", 30 * 60, minimum=60)
BREAK_GLASS_SECONDS = env_int("BREAK_GLASS_SECONDS", 4 * 60 * 60, minimum=60)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Content Security Policy (Django 6): everything from our own origin; no inline script.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *_MAP_TILE_ORIGIN],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
}

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = False
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "safecontext" / "static"]
if PRODUCTION:
    # Production serves collected, hashed files (collectstatic); development and tests serve from the sources.
    STATIC_ROOT = BASE_DIR / "staticfiles"
else:
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if ENVIRONMENT != "production":
    # Tests and `make run` need no collectstatic manifest.
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}

# Demo: `make run` loads a synthetic council; it refuses to load into production.
DEMO_ALLOWED = not PRODUCTION
