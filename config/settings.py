"""Trellis settings: one module, driven by the environment.

Without any environment the app runs on the embedded default: SQLite, a
filesystem Celery broker and a file cache under var/, so `make run` needs no
servers. DATABASE_URL and REDIS_URL switch it to PostgreSQL and Redis.
DJANGO_ENV=production turns on the deployment hardening and makes every
secret mandatory (there are no production defaults).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DJANGO_ENV = env.str("DJANGO_ENV", default="development")
if DJANGO_ENV not in {"development", "test", "production"}:
    raise ImproperlyConfigured("DJANGO_ENV must be development, test or production")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = env.bool("DJANGO_DEBUG", default=False)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DJANGO_DEBUG must be off in production")

# Local state of the embedded default (SQLite file, broker folders, cache, mail).
VAR_DIR = Path(env.str("TRELLIS_VAR_DIR", default=str(BASE_DIR / "var")))

if PRODUCTION:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str(
        "DJANGO_SECRET_KEY", default="insecure-development-key-never-use-in-production"
    )
    ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])

# Absolute links in emails point here (an email has no request to build from).
SITE_URL = env.str("TRELLIS_SITE_URL", default="http://localhost:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "apps.accounts",
    "apps.clinics",
    "apps.audit",
    "apps.safety",
    "apps.protocols",
    "apps.alerts",
    "apps.diaries",
    "apps.dashboards",
    "apps.trials",
    "apps.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every page the app makes: Cache-Control: no-store (static files, answered
    # by WhiteNoise above, stay cacheable).
    "apps.accounts.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After authentication and allauth: end stale sessions first, then hold
    # staff without MFA on the setup pages, then ask for the password again
    # before sensitive changes.
    "apps.accounts.middleware.SessionLifetimeMiddleware",
    # After the session check (an ended session reads as anonymous): a
    # patient's pages in their language, staff pages in English.
    "apps.diaries.locale_middleware.PatientLanguageMiddleware",
    "apps.accounts.middleware.MfaRequiredMiddleware",
    "apps.accounts.middleware.ReauthenticateForSensitiveChangesMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "apps.clinics.context_processors.membership",
                "apps.alerts.context_processors.inbox",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'trellis.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server, the worker and beat share one file: wait for locks
    # instead of failing, and take the write lock at BEGIN.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
    # Covering indexes (`include=`) speed up PostgreSQL; SQLite builds them
    # without the extra columns, which is all the embedded demo needs.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "trellis",
        }
    }
else:
    # A file cache is shared by every process on this machine, so allauth's
    # login rate limits hold even without Redis.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# allauth: email login, no usernames, and no open signup (see the adapter).
ACCOUNT_ADAPTER = "apps.accounts.adapter.InviteOnlyAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# An invitation arrives by email, so accepting it proves the address.
ACCOUNT_EMAIL_VERIFICATION = "none"
# Changing the password keeps this session and ends every other one (Django
# checks each session against the password hash).
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
# Backed by CACHES["default"]: Redis, or the file cache every process shares.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    # Per IP, and per account (the "key" is the email typed, or the user for
    # a TOTP code): 5 failures lock that account's login for 5 minutes.
    "login_failed": "10/m/ip,5/300s/key",
    "reset_password": "20/m/ip,5/m/key",  # nosec B105 (a rate, not a password)
    "reauthenticate": "10/m/user",
    "change_password": "5/m/user",  # nosec B105
}
# Behind a reverse proxy every request comes from the proxy's address, so the
# per-IP limits above (and the access trail's "from") would lump every client
# together. Set TRELLIS_TRUSTED_PROXY_COUNT to the number of proxies in front of
# Trellis (1 for one nginx or load balancer): the client is then the address that
# many entries from the right of X-Forwarded-For. 0 (the default, no proxy) uses
# the connection's address and ignores X-Forwarded-For, which a client can forge.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRELLIS_TRUSTED_PROXY_COUNT", default=0)
# How long a password or TOTP re-entry counts for sensitive changes.
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300

# MFA (allauth.mfa): TOTP plus recovery codes. Required for clinicians,
# admins and Django-admin operators (apps.accounts.middleware); optional for
# patients. Security keys (WebAuthn) are not switched on yet.
MFA_ADAPTER = "apps.accounts.adapter.TrellisMFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Trellis"
# One 30-second step either side: phones' clocks drift, and a code typed as it
# rolls over should still work. A used code is refused again (allauth).
MFA_TOTP_TOLERANCE = 1
# A wrong TOTP code counts against "login_failed" above, per user.

# Sessions: staff sessions end after 30 minutes idle and 12 hours in all.
# Patients write long journal entries on their phones, so their idle limit
# is longer; the 12-hour cap is the same.
SESSION_STAFF_IDLE_SECONDS = env.int("SESSION_STAFF_IDLE_SECONDS", default=30 * 60)
SESSION_PATIENT_IDLE_SECONDS = env.int("SESSION_PATIENT_IDLE_SECONDS", default=2 * 60 * 60)
SESSION_MAX_SECONDS = env.int("SESSION_MAX_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_MAX_SECONDS
# URL names whose POST needs a fresh password (or TOTP) entry; the request is
# kept and replayed after reauthentication. MFA's own pages already ask.
SENSITIVE_URL_NAMES = [
    "dashboards:risk_settings",
    # The clinic's labelled crisis examples, with the entries' text (issue 17).
    "crisis_examples:export",
    "admin:alerts_alertpolicy_add",
    "admin:alerts_alertpolicy_change",
    "admin:alerts_alertpolicy_delete",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LANGUAGE_CODE = "en-us"
# The patient's pages, emails and the crisis page come in these (issue 19);
# staff pages are English only (apps/diaries/locale_middleware.py).
LANGUAGES = [("en", "English"), ("es", "Español")]
# One catalogue for every app and template: makemessages from the project
# root writes here (see locale/README.md).
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Third-party front-end assets come from npm (package-lock.json), never copies.
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
# Outside production, WhiteNoise serves straight from the finders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}


# Email: Django's own backends, through Django 6.1's MAILERS. EMAIL_URL is
# smtp://user:pass@host:port (smtp+tls:// for STARTTLS, smtps:// for TLS),
# or file:// to write each message to var/mail (the local default).
def _mailer_from_url(url: str) -> dict:
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(url)
    if parts.scheme == "file":
        return {
            "BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "OPTIONS": {"file_path": str(VAR_DIR / "mail")},
        }
    if parts.scheme in {"smtp", "smtp+tls", "smtps"}:
        return {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": parts.hostname or "localhost",
                "port": parts.port or {"smtps": 465, "smtp+tls": 587}.get(parts.scheme, 25),
                "username": unquote(parts.username or ""),
                "password": unquote(parts.password or ""),
                "use_tls": parts.scheme == "smtp+tls",
                "use_ssl": parts.scheme == "smtps",
                "timeout": env.int("EMAIL_TIMEOUT", default=20),
            },
        }
    raise ImproperlyConfigured(f"EMAIL_URL scheme {parts.scheme!r} is not supported")


if PRODUCTION:
    EMAIL_URL = env.str("EMAIL_URL")
else:
    EMAIL_URL = env.str("EMAIL_URL", default="file://")
MAILERS = {"default": _mailer_from_url(EMAIL_URL)}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Trellis <alerts@trellis.invalid>")

# Celery: Redis when REDIS_URL is set, else kombu's filesystem transport.
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(VAR_DIR / "broker" / "queue"),
        "data_folder_out": str(VAR_DIR / "broker" / "queue"),
        "processed_folder": str(VAR_DIR / "broker" / "processed"),
        "store_processed": False,
        # The exchange-queue tables; kombu's default is "control" in the
        # working directory, which put control/ in the repository.
        "control_folder": str(VAR_DIR / "broker" / "control"),
    }
    # The filesystem transport has no fanout exchanges for remote control.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
# A delivery that fails to be enqueued must not fail the check-in: the sweep
# picks the alert up again, so the publish gives up quickly.
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.5}
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
# How often beat runs the alert jobs; the tests that break things on purpose
# shorten them through the environment.
ALERT_JOBS_INTERVAL_SECONDS = env.float("ALERT_JOBS_INTERVAL_SECONDS", default=60.0)
CELERY_BEAT_SCHEDULE = {
    "alerts-sweep": {"task": "apps.alerts.tasks.sweep", "schedule": ALERT_JOBS_INTERVAL_SECONDS},
    "alerts-escalate": {
        "task": "apps.alerts.tasks.escalate",
        "schedule": ALERT_JOBS_INTERVAL_SECONDS,
    },
    "alerts-heartbeat": {
        "task": "apps.alerts.tasks.heartbeat",
        "schedule": ALERT_JOBS_INTERVAL_SECONDS,
    },
    # Every hour on the hour; each clinic's digest goes out at its own local hour.
    "alerts-digest": {"task": "apps.alerts.tasks.digest", "schedule": crontab(minute=0)},
    "diaries-missed-checkins": {
        "task": "apps.diaries.tasks.missed_checkins",
        "schedule": crontab(hour=10, minute=30),
    },
    # Patients choose their reminder time to the minute; every five minutes is
    # close enough, and each patient is claimed at most once a day.
    # The semantic crisis reader: entries not yet read as they are now
    # (apps/diaries/services.py checkins_semantic_sweep).
    "diaries-semantic-sweep": {
        "task": "apps.diaries.tasks.semantic_sweep",
        "schedule": ALERT_JOBS_INTERVAL_SECONDS,
    },
    "diaries-reminders": {
        "task": "apps.diaries.tasks.reminders",
        "schedule": crontab(minute="*/5"),
    },
    # Closed accounts whose clinic chose deletion, once their time has come.
    "clinics-purge-closed-accounts": {
        "task": "apps.clinics.tasks.purge_closed_accounts",
        "schedule": crontab(hour=3, minute=15),
    },
    # Exports whose enqueue was lost, or whose worker died mid-build.
    "dashboards-exports-sweep": {
        "task": "apps.dashboards.tasks.sweep_exports",
        "schedule": env.float("EXPORT_SWEEP_INTERVAL_SECONDS", default=60.0),
    },
    # Built files past EXPORT_KEEP_DAYS are wiped (they are already refused
    # for download from the moment they expire; this removes the text).
    "dashboards-exports-expire": {
        "task": "apps.dashboards.tasks.expire_exports",
        "schedule": crontab(hour=3, minute=45),
    },
}

# Exports (apps/dashboards): how long a built file may be downloaded before
# the daily job wipes it, and the sweep and retries of the background build.
EXPORT_KEEP_DAYS = env.int("EXPORT_KEEP_DAYS", default=7)
EXPORT_SWEEP_AFTER_SECONDS = env.int("EXPORT_SWEEP_AFTER_SECONDS", default=60)
# A build's claim is refreshed with its progress; one this old is a dead worker's.
EXPORT_CLAIM_TIMEOUT_SECONDS = env.int("EXPORT_CLAIM_TIMEOUT_SECONDS", default=600)
EXPORT_MAX_ATTEMPTS = env.int("EXPORT_MAX_ATTEMPTS", default=3)
EXPORT_RETRY_BASE_SECONDS = env.float("EXPORT_RETRY_BASE_SECONDS", default=30.0)

# Alerts that no worker has claimed after this long are re-enqueued by the sweep.
ALERT_SWEEP_AFTER_SECONDS = env.int("ALERT_SWEEP_AFTER_SECONDS", default=60)
# A claim older than this is treated as a worker that died mid-delivery.
ALERT_CLAIM_TIMEOUT_SECONDS = env.int("ALERT_CLAIM_TIMEOUT_SECONDS", default=300)
ALERT_MAX_DELIVERY_ATTEMPTS = env.int("ALERT_MAX_DELIVERY_ATTEMPTS", default=5)
# The alert webhook goes only to public addresses (apps/alerts/channels/webhook.py).
# Only the tests' loopback receiver turns this on; there is no environment switch.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = False

# Web Push reminders (apps/diaries/reminder_channels/push.py): the VAPID key pair
# that signs each push, base64url (raw private scalar; uncompressed public point).
# A deployment makes its own with `manage.py vapid_keys`; the defaults are the
# demo's and the tests' fixed pair, public in this repository, so production has
# none and push reminders stay off there until the keys are set.
_DEMO_VAPID_PRIVATE_KEY = "DEZf2KHeVyMsqcVhccbrGn4AL6OOOszok2mmVkvEwug"
_DEMO_VAPID_PUBLIC_KEY = (
    "BHmAsY-UKW5jgiE6gnxFDaqzMosCF64W0POCUsQ7xNm_K9HN0VpeOuuyuAdGLuP8s2zm1wO4KUNxhvLTZANwzVM"
)
WEBPUSH_VAPID_PRIVATE_KEY = env.str(
    "WEBPUSH_VAPID_PRIVATE_KEY", default="" if PRODUCTION else _DEMO_VAPID_PRIVATE_KEY
)
WEBPUSH_VAPID_PUBLIC_KEY = env.str(
    "WEBPUSH_VAPID_PUBLIC_KEY", default="" if PRODUCTION else _DEMO_VAPID_PUBLIC_KEY
)
WEBPUSH_VAPID_SUBJECT = env.str("WEBPUSH_VAPID_SUBJECT", default="mailto:reminders@trellis.invalid")
# Push services are public https addresses; only the tests' loopback fake turns this on.
WEBPUSH_ALLOW_PRIVATE_ENDPOINTS = False
# First retry of a failed delivery after this long, doubling each time.
ALERT_RETRY_BASE_SECONDS = env.float("ALERT_RETRY_BASE_SECONDS", default=10.0)
# /health/ reports trouble when the worker heartbeat or the oldest undelivered
# alert is older than these.
HEALTH_MAX_HEARTBEAT_AGE_SECONDS = env.int("HEALTH_MAX_HEARTBEAT_AGE_SECONDS", default=180)
HEALTH_MAX_UNDELIVERED_AGE_SECONDS = env.int("HEALTH_MAX_UNDELIVERED_AGE_SECONDS", default=300)

# Encryption at rest (apps/accounts/encryption.py): Fernet keys, comma-
# separated, newest first. The embedded default derives one from its own
# development secret key; production has no default and fails `check`.
if PRODUCTION:
    TRELLIS_ENCRYPTION_KEYS = [
        key.strip() for key in env.list("TRELLIS_ENCRYPTION_KEYS", default=[]) if key.strip()
    ]
else:
    import base64
    import hashlib

    _development_key = base64.urlsafe_b64encode(
        hashlib.sha256(b"trellis-encryption-at-rest:" + SECRET_KEY.encode()).digest()
    ).decode()
    TRELLIS_ENCRYPTION_KEYS = env.list("TRELLIS_ENCRYPTION_KEYS", default=[_development_key])

# Content-Security-Policy: Django's own middleware. No inline script, no eval.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

# Invitations expire after this many days.
INVITATION_TTL_DAYS = env.int("INVITATION_TTL_DAYS", default=7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
}

for folder in (
    "broker/queue",
    "broker/processed",
    "broker/control",
    "cache",
    "mail",
    "staticfiles",
):
    (VAR_DIR / folder).mkdir(parents=True, exist_ok=True)
