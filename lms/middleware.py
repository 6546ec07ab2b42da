"""Middleware of the whole site: a lost database, and the security policy.

``DatabaseUnavailableMiddleware`` answers 503 (with ``Retry-After``) instead
of a 500 when the database cannot be reached, and drops the broken
connection so the next request reconnects by itself (together with
``CONN_HEALTH_CHECKS``). Nothing is half-written: every write runs in a
transaction, which the database rolls back when the connection goes.

``IdRangeMiddleware`` answers 404 for a URL id no database column can hold
(SQLite raises OverflowError on lookups through a page's parent link).

``ContentSecurityPolicyMiddleware`` is django-csp's, with the Wagtail admin
under its own, looser policy (the admin still writes inline scripts and
styles; the site's pages do not).
"""

import logging
import sys

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError, connections
from django.dispatch import receiver
from django.http import Http404, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

logger = logging.getLogger("lms")

DATABASE_ERRORS = (OperationalError, InterfaceError)
# Seconds a client is asked to wait; a database restart takes about this long.
RETRY_AFTER_SECONDS = 30


def close_broken_connections():
    """Close every connection that errored, so the next request reconnects.

    A connection inside a transaction that someone else opened (a test's) is
    left to its owner.
    """
    for connection in connections.all(initialized_only=True):
        if connection.in_atomic_block:
            continue
        try:
            connection.close_if_unusable_or_obsolete()
        except Exception:  # noqa: BLE001 - closing a dead socket may fail too
            logger.debug("Closing a broken database connection failed.", exc_info=True)


def database_unavailable_response(request):
    """The 503 answer: an Indonesian page (or JSON for scripts), no database."""
    wants_json = request.path.startswith("/belajar/") and not request.accepts(
        "text/html"
    )
    message = _(
        "The service is temporarily unavailable. Nothing you sent was saved "
        "half-way; please try again in a moment."
    )
    if wants_json:
        response = JsonResponse({"ok": False, "error": message}, status=503)
    else:
        # No request context: context processors would query the database.
        response = HttpResponse(
            render_to_string("503.html", {"message": message}), status=503
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@receiver(got_request_exception, dispatch_uid="lms_mark_database_errors")
def _mark_database_errors(sender, request=None, **kwargs):
    """Note a database error raised outside a view (session save, a
    middleware) so the middleware below can turn that 500 into a 503."""
    error = sys.exc_info()[1]
    if request is not None and isinstance(error, DATABASE_ERRORS):
        request._lms_database_error = error


class DatabaseUnavailableMiddleware:
    """Turn database connection errors into a clean 503 with Retry-After."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 500 and getattr(
            request, "_lms_database_error", None
        ):
            close_broken_connections()
            return database_unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.warning(
            "Database unavailable for %s %s: %s",
            request.method,
            request.path,
            exception,
        )
        close_broken_connections()
        return database_unavailable_response(request)


# The largest id a (big) integer column holds, on PostgreSQL and SQLite.
MAX_ID = 2**63 - 1


class IdRangeMiddleware:
    """404 for ``<int:...>`` URL arguments beyond any database id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        for value in (*view_args, *view_kwargs.values()):
            if isinstance(value, int) and not -MAX_ID <= value <= MAX_ID:
                raise Http404
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp, with ``ADMIN_CONTENT_SECURITY_POLICY`` under the admin."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIXES)
        ):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY
        return parts
