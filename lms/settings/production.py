"""Production: every deployment-specific value comes from the environment.

The process refuses to start without SECRET_KEY. See the configuration table
in the README for each variable.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")

# Comma-separated host names, e.g. "belajar.bkpsdm.go.id,www.belajar.bkpsdm.go.id".
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip()
    for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if o.strip()
]

# Keep database connections open between requests (persistent connections
# with a health check before reuse). Each worker process of each app server
# holds one, plus each task worker: keep servers x workers + task workers
# under PostgreSQL's max_connections (100 by default).
DATABASES["default"]["CONN_MAX_AGE"] = int(  # noqa: F405
    os.environ.get("DB_CONN_MAX_AGE", "60")
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# Behind PgBouncer in transaction mode set this to true: exports read rows
# through server-side cursors, which transaction pooling cannot keep open.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = (  # noqa: F405
    os.environ.get("DB_DISABLE_SERVER_SIDE_CURSORS", "false").lower() == "true"
)
# PostgreSQL's JIT compiler spends 0.1-0.7 s compiling each large report
# query on a small server and wins nothing back at a province's size
# (docs/benchmarks.md): off for our connections, unless DB_JIT=server leaves
# it to the database. PgBouncer refuses connection options: behind it, set
# DB_JIT=server and run `ALTER DATABASE <name> SET jit = off` once instead.
if (
    os.environ.get("DB_JIT", "off") == "off"
    and "postgresql" in DATABASES["default"]["ENGINE"]  # noqa: F405
):
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()

# Sessions in the cache when Redis is shared by every app server, so any
# server can answer any request; the database keeps a copy, so a Redis
# restart logs nobody out.
if REDIS_URL:  # noqa: F405
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    # A Redis that stops answering fails requests within a second instead of
    # holding every worker of every server.
    CACHES["default"].setdefault("OPTIONS", {}).update(  # noqa: F405
        socket_connect_timeout=1, socket_timeout=1
    )

# Hashed, compressed static files served by whitenoise with long lifetimes.
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "whitenoise.storage.CompressedManifestStaticFilesStorage"
)

# Media on S3-compatible object storage when a bucket is configured.
if os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    STORAGES["default"] = {  # noqa: F405
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    # Every app server reads uploads from the bucket: none serves a disk.
    SERVE_MEDIA = False

# Background tasks are stored in the database and run by
# `python manage.py db_worker` on any machine that shares it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# E-mail through SMTP; console when no host is configured.
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
SERVER_EMAIL = DEFAULT_FROM_EMAIL  # noqa: F405

# HTTPS is terminated at the load balancer, which sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# ...and appends the visitor's address to X-Forwarded-For: login lockouts
# (django-axes) count per visitor address, not per load balancer.
LMS_TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"

WAGTAILADMIN_BASE_URL = os.environ.get("BASE_URL", "https://belajar.example.go.id")

# Wagtail search on OpenSearch/Elasticsearch when a URL is given; the
# database backend otherwise. SEARCH_BACKEND is one of Wagtail 7.4's
# wagtail.search.backends.elasticsearch7, elasticsearch8 (default),
# elasticsearch9, opensearch2 or opensearch3, and the image needs the
# matching client (elasticsearch or opensearch-py). Indexes are named
# SEARCH_INDEX + "_" + app and root model (lms_wagtailcore_page, ...).
# Index updates after each page save are queued as tasks, so the db_worker
# must run (with either backend).
if os.environ.get("SEARCH_URL"):
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": os.environ.get(
                "SEARCH_BACKEND", "wagtail.search.backends.elasticsearch8"
            ),
            "URLS": [os.environ["SEARCH_URL"]],
            # INDEX_PREFIX: the INDEX option is deprecated in Wagtail 7.
            "INDEX_PREFIX": os.environ.get("SEARCH_INDEX", "lms") + "_",
        }
    }
