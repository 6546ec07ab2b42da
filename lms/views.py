"""Operational endpoints that belong to no app."""

import posixpath
from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import Error as DatabaseError
from django.http import Http404, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.static import serve
from wagtail.admin.auth import require_admin_access

from lms.middleware import close_broken_connections

# Media folders that hold personal files, served by their own views only.
PRIVATE_MEDIA_PREFIXES = ("jp-evidence/",)


@never_cache
@require_GET
def healthz(request):
    """Say whether this process can reach its database (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        # Drop the broken connection so the next probe reconnects.
        close_broken_connections()
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def public_media(request, path):
    """Uploaded files from MEDIA_ROOT, except the private folders.

    The path is normalised first, as ``serve`` does, so ``./jp-evidence/..``
    or ``x/../jp-evidence/..`` cannot reach a private file.
    """
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.startswith(PRIVATE_MEDIA_PREFIXES):
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def superusers_only(view):
    """An admin view for superusers alone (others: Wagtail's "no permission").

    Wagtail's site history lists every log entry of the models a user holds
    any permission on, with labels such as people's names, whatever their
    instansi; each object's own history page is scoped instead.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_superuser:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return require_admin_access(wrapper)
