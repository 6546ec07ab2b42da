from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home import views as home_views
from learning.privacy import download_my_data
from lms.views import healthz, superusers_only
from search import views as search_views

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # The installable web app: manifest, service worker (root scope), offline page.
    path("manifest.webmanifest", home_views.manifest, name="manifest"),
    path("sw.js", home_views.service_worker, name="service_worker"),
    path("luring/", home_views.offline, name="offline"),
    path("django-admin/", admin.site.urls),
    # Site history (every log entry, with people's names) for superusers only;
    # these come before Wagtail's own patterns for the same paths.
    path(
        "admin/reports/site-history/",
        superusers_only(LogEntriesView.as_view()),
    ),
    path(
        "admin/reports/site-history/results/",
        superusers_only(LogEntriesView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    # Here rather than in people/urls.py: people must not depend on learning.
    path("akun/profil/data/", download_my_data, name="my_data"),
    path("akun/", include("people.urls")),
    path("", include("courses.urls")),
    path("belajar/", include("learning.urls")),
    path("sertifikat/", include("learning.certificate_urls")),
    path("tim/", include("reports.urls")),
    path("sitemap.xml", sitemap),
]

if settings.SERVE_MEDIA:
    from django.urls import re_path

    from learning.privacy import evidence_file
    from lms.views import public_media

    # Uploaded images and videos from the local disk (a single-server
    # deployment); with object storage, media URLs point at the bucket.
    # JP evidence scans carry names and NIPs: only their owner and those who
    # may see the owner get them, never the public media route.
    urlpatterns += [
        path("media/jp-evidence/<path:path>", evidence_file, name="jp_evidence"),
        re_path(r"^media/(?P<path>.*)$", public_media),
    ]

# Wagtail serves every remaining path from the page tree; keep it last.
urlpatterns += [path("", include(wagtail_urls))]
