"""Settings shared by every environment.

Nothing here is secret. Values that differ per deployment come from the
environment in ``production.py``; this file only holds safe defaults so that
``make run`` works with nothing set.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

INSTALLED_APPS = [
    "people",
    "home",
    "courses",
    "learning",
    "reports",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "people.apps.WagtailUsersAppConfig",  # wagtail.users with the ASN user forms
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Gzip for pages and JSON (static files come compressed from whitenoise,
    # which answers above); see lms/compression.py for BREACH.
    "lms.compression.TextGZipMiddleware",
    # Before anything that reads the database (sessions, auth), so a lost
    # database answers 503 rather than 500.
    "lms.middleware.DatabaseUnavailableMiddleware",
    "lms.middleware.ContentSecurityPolicyMiddleware",
    "lms.middleware.IdRangeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.middleware.CookieLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "lms.wsgi.application"

# SQLite next to the code unless DATABASE_URL names another database
# (postgres://user@host:5432/name uses psycopg 3).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Local memory unless REDIS_URL points at a Redis server.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lms",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses logins to an identifier locked out by django-axes.
    "people.backends.LoginAttemptsBackend",
    "people.backends.NIPOrEmailBackend",
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator",
        # The ASN's own name and NIP, not only Django's default fields.
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "nip")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Failed logins (django-axes): five wrong passwords for one account from one
# address lock that pair for 15 minutes. The site's login, the Wagtail
# admin's and Django's admin login all go through the same backends.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# An NIP, an e-mail address and a username of one account count together.
AXES_USERNAME_CALLABLE = "people.backends.login_identifier"
AXES_CLIENT_IP_CALLABLE = "people.backends.client_ip"
AXES_LOCKOUT_CALLABLE = "people.views.locked_out"
# Successful logins are not kept per request: the account's last_login is
# enough, and it holds no IP address.
AXES_DISABLE_ACCESS_LOG = True
# How many proxies in front of the app append to X-Forwarded-For; 0 trusts
# only the connection's own address (production: 1, the load balancer).
LMS_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Content-Security-Policy (django-csp). The site's own pages need nothing
# inline: scripts and styles come from /static/ only. The Wagtail admin still
# writes inline scripts and styles, so /admin/ gets ADMIN_CONTENT_SECURITY_
# POLICY (lms.middleware) instead of a header it would break under.
MEDIA_ORIGINS = [
    o.strip() for o in os.environ.get("MEDIA_ORIGINS", "").split(",") if o.strip()
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
ADMIN_URL_PREFIXES = ("/admin/", "/django-admin/")
ADMIN_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", *MEDIA_ORIGINS],
    "media-src": ["'self'", "blob:", *MEDIA_ORIGINS],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    # Previews of pages and embeds open in frames of the admin itself.
    "frame-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
# Browsers on other sites get no path or query of ours in Referer.
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Indonesian first; English is available through the language switch.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
WAGTAIL_I18N_ENABLED = False
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
# Collected files live apart from the source static/ folder.
STATIC_ROOT = BASE_DIR / "staticfiles"
STATIC_URL = "/static/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"
# Serve MEDIA_ROOT from Django when no object storage or web server does.
SERVE_MEDIA = os.environ.get("SERVE_MEDIA", "true").lower() == "true"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Background work (e-mails, certificates, exports) through the Django tasks
# API. Development runs tasks at once; production uses the database worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Belajar ASN <no-reply@belajar.localhost>"
)

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Belajar ASN"
WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Video files are documents too (see courses.blocks.VideoBlock). Every upload
# must really be what its extension says (courses.uploads.DocumentForm).
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "mp4",
    "odt",
    "pdf",
    "pptx",
    "txt",
    "webm",
    "xlsx",
    "zip",
]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "courses.uploads.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from an outside host: the site must work on a closed network.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("id", "Bahasa Indonesia")]

# Domain settings. Agencies differ on minutes per JP (45 is common, some use
# 60), so it is a setting rather than a constant.
LMS_MINUTES_PER_JP = int(os.environ.get("LMS_MINUTES_PER_JP", "45"))
LMS_JP_MINIMUM = {"PNS": 20, "PPPK": 24}
# Printed on certificates of learners who have no instansi on record.
LMS_CERTIFICATE_ISSUER = os.environ.get(
    "LMS_CERTIFICATE_ISSUER", "Badan Kepegawaian dan Pengembangan SDM"
)
# Seconds after a quiz's time limit during which answers still count (slow
# links submit a little late).
LMS_QUIZ_GRACE_SECONDS = int(os.environ.get("LMS_QUIZ_GRACE_SECONDS", "60"))
# Webinar reminders go out this many hours before the start; check-in codes
# stay valid this many minutes after the end.
LMS_WEBINAR_REMINDER_HOURS = int(os.environ.get("LMS_WEBINAR_REMINDER_HOURS", "24"))
LMS_WEBINAR_CHECK_IN_GRACE_MINUTES = 15

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "lms": {"level": os.environ.get("LMS_LOG_LEVEL", "INFO")},
        "learning": {"level": os.environ.get("LMS_LOG_LEVEL", "INFO")},
    },
}
