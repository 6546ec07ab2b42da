"""The installable web app: its manifest, its service worker, its offline page.

The service worker is rendered from a template at the site root (``/sw.js``)
so that it controls every page and can name the hashed static files it keeps.
Its cache name carries a version made from those names and its own source: a
deploy that changes either installs a new worker, which drops the old cache.
"""

import hashlib
import json
from functools import lru_cache

from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import get_template
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

THEME_COLOR = "#0b5d4b"
BACKGROUND_COLOR = "#f6f8f7"
# Kept by the service worker when it installs: what any saved page needs.
SHELL_STATIC = ("css/lms.css", "js/offline.js")
SERVICE_WORKER_TEMPLATE = "pwa/service_worker.js"


@require_GET
@cache_control(max_age=86400)
def manifest(request):
    """The web app manifest: name, icons and start page of 'Belajar ASN'."""
    data = {
        "id": "/belajar/",
        "name": "Belajar ASN",
        "short_name": "Belajar ASN",
        "description": _(
            "Competency development for Indonesia's civil servants, also offline."
        ),
        "lang": get_language() or settings.LANGUAGE_CODE,
        "dir": "ltr",
        "start_url": reverse("learning:dashboard"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {
                "src": static(f"img/icons/icon-{size}.png"),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": "any maskable",
            }
            for size in (192, 512)
        ],
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )


def _shell_urls():
    return [static(name) for name in SHELL_STATIC] + [reverse("offline")]


def _compute_version():
    """A short hash of the worker's source and the static files it names."""
    digest = hashlib.sha256()
    template = get_template(SERVICE_WORKER_TEMPLATE)
    digest.update(template.template.source.encode())
    for url in _shell_urls():
        digest.update(url.encode())
    # With hashed static files the manifest changes whenever any file does.
    manifest_name = getattr(staticfiles_storage, "manifest_name", None)
    if manifest_name and staticfiles_storage.exists(manifest_name):
        with staticfiles_storage.open(manifest_name) as manifest_file:
            digest.update(manifest_file.read())
    return digest.hexdigest()[:12]


_cached_version = lru_cache(maxsize=1)(_compute_version)


def service_worker_version():
    """The current worker version (recomputed on every request in DEBUG)."""
    return _compute_version() if settings.DEBUG else _cached_version()


@require_GET
def service_worker(request):
    """The service worker script, at the root so its scope is the whole site.

    Browsers check it for updates on their own; ``no-cache`` with an ETag makes
    that check a small 304 while nothing changed.
    """
    version = service_worker_version()
    etag = f'"{version}"'
    # Gzip turns the ETag weak (W/"..."), and browsers send it back so.
    sent = request.headers.get("If-None-Match", "").split(",")
    if etag in (tag.strip().removeprefix("W/") for tag in sent):
        response = HttpResponse(status=304)
    else:
        body = get_template(SERVICE_WORKER_TEMPLATE).render(
            {
                "version": version,
                "shell_json": json.dumps(_shell_urls()),
                "offline_url_json": json.dumps(reverse("offline")),
                "static_url_json": json.dumps(settings.STATIC_URL),
                "media_url_json": json.dumps(settings.MEDIA_URL),
            }
        )
        response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_GET
def offline(request):
    """Shown by the service worker for a page that is not saved on the phone.

    The same for everybody (it is stored once by the worker), so it names
    nobody; ``offline.js`` lists the courses saved on the phone.
    """
    return render(request, "pwa/offline.html")
